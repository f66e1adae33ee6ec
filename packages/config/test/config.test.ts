import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@cuomin/core';
import {
  addAllowPhrase,
  applyRuleLevels,
  CONFIG_FILE_NAMES,
  ConfigError,
  configSchema,
  createConfiguredScanner,
  findConfigFile,
  readConfigFile,
} from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'cuomin-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function dir(files: Record<string, string>): string {
  const d = join(root, `case${n++}`);
  mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const DICT = `category: custom
source: test
entries:
  - id: custom/foo
    term: 某某局
    suggestions: [某某厅]
  - id: custom/bar
    term: 错字词
    category: typo
    suggestions: [正字词]
`;

describe('finding the config file', () => {
  it('walks up from a folder and prefers .json over .yaml in one folder', () => {
    const d = dir({ 'cuomin.config.yaml': 'allow: []\n', 'cuomin.config.json': '{}', 'a/b/c/x.md': '' });
    expect(findConfigFile(join(d, 'a/b/c'))).toBe(join(d, 'cuomin.config.json'));
    const e = dir({ 'cuomin.config.yml': 'allow: []\n', 'sub/x.md': '' });
    expect(findConfigFile(join(e, 'sub'))).toBe(join(e, 'cuomin.config.yml'));
    expect(CONFIG_FILE_NAMES).toEqual(['cuomin.config.json', 'cuomin.config.yaml', 'cuomin.config.yml']);
  });
});

describe('reading the config file', () => {
  it('reads JSON and YAML with a BOM', () => {
    const d = dir({ 'a.json': '\uFEFF{"allow": ["甲乙"], "rules": {"typo": "off"}}', 'b.yaml': 'baseline: [serious, typo]\nsegmentation: false\n' });
    expect(readConfigFile(join(d, 'a.json')).config).toEqual({ allow: ['甲乙'], rules: { typo: 'off' } });
    const loaded = readConfigFile(join(d, 'b.yaml'));
    expect(loaded).toEqual({ path: join(d, 'b.yaml'), dir: d, config: { baseline: ['serious', 'typo'], segmentation: false } });
  });

  const errors: [string, string, string, number, RegExp][] = [
    ['JSON syntax', 'c.json', '{\n  "allow": ["a"],\n  "rules": {,}\n}', 3, /invalid JSON/],
    ['YAML syntax', 'c.yaml', 'allow:\n  - a\nrules: {typo: off\n', 4, /invalid YAML/],
    ['unknown key', 'c.json', '{\n  "allow": [],\n  "rulez": {}\n}', 3, /unknown key "rulez"/],
    ['bad level', 'c.yaml', 'rules:\n  typo: warn\n', 2, /rules\.typo: must be one of off, info, warning, error/],
    ['bad baseline', 'c.yaml', 'allow: []\nbaseline: [serious, nonsense]\n', 2, /baseline: must be true, false or a list of categories/],
    ['bad dictionary extension', 'c.json', '{\n"dictionaries": [\n"a.js"\n]}', 3, /not a dictionary file/],
    ['not an object', 'c.yaml', '- a\n- b\n', 1, /must be an object/],
    ['wrong type', 'c.yaml', 'segmentation: yes please\n', 1, /segmentation: must be boolean/],
  ];
  it.each(errors)('%s gives file:line and what is wrong', (_name, file, text, line, reason) => {
    const d = dir({ [file]: text });
    const error = configError(() => readConfigFile(join(d, file)));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(reason);
    expect(error.message.startsWith(`${error.file}:${line}: `)).toBe(true);
    expect(error.file.endsWith(file)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('never runs JavaScript: a .js config is refused and not executed', () => {
    const d = dir({});
    const marker = join(d, 'ran');
    writeFileSync(join(d, 'cuomin.config.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`);
    const error = configError(() => readConfigFile(join(d, 'cuomin.config.js')));
    expect(error.message).toMatch(/JavaScript configs are not read/);
    expect(existsSync(marker)).toBe(false);
  });

  it('a missing file is a ConfigError', () => {
    expect(configError(() => readConfigFile(join(root, 'nope.json'))).message).toMatch(/no such config file/);
  });

  it('ships its schema as a file equal to the exported one', () => {
    const shipped = JSON.parse(readFileSync(new URL('../schema/cuomin.config.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(configSchema);
    expect(Object.keys((configSchema as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['dictionaries', 'baseline', 'rules', 'allow', 'ignore', 'segmentation']),
    );
  });
});

describe('layering', () => {
  const text = '某某局通知：错字词要改。习进平';

  it('config dictionaries are relative to the config file and lie over the baseline', () => {
    const d = dir({ 'dicts/mine.yaml': DICT, 'cuomin.config.json': '{"dictionaries": ["dicts/mine.yaml"], "segmentation": false}' });
    const { scanner, dictionaryFiles } = createConfiguredScanner(readConfigFile(join(d, 'cuomin.config.json')));
    expect(dictionaryFiles).toEqual([join(d, 'dicts/mine.yaml')]);
    const ids = scanner.scan(text).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['custom/foo', 'custom/bar']));
    // The baseline is on by default: 习进平 is one of its serious entries.
    expect(scanner.scan(text).findings.some((f) => f.category === 'serious' && f.actual === '习进平')).toBe(true);
  });

  it('overrides win over the config file: baseline off, extra dictionary, allow', () => {
    const d = dir({ 'mine.yaml': DICT, 'cuomin.config.yaml': 'baseline: true\nallow: [某某局通知]\nsegmentation: false\n' });
    const config = readConfigFile(join(d, 'cuomin.config.yaml'));
    const { scanner } = createConfiguredScanner(config, { baseline: false, dictionaries: [join(d, 'mine.yaml')] });
    expect(scanner.scan(text).findings.map((f) => f.actual)).toEqual(['错字词']);
  });

  it('a category set to off in rules never reaches the scanner', () => {
    const d = dir({ 'mine.yaml': DICT, 'cuomin.config.json': '{"baseline": false, "dictionaries": ["mine.yaml"], "rules": {"typo": "off"}, "segmentation": false}' });
    const { scanner } = createConfiguredScanner(readConfigFile(join(d, 'cuomin.config.json')));
    expect(scanner.scan(text).findings.map((f) => f.actual)).toEqual(['某某局']);
  });

  it('a bad dictionary file throws ConfigError with its file and line', () => {
    const d = dir({ 'bad.yaml': 'entries:\n  - id: custom/x\n    term: 某\n    severity: fatal\n' });
    const error = configError(() => createConfiguredScanner(undefined, { baseline: false, dictionaries: [join(d, 'bad.yaml')] }));
    expect(error.line).toBe(4);
    expect(error.file).toMatch(/bad\.yaml$/);
    const missing = configError(() => createConfiguredScanner(undefined, { dictionaries: [join(d, 'missing.tsv')] }));
    expect(missing.message).toMatch(/missing\.tsv:1: cannot read dictionary: no such file/);
  });
});

describe('rule levels', () => {
  const finding = (ruleId: string, category: Finding['category'], severity: Finding['severity']): Finding => ({
    ruleId, category, severity, actual: 'x', expected: [], message: 'm', start: 0, end: 1, fixable: false,
  });
  it('a rule id wins over its category; off removes the finding', () => {
    const findings = [finding('typo/a', 'typo', 'warning'), finding('typo/b', 'typo', 'warning'), finding('serious/c', 'serious', 'error')];
    const out = applyRuleLevels(findings, { typo: 'error', 'typo/b': 'info', 'serious/c': 'off' });
    expect(out.map((f) => [f.ruleId, f.severity])).toEqual([['typo/a', 'error'], ['typo/b', 'info']]);
    expect(findings[0]?.severity).toBe('warning');
  });
});

describe('adding an allowed phrase', () => {
  it('creates cuomin.config.json in a folder without one', () => {
    const d = dir({});
    const path = addAllowPhrase(d, '某某局');
    expect(path).toBe(join(d, 'cuomin.config.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ allow: ['某某局'] });
  });
  it('keeps JSON indentation, other keys and CRLF', () => {
    const d = dir({ 'cuomin.config.json': '{\r\n    "rules": {\r\n        "typo": "off"\r\n    }\r\n}\r\n' });
    addAllowPhrase(d, '甲');
    addAllowPhrase(d, '甲');
    expect(readFileSync(join(d, 'cuomin.config.json'), 'utf8')).toBe(
      '{\r\n    "rules": {\r\n        "typo": "off"\r\n    },\r\n    "allow": [\r\n        "甲"\r\n    ]\r\n}\r\n',
    );
  });
  it('keeps YAML comments', () => {
    const d = dir({ 'cuomin.config.yaml': '# our settings\nallow:\n  - 甲 # kept\nsegmentation: false\n' });
    addAllowPhrase(join(d, 'cuomin.config.yaml'), '乙');
    expect(readFileSync(join(d, 'cuomin.config.yaml'), 'utf8')).toBe('# our settings\nallow:\n  - 甲 # kept\n  - 乙\nsegmentation: false\n');
  });
});
