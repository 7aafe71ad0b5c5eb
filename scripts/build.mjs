#!/usr/bin/env node
// Bundles each entry with ncc into <out>/<name>/index.js (default out: dist). `--check` builds into a temporary
// directory and fails if anything differs from the committed dist/, so a stale bundle never ships.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { main: 'src/action/main.ts', post: 'src/action/post.ts', cli: 'src/cli/main.ts' };
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'dist-check-')) : join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(join(root, entry))) continue;
  const target = join(out, name);
  rmSync(target, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', join(root, entry), '-m', '-q', '--target', 'es2022', '-o', target], { cwd: root, stdio: 'inherit' });
  // ncc minifies the entry file only; the lazily loaded chunks are minified here, so each step parses less.
  for (const file of readdirSync(target).filter((f) => /^\d+\.index\.js$/.test(f))) {
    const path = join(target, file);
    writeFileSync(path, transformSync(readFileSync(path, 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'inline' }).code);
  }
}

if (check) {
  const list = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);
  const stale = [];
  for (const name of Object.keys(entries)) {
    const built = list(join(out, name));
    const committed = list(join(root, 'dist', name));
    if (built.join() !== committed.join()) stale.push(`${name}: files differ (${built.join(' ')} vs ${committed.join(' ')})`);
    else for (const f of built) {
      const a = join(out, name, f), b = join(root, 'dist', name, f);
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
