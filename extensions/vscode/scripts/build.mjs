// Bundles the extension for `vsce package --no-dependencies`:
//   dist/extension.js   the client (vscode-languageclient), CommonJS, `vscode` external
//   dist/server.js      the language server (@cuomin/language-server's bin) with everything it imports
//   baseline/, schema/  the baseline dictionary and the dictionary schema, where @cuomin/dictionary
//                       looks for them: `../baseline/` and `../schema/` from the file that holds its
//                       code, which is dist/server.js once bundled
//   dist/node_modules/nodejieba/   the native segmenter built on this machine, found by the server's
//                       `createRequire(import.meta.url)('nodejieba')`; left out with --no-jieba
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
rmSync(join(root, 'baseline'), { recursive: true, force: true });
rmSync(join(root, 'schema'), { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// The server's packages are ES modules that find their files through `import.meta.url`;
// in a CommonJS bundle that becomes the bundle's own URL.
const importMetaUrl = {
  banner: { js: 'const __cuominImportMetaUrl = require("url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__cuominImportMetaUrl' },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !args.has('--no-minify'),
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

// The server's own command-line entry: it makes the connection from `--node-ipc`, which the client passes.
const serverDir = packageDir('@cuomin/language-server', root);
const serverEntry = join(serverDir, 'dist', 'bin.js');
if (!existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: build the workspace first (npx tsc -b)`);
const results = await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src', 'extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
  build({ ...common, ...importMetaUrl, entryPoints: [serverEntry], outfile: join(dist, 'server.js'), external: ['nodejieba'],
  }),
]);

// The baseline dictionary, from the workspace package the server depends on.
const dictionaryDir = packageDir('@cuomin/dictionary', serverDir);
mkdirSync(join(root, 'baseline'));
for (const file of ['entries.json', 'baseline.bin']) {
  cpSync(join(dictionaryDir, 'baseline', file), join(root, 'baseline', file));
}
// JSON schemas, which @cuomin/dictionary and @cuomin/config read with `require('../schema/…')` at run time:
// every bundled workspace package's schema/ folder, merged into one.
mkdirSync(join(root, 'schema'));
const bundledPackages = new Set(
  Object.keys(results[1].metafile.inputs)
    .map((input) => /(?:^|\/)packages\/([^/]+)\//.exec(input)?.[1])
    .filter((name) => name !== undefined),
);
const schemaFrom = new Map();
for (const name of bundledPackages) {
  const dir = join(root, '..', '..', 'packages', name, 'schema');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)) {
    if (schemaFrom.has(file)) throw new Error(`schema/${file} comes from both ${schemaFrom.get(file)} and ${name}`);
    schemaFrom.set(file, name);
    cpSync(join(dir, file), join(root, 'schema', file));
  }
}

// nodejieba: the addon, its loader and its five dictionary files.
let jieba = 'left out (--no-jieba)';
if (!args.has('--no-jieba')) {
  const from = packageDir('nodejieba', packageDir('@cuomin/core', serverDir));
  const to = join(dist, 'node_modules', 'nodejieba');
  const files = [
    'package.json',
    'index.js',
    'LICENSE',
    'build/Release/nodejieba.node',
    'submodules/cppjieba/LICENSE',
    ...['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8', 'idf.utf8', 'stop_words.utf8'].map(
      (f) => `submodules/cppjieba/dict/${f}`,
    ),
  ];
  const addon = join(from, 'build/Release/nodejieba.node');
  if (!existsSync(addon)) {
    jieba = `not built in ${from}: the extension runs without word segmentation`;
  } else {
    for (const file of files) {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      cpSync(join(from, file), join(to, file));
    }
    // Only what index.js needs at run time: the addon is prebuilt, nothing is downloaded or compiled.
    const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
    writeFileSync(
      join(to, 'package.json'),
      JSON.stringify({ name: pkg.name, version: pkg.version, license: pkg.license, main: pkg.main }, null, 2) + '\n',
    );
    jieba = `${pkg.version} for ${process.platform}-${process.arch}`;
  }
}

/** The folder of package `name` as seen from the package in `from` (workspace packages export no package.json). */
function packageDir(name, from) {
  let dir = dirname(realpathSync(createRequire(join(from, 'package.json')).resolve(name)));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of ${name} from ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

const size = (file) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;
console.log(
  [
    `dist/extension.js ${size(join(dist, 'extension.js'))}`,
    `dist/server.js ${size(join(dist, 'server.js'))}`,
    `baseline from ${relative(root, dictionaryDir)}`,
    `schema/ ${[...schemaFrom].map(([file, name]) => `${file} (${name})`).join(', ')}`,
    `nodejieba ${jieba}`,
  ].join('\n'),
);
if (args.has('--meta')) {
  writeFileSync(join(dist, 'meta-server.json'), JSON.stringify(results[1].metafile));
}
