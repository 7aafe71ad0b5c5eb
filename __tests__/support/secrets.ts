/**
 * The secret ledger: every secret a test handles is added here, and every end-to-end run is checked against it.
 * A secret may appear on stdout only in its own `::add-mask::` line, which must come before any other mention;
 * never on stderr, in the step summary, in GITHUB_STATE, or in outputs unless the run asked for them.
 */
import assert from 'node:assert/strict';
import type { RunResult } from './action-runner.js';

export class SecretLedger {
  private readonly secrets = new Map<string, string>();

  /** Adds a secret (and, for multi-line ones like PEM bodies, each of its long lines). */
  add(label: string, value: string | undefined): void {
    if (!value) return;
    this.secrets.set(value, label);
    const lines = value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length >= 16 && !l.startsWith('-----'));
    if (lines.length > 1) for (const line of lines) this.secrets.set(line, `${label} (a line)`);
  }

  /** Adds the credentials a run delivered, so later checks cover them too. */
  addDelivered(run: RunResult): void {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      this.add(name, run.exported[name]);
  }

  assertNoLeak(
    run: RunResult,
    options: { outputsMayHoldCredentials?: boolean; envMayHoldCredentials?: boolean } = {},
  ): void {
    const stdoutLines = run.stdout.split(/\r?\n/);
    for (const [secret, label] of this.secrets) {
      const maskLine = stdoutLines.findIndex((l) => l === `::add-mask::${secret}`);
      stdoutLines.forEach((line, i) => {
        if (!line.includes(secret) || line.startsWith('::add-mask::')) return;
        assert.fail(`${label} appears on stdout line ${i + 1} (not a mask line): ${redact(line, secret)}`);
      });
      const delivered = run.files.env.includes(secret) || run.files.output.includes(secret);
      if (delivered) assert.ok(maskLine >= 0, `${label} was delivered but never masked with ::add-mask::`);
      assert.ok(!run.stderr.includes(secret), `${label} appears on stderr`);
      assert.ok(!run.summary.includes(secret), `${label} appears in the step summary`);
      assert.ok(!run.files.state.includes(secret), `${label} appears in GITHUB_STATE`);
      if (!options.outputsMayHoldCredentials)
        assert.ok(!run.files.output.includes(secret), `${label} appears in step outputs`);
      if (options.envMayHoldCredentials === false)
        assert.ok(!run.files.env.includes(secret), `${label} appears in GITHUB_ENV`);
    }
  }

  get size(): number {
    return this.secrets.size;
  }
}

function redact(line: string, secret: string): string {
  return line.split(secret).join('<SECRET>').slice(0, 300);
}
