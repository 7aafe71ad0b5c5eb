/** Every mode's inputs, by mode: a new mode is one file here and one entry below (and its provider). */
import type { Mode, Source } from '../model.js';
import type { SourceSpec } from './inputs.js';
import { iotCertificateSource } from './iot-certificate.js';
import { minioCertificateSource } from './minio-certificate.js';
import { oidcSource } from './oidc.js';
import { rolesAnywhereSource } from './roles-anywhere.js';

export const SOURCES: { [M in Mode]: SourceSpec<Extract<Source, { mode: M }>> } = {
  oidc: oidcSource,
  'iot-certificate': iotCertificateSource,
  'roles-anywhere': rolesAnywhereSource,
  'minio-certificate': minioCertificateSource,
};

/** The modes in the order they are listed to users. */
export const MODES = Object.keys(SOURCES) as Mode[];
