import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PACKAGES = ['types', 'matcher', 'core', 'dictionary'];
// pnpm's scripts export NODE_PATH into the workspace's store; a user's project has no such thing.
const { NODE_PATH: _workspacePath, ...userEnv } = process.env;
const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...userEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

let project: string;
let tarballs: string[];

const ESM = `
import { createBaselineScanner } from '@cuomin/dictionary';
import { applyFixes, createScanner } from '@cuomin/core';
const scanner = createBaselineScanner();
const first = scanner.scan('習進平同志强调，银保监会要落实。我们既使用了新方法。');
// performance.now() counts from process start: imports included.
const elapsed = performance.now();
const own = createScanner({ entries: [{ id: 'custom/own', term: '本单位错词', category: 'custom', suggestions: ['正确词'] }] });
console.log(JSON.stringify({
  elapsed,
  findings: first.findings.map((f) => [f.ruleId.split('/')[0], f.actual, f.start, f.end]),
  problems: first.problems.map((p) => p.kind),
  fixed: applyFixes('这是本单位错词。', own.scan('这是本单位错词。').findings).text,
}));
`;

const CJS = `
const { createBaselineScanner, parseListDictionary } = require('@cuomin/dictionary');
const { createScanner } = require('@cuomin/core');
const { entries } = parseListDictionary('term,category,suggestion\\n本单位错词,custom,正确词\\n', 'csv', { file: 'own.csv' });
const own = createScanner({ entries: entries.map((e) => e.entry), segmenter: null });
console.log(JSON.stringify({
  own: own.scan('这是本单位错词。').findings.map((f) => f.expected[0]),
  baseline: createBaselineScanner().scan('银保监会').findings.map((f) => f.category),
}));
`;

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), 'cuomin-packs-'));
  for (const name of PACKAGES) {
    run('npx', ['--yes', 'pnpm@12.4.2', '--filter', `@cuomin/${name}`, 'pack', '--pack-destination', packs], ROOT);
  }
  tarballs = readdirSync(packs).map((file) => join(packs, file));
  expect(tarballs).toHaveLength(PACKAGES.length);
  // A project outside the workspace: nothing links back to the source tree.
  project = mkdtempSync(join(tmpdir(), 'cuomin-user-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project);
  writeFileSync(join(project, 'esm.mjs'), ESM);
  writeFileSync(join(project, 'cjs.cjs'), CJS);
});

describe('the packed library, installed with npm', () => {
  test('without nodejieba: ESM and CommonJS work, and the missing segmenter is reported', () => {
    const esm = JSON.parse(run('node', ['esm.mjs'], project));
    expect(esm.findings).toEqual([
      ['serious', '習進平', 0, 3],
      ['outdated', '银保监会', 8, 12],
      ['typo', '既使', 18, 20], // no segmenter: the word-boundary check cannot clear 既使用了
    ]);
    expect(esm.problems).toEqual(['segmenter']);
    console.log(`process start to first scan result, with the baseline, without nodejieba: ${esm.elapsed.toFixed(0)} ms`);
    expect(esm.fixed).toBe('这是正确词。');
    expect(JSON.parse(run('node', ['cjs.cjs'], project))).toEqual({ own: ['正确词'], baseline: ['outdated'] });
  });

  test('pnpm installs the same tarballs, with its stricter node_modules', () => {
    const other = mkdtempSync(join(tmpdir(), 'cuomin-pnpm-user-'));
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'pnpm-user-project', private: true }));
    // pnpm resolves the packages' own dependencies on each other from the registry unless told where they are.
    const overrides = tarballs.map((file) => `  '@cuomin/${file.replace(/.*cuomin-(\w+)-[\d.]+\.tgz$/, '$1')}': 'file:${file}'`);
    writeFileSync(join(other, 'pnpm-workspace.yaml'), `overrides:\n${overrides.join('\n')}\n`);
    run('npx', ['--yes', 'pnpm@12.4.2', 'add', '--prefer-offline', ...tarballs], other);
    writeFileSync(join(other, 'cjs.cjs'), CJS);
    expect(JSON.parse(run('node', ['cjs.cjs'], other))).toEqual({ own: ['正确词'], baseline: ['outdated'] });
  });

  test('only the public entry points are importable', () => {
    const attempt = "try { require('@cuomin/core/dist/scanner.js'); console.log('imported') } catch (e) { console.log(e.code) }";
    expect(run('node', ['-e', attempt], project).trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('the worked examples of the README run as they are written', () => {
    const readme = readFileSync(join(ROOT, 'packages/core/README.md'), 'utf8');
    const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(examples).toHaveLength(3);
    examples.forEach((code, i) => {
      writeFileSync(join(project, `example-${i}.mjs`), code);
      expect(() => run('node', [`example-${i}.mjs`], project)).not.toThrow();
    });
  });

  test('with nodejieba installed, segmentation is used', () => {
    // nodejieba's install script fetches its build tool with npx, which needs yes.
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', 'nodejieba@3.5.8'], project, { npm_config_yes: 'true' });
    const esm = JSON.parse(run('node', ['esm.mjs'], project));
    expect(esm.findings).toEqual([
      ['serious', '習進平', 0, 3],
      ['outdated', '银保监会', 8, 12],
    ]);
    expect(esm.problems).toEqual([]);
    const sizes = run('du', ['-sk', ...PACKAGES.map((p) => `node_modules/@cuomin/${p}`)], project);
    console.log(`installed sizes (KiB):\n${sizes}process start to first scan result, with the baseline and nodejieba: ${esm.elapsed.toFixed(0)} ms`);
  });
});
