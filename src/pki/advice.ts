/** What to do about key and certificate material that cannot be used: one home per message, openssl commands too. */

const EXPORT = 'openssl pkcs12 -export';
const WITH_CHAIN = `${EXPORT} -inkey key.pem -in cert.pem -certfile chain.pem`;

/** A PKCS#12 file that is damaged or was written wrongly: a plain export again fixes it. */
export const PKCS12_EXPORT_AGAIN = `Export it again with: ${EXPORT}`;

export const PKCS12_UNREADABLE =
  'Check that it holds the whole .p12/.pfx (stored as base64 in a secret, or as a file path), ' +
  `or export it again with: ${EXPORT}`;

export const PKCS12_TOO_MUCH_WORK =
  `Export it again with ordinary settings: ${EXPORT} ` + '(OpenSSL 3 uses 2048 iterations)';

export const PKCS12_TOO_MANY_BAGS = `Export a file with just the certificate, its key and its chain: ${WITH_CHAIN}`;

export const PKCS12_WITHOUT_KEY = `Export the certificate together with its key: ${WITH_CHAIN}`;

/** A PKCS#12 file protected with a cipher this runtime cannot decrypt. */
export const PKCS12_LEGACY_CIPHER =
  'Re-export it with AES, the OpenSSL 3 default: openssl pkcs12 -legacy -in old.p12 -out tmp.pem, ' +
  `then ${EXPORT} -in tmp.pem -out new.p12 (and delete tmp.pem)`;

/** A private key where the certificate should be. */
export const keyInCertificateInput = (input: string): string =>
  `Put the certificate (-----BEGIN CERTIFICATE-----) in '${input}' and the key in 'private-key'; ` +
  'rotate the key if it was exposed';

export const PUBLIC_KEY_NOT_PRIVATE =
  'Paste the private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----) ' +
  'that belongs to the certificate';

/** A file of binary DER where PEM was expected. */
export const convertDerToPem = (file: string): string =>
  `Convert it to PEM (openssl x509 -inform der -in '${file}' for a certificate, openssl pkey -inform der for a key)`;

export const PEM_DAMAGED =
  'Paste the whole PEM again: it must start with -----BEGIN <LABEL>----- and end with -----END <LABEL>-----, ' +
  'five dashes each side';

export const PEM_WITHOUT_ARMOUR =
  'Paste the whole PEM, including the -----BEGIN ...----- and -----END ...----- lines, or give the path of a PEM file';

/** A value that looks like a path to a file that cannot be read. */
export const pemOrExistingPath = (input: string): string =>
  `Set '${input}' to the PEM text itself or to the path of an existing file ` +
  '(relative paths start from the working directory)';
