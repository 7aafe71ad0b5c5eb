#!/usr/bin/env node
// Bundles each entry with ncc into <out>/<name>/index.js (default out: dist). `--check` builds into a temporary
// directory and fails if anything differs from the committed dist/, so a stale bundle never ships.
//
// Two choices here are measured (npm run bench, the OIDC step beside the peer), not taste:
// - ncc resolves a package's ES build ("module") before its CommonJS one ("main"). The AWS SDK ships both and marks
//   itself side-effect free; from the ES build webpack keeps the SDK's own lazy imports lazy (the default credential
//   chain, which this project never uses, leaves the STS chunk: 458 -> 357 KiB).
// - Every file, the entry included, is minified by esbuild rather than by ncc's terser: esbuild keeps the parentheses
//   around each bundled module's function, which V8 reads as "compile now" (all of them run at once anyway), where
//   terser drops them and each module is parsed twice. About 10 ms of a 120 ms step.
import ncc from '@vercel/ncc';
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  existsSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { transformSync } from 'esbuild';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { main: 'src/action/main.ts', post: 'src/action/post.ts', cli: 'src/cli/main.ts' };
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'dist-check-')) : join(root, 'dist');

for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(join(root, entry))) continue;
  const target = join(out, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const { code, assets } = await ncc(join(root, entry), {
    minify: false,
    quiet: true,
    target: 'es2022',
    mainFields: ['module', 'main'],
  });
  const files = { 'index.js': { source: code, permissions: name === 'cli' ? 0o755 : 0o644 }, ...assets };
  for (const [file, asset] of Object.entries(files)) {
    const path = join(target, file);
    mkdirSync(dirname(path), { recursive: true });
    const source = file.endsWith('.js') ? minify(asset.source.toString()) : asset.source;
    writeFileSync(path, source);
    chmodSync(path, (asset.permissions ?? 0o644) & 0o111 ? 0o755 : 0o644);
  }
}

function minify(source) {
  return transformSync(source, {
    minify: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'inline',
    platform: 'node',
  }).code;
}

if (check) {
  const list = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);
  const stale = [];
  for (const name of Object.keys(entries)) {
    const built = list(join(out, name));
    const committed = list(join(root, 'dist', name));
    if (built.join() !== committed.join())
      stale.push(`${name}: files differ (${built.join(' ')} vs ${committed.join(' ')})`);
    else
      for (const f of built) {
        const a = join(out, name, f),
          b = join(root, 'dist', name, f);
        if (!readFileSync(a).equals(readFileSync(b))) stale.push(`dist/${name}/${f}`);
      }
  }
  rmSync(out, { recursive: true, force: true });
  if (stale.length) {
    console.error(`dist/ is stale (rebuild with 'npm run build' and commit):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dist/ matches src/');
}
