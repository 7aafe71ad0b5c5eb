/** Roles Anywhere mode's inputs: the trust anchor, the profile, the role, and the certificate (PEM or PKCS#12). */
import { InputError } from '../../errors.js';
import { parseRegionalArn, parseRoleArn } from '../arn.js';
import type { RolesAnywhereSource } from '../model.js';
import { requireInput, type SourceSpec } from './inputs.js';

export const rolesAnywhereSource: SourceSpec<RolesAnywhereSource> = {
  inputs: ['trust-anchor-arn', 'profile-arn'],
  sharedInputs: ['certificate-chain'],
  build(get) {
    const anchorExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<id>';
    const profileExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/<id>';
    const anchor = parseRegionalArn(
      requireInput(get, 'trust-anchor-arn', 'Roles Anywhere needs the trust anchor that issued the certificate'),
      'trust-anchor-arn',
      'rolesanywhere',
      'trust-anchor',
      anchorExample,
    );
    const profile = parseRegionalArn(
      requireInput(get, 'profile-arn', 'Roles Anywhere needs the profile that lists the role'),
      'profile-arn',
      'rolesanywhere',
      'profile',
      profileExample,
    );
    if (anchor.region !== profile.region) {
      throw new InputError(
        'profile-arn',
        `is in region ${profile.region} but trust-anchor-arn is in ${anchor.region}`,
        'Use a trust anchor and profile from the same region',
      );
    }
    requireInput(get, 'role-to-assume', 'Roles Anywhere needs the role to assume, one the profile lists');
    parseRoleArn(get('role-to-assume'), 'role-to-assume');
    const source: RolesAnywhereSource = {
      mode: 'roles-anywhere',
      trustAnchorArn: get('trust-anchor-arn'),
      profileArn: get('profile-arn'),
      roleArn: get('role-to-assume'),
      region: anchor.region,
      certificate: requireInput(get, 'certificate', 'give the certificate as PEM text, a path, or a PKCS#12 file'),
      privateKey: get('private-key'),
    };
    if (get('certificate-chain')) source.certificateChain = get('certificate-chain');
    if (get('private-key-passphrase')) source.passphrase = get('private-key-passphrase');
    return source;
  },
};
