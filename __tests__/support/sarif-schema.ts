/**
 * Validates a SARIF log against the SARIF 2.1.0 JSON schema (draft-04) with Ajv. The schema is the one the npm
 * package @microsoft/jest-sarif ships (lib/schemas/sarif-2.1.0-rtm.5.json, MIT), pinned in package-lock.json; it
 * differs from OASIS's final errata01 schema only in details no report of this project uses (see the README's audit).
 */
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// rtm.5's language pattern has a stray `]` (OASIS's errata fixed it): valid only as a non-unicode RegExp.
// Both are CommonJS modules whose ES default is the module object; the class and plugin are its `default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about the log, one line each; none when it is valid. */
export function sarifErrors(log: unknown): string[] {
  return validate(log)
    ? []
    : (validate.errors ?? []).map(
        (e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message ?? ''}`,
      );
}
