/** Every catalogued bad input, run through the bundled action: exit 1, the catalogued error, nothing secret echoed. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BAD_INPUTS } from '../catalogue/bad-inputs.js';
import { errorAnnotation, runAction } from '../support/action-runner.js';

describe('bad inputs end in a clear error naming the input', () => {
  for (const c of BAD_INPUTS) {
    test(c.title, async () => {
      const run = await runAction('main', { inputs: c.inputs, env: c.env ?? {} });
      assert.equal(run.code, 1, `exit code; stdout: ${run.stdout}`);
      const error = errorAnnotation(run.stdout);
      assert.ok(error.includes(c.expect), `expected error to contain:\n  ${c.expect}\ngot:\n  ${error}`);
      assert.equal(run.stderr, '', 'nothing on stderr: no stack trace');
      assert.equal(run.files.env, '', 'nothing exported');
    });
  }
});
