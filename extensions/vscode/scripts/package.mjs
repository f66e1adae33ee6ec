// Packs the built extension (run scripts/build.mjs first) into dist/cuomin-vscode.vsix.
// vsce does not understand pnpm workspaces (nor `catalog:` versions), so it runs on a staging
// folder holding only what ships: the manifest without its development fields, the bundles,
// the baseline dictionary, nodejieba and the Marketplace page.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const staging = join(root, '.vsix-staging');
// --no-jieba leaves the segmenter out (the end-to-end test of running without it); --out names the file.
const args = process.argv.slice(2);
const withoutJieba = args.includes('--no-jieba');
const outArg = args.indexOf('--out');
const out = outArg >= 0 ? join(process.cwd(), args[outArg + 1]) : join(root, 'dist', 'cuomin-vscode.vsix');

for (const needed of ['dist/extension.js', 'dist/server.js', 'baseline/entries.json', 'baseline/baseline.bin', 'schema/dictionary.schema.json']) {
  if (!existsSync(join(root, needed))) throw new Error(`${needed} is missing: run scripts/build.mjs first`);
}
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, 'dist'), { recursive: true });

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
delete manifest.devDependencies;
delete manifest.scripts;
delete manifest.private;
writeFileSync(join(staging, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

const copies = [
  'README.md',
  'CHANGELOG.md',
  'LICENSE.txt',
  'images',
  'baseline',
  'schema',
  'dist/extension.js',
  'dist/server.js',
  ...(withoutJieba ? [] : ['dist/node_modules']),
];
for (const path of copies) {
  if (existsSync(join(root, path))) cpSync(join(root, path), join(staging, path), { recursive: true });
}

// Everything in the staging folder ships.
writeFileSync(join(staging, '.vscodeignore'), '.vscodeignore\n');
rmSync(out, { force: true });
const vsce = join(root, 'node_modules', '.bin', 'vsce');
const result = spawnSync(
  vsce,
  ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out],
  { cwd: staging, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
rmSync(staging, { recursive: true, force: true });
console.log(`${out} ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
