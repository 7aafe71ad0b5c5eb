/** IoT certificate mode: placeholder until the mode lands (issue: IoT certificate mode). */
import type { IotSource } from '../config/model.js';
import type { Session } from '../credentials.js';
import { InputError } from '../errors.js';
import type { ProviderContext } from './context.js';

export async function iotSession(_source: IotSource, _ctx: ProviderContext): Promise<Session> {
  throw new InputError('mode', 'iot-certificate is not available in this version', 'Use mode: oidc');
}
