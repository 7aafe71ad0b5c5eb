/** IoT certificate mode's inputs: the credentials provider endpoint, the role alias, the thing, the certificate. */
import { InputError } from '../../errors.js';
import { normaliseIotEndpoint } from '../iot-endpoint.js';
import type { IotSource } from '../model.js';
import { requireInput, type SourceSpec } from './inputs.js';

export const iotCertificateSource: SourceSpec<IotSource> = {
  inputs: ['iot-credential-endpoint', 'role-alias', 'thing-name'],
  sharedInputs: ['ca-certificate'],
  build(get) {
    const endpoint = normaliseIotEndpoint(get('iot-credential-endpoint'), 'iot-credential-endpoint');
    requireInput(
      get,
      'role-alias',
      "the IoT credentials provider exchanges the certificate for this role alias's role",
    );
    if (!/^[\w=,@-]{1,128}$/.test(get('role-alias'))) {
      throw new InputError(
        'role-alias',
        `'${get('role-alias')}' is not a role alias name`,
        'Use the alias name (letters, digits and =,@-), not its ARN',
      );
    }
    const source: IotSource = {
      mode: 'iot-certificate',
      endpoint,
      roleAlias: get('role-alias'),
      certificate: requireInput(get, 'certificate', 'give the client certificate as PEM text or a path'),
      privateKey: requireInput(get, 'private-key', "give the certificate's private key as PEM text or a path"),
    };
    if (get('thing-name')) {
      if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(get('thing-name'))) {
        throw new InputError(
          'thing-name',
          `'${get('thing-name')}' is not a valid thing name`,
          'Use the IoT thing name (letters, digits and :_-)',
        );
      }
      source.thingName = get('thing-name');
    }
    if (get('private-key-passphrase')) source.passphrase = get('private-key-passphrase');
    if (get('ca-certificate')) source.caCertificate = get('ca-certificate');
    return source;
  },
};
