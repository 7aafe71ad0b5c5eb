/**
 * Builds and runs minio-go-client/main.go: MinIO's own Go client (minio-go v7, `credentials.NewSTSCertificateIdentity`)
 * from Debian's packages golang-go and golang-github-minio-minio-go-v7-dev, offline, in GOPATH mode.
 *
 * Debian's minio-go (7.0.46) panics in sts_tls_identity.go before sending anything: it adds DurationSeconds to
 * `req.Form`, a nil map on a client request. minio-go fixed it upstream (commit 230e538) by sending the duration in
 * the URL query, which is where MinIO reads it. The build applies that fix with `go build -overlay`: the Debian file is
 * read, its one faulty statement replaced, and the result handed to the compiler in place of the original; the
 * installed package is untouched. The binary is cached in the temp directory, keyed by everything that goes into it.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { collect, ROOT } from '../support/processes.js';

const run = promisify(execFile);

const DEBIAN_GOPATH = '/usr/share/gocode';
const MINIO_CREDENTIALS = join(DEBIAN_GOPATH, 'src/github.com/minio/minio-go/v7/pkg/credentials');
const TLS_IDENTITY = join(MINIO_CREDENTIALS, 'sts_tls_identity.go');
const MAIN = join(ROOT, '__tests__/standins/minio-go-client/main.go');

const FAULTY = 'req.Form.Add("DurationSeconds", strconv.FormatUint(uint64(livetime.Seconds()), 10))';
const QUERY_LINE = 'queryValues.Set("Version", STSVersion)';

/** Debian's sts_tls_identity.go with the duration moved from the nil request form into the URL query. */
export function fixTlsIdentitySource(source: string): string {
  if (source.split(FAULTY).length !== 2 || source.split(QUERY_LINE).length !== 2) {
    throw new Error(
      `${TLS_IDENTITY} is not the version this fix was written for (expected one '${FAULTY}'); check the installed golang-github-minio-minio-go-v7-dev`,
    );
  }
  return source
    .replace(FAULTY, '// The duration travels in the query (set above): req.Form is nil here.')
    .replace(
      QUERY_LINE,
      `${QUERY_LINE}\n\tqueryValues.Set("DurationSeconds", strconv.FormatUint(uint64(livetime.Seconds()), 10))`,
    );
}

export interface GoBuild {
  binary: string;
  /** Milliseconds the build took; 0 when the cached binary was used. */
  buildMs: number;
  goVersion: string;
}

/** Builds the client with the fix (or, with `fixed: false`, Debian's file as shipped); fails clearly without Go. */
export async function buildMinioGoClient(options: { fixed?: boolean } = {}): Promise<GoBuild> {
  const fixed = options.fixed ?? true;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0)
    throw new Error(
      'the go command is missing: apt-get install golang-go golang-github-minio-minio-go-v7-dev (npm test does, as root)',
    );
  if (!existsSync(TLS_IDENTITY))
    throw new Error(
      `${TLS_IDENTITY} is missing: apt-get install golang-github-minio-minio-go-v7-dev (npm test does, as root)`,
    );
  const goVersion = go.stdout.trim();
  const original = await readFile(TLS_IDENTITY, 'utf8');
  const identitySource = fixed ? fixTlsIdentitySource(original) : original;
  const main = await readFile(MAIN, 'utf8');
  const key = createHash('sha256').update(`${goVersion}\0${identitySource}\0${main}`).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `minio-go-client-${key}`);
  const binary = join(dir, 'minio-go-client');
  if (existsSync(binary)) return { binary, buildMs: 0, goVersion };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const overlay = join(dir, 'overlay.json');
  const replacement = join(dir, 'sts_tls_identity.go');
  await writeFile(replacement, identitySource, { mode: 0o600 });
  await writeFile(overlay, JSON.stringify({ Replace: { [TLS_IDENTITY]: replacement } }), { mode: 0o600 });
  const started = Date.now();
  const partial = `${binary}.${process.pid}`;
  try {
    await run('go', ['build', '-overlay', overlay, '-o', partial, MAIN], {
      // GOPATH mode resolves imports from Debian's source tree: no module proxy, no network.
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: DEBIAN_GOPATH,
        GOFLAGS: '',
        GOCACHE: join(tmpdir(), 'minio-go-client-gocache'),
        CGO_ENABLED: '0',
      },
      timeout: 300_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`go build of ${MAIN} failed: ${e.stderr || e.message}`);
  }
  // Renamed into place so a concurrent test never runs a half-written binary.
  await rename(partial, binary);
  return { binary, buildMs: Date.now() - started, goVersion };
}

export interface GoClientAnswer {
  exitCode: number | null;
  stderr: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  refreshAt?: string;
  error?: { code: string; message: string; requestId: string; goType: string };
}

export interface GoClientRun {
  endpoint: string;
  certPath: string;
  keyPath: string;
  caPath: string;
  durationSeconds?: number;
}

export async function runMinioGoClient(binary: string, o: GoClientRun): Promise<GoClientAnswer> {
  const args = ['-endpoint', o.endpoint, '-cert', o.certPath, '-key', o.keyPath, '-ca', o.caPath];
  if (o.durationSeconds !== undefined) args.push('-duration', `${o.durationSeconds}s`);
  // No proxy variables: the stand-in is on loopback.
  // Asynchronous: the stand-in usually answers from this very process.
  const res = await collect(
    spawn(binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      env: { PATH: process.env['PATH'] ?? '' },
    }),
  );
  const answer: GoClientAnswer = { exitCode: res.code, stderr: res.stderr };
  const line = res.stdout.trim();
  if (line) Object.assign(answer, JSON.parse(line) as object);
  return answer;
}
