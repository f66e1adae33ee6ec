// @cuomin/config: the one configuration file of the command line and the language server.
// Configuration is data: JSON or YAML, never code.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { CATEGORIES, type Category, type Finding, type Scanner } from '@cuomin/core';
import { createBaselineScanner, loadDictionaryFile, type SourceEntry } from '@cuomin/dictionary';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export interface CuominConfig {
  /** Extra dictionary files (.yaml .txt .tsv .csv), relative to the config file. */
  dictionaries?: string[];
  /** Default true. */
  baseline?: boolean | Category[];
  /** Key: rule id or category name. */
  rules?: Record<string, RuleLevel>;
  /** Phrases allowed everywhere. */
  allow?: string[];
  /** Globs relative to the config file (file walking). */
  ignore?: string[];
  /** Default true. */
  segmentation?: boolean;
  /** Files larger than this many bytes are skipped (default 10 MiB). */
  maxFileSize?: number;
}

export const CONFIG_FILE_NAMES: readonly string[] = ['cuomin.config.json', 'cuomin.config.yaml', 'cuomin.config.yml'];

const require = createRequire(import.meta.url);
/** The JSON Schema of the config file; shipped as schema/cuomin.config.schema.json. */
export const configSchema: object = require('../schema/cuomin.config.schema.json') as object;

/** A bad config or dictionary file. The message reads `file:line: what is wrong`. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its folder: relative paths in the config are resolved from here. */
  dir: string;
  config: CuominConfig;
}

/** The nearest config file in `fromDir` or a folder above it. */
export function findConfigFile(fromDir: string): string | undefined {
  let dir = resolve(fromDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The YAML node at an Ajv instance path such as `/rules/typo`, or the nearest one above it. */
function nodeAt(doc: Document, path: string, key = false): Node | undefined {
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const [i, part] of parts.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === part);
      // For an unknown key, point at the key itself.
      node = key && i === parts.length - 1 ? pair?.key : pair?.value;
    } else if (isSeq(node)) node = node.items[Number(part)];
    else break;
    if (node && typeof node === 'object' && 'range' in node) last = node as Node;
  }
  return last;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '' : `${error.instancePath.slice(1).replace(/\//g, '.')}: `;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      return `${where}unknown key "${name}" (known: ${Object.keys((configSchema as { properties: object }).properties).filter((k) => k !== '$schema').join(', ')})`;
    }
    case 'enum':
      return `${where}must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'pattern':
      return error.instancePath.startsWith('/dictionaries')
        ? `${where}not a dictionary file (use .yaml, .yml, .txt, .tsv or .csv)`
        : `${where}must match ${(error.params as { pattern: string }).pattern}`;
    case 'oneOf':
      return `${where}must be true, false or a list of categories (${CATEGORIES.join(', ')})`;
    case 'propertyNames':
      return `${where}"${(error.params as { propertyName: string }).propertyName}" is not a rule id or category`;
    default:
      return `${where}${error.message ?? 'is invalid'}`;
  }
}

/** Parses config text; `file` is only for messages. Throws ConfigError with a line. */
export function parseConfig(text: string, file: string): CuominConfig {
  const source = text.replace(/^\uFEFF/, '');
  const counter = new LineCounter();
  const json = extname(file).toLowerCase() === '.json';
  if (json) {
    try {
      JSON.parse(source);
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      const line = position === undefined ? 1 : source.slice(0, Number(position)).split('\n').length;
      throw new ConfigError(file, line, `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`);
    }
  }
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? 1;
    throw new ConfigError(file, line, `invalid ${json ? 'JSON' : 'YAML'}: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const data = (doc.toJS() as unknown) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(file, 1, 'the config must be an object (keys: dictionaries, baseline, rules, allow, ignore, segmentation)');
  }
  const errors = validate(data);
  // oneOf reports its branches too; the oneOf message alone says it best.
  const chosen = errors.find((e) => e.keyword === 'oneOf') ?? errors.find((e) => !errors.some((o) => o.keyword === 'oneOf' && e.instancePath.startsWith(o.instancePath))) ?? errors[0];
  if (chosen) {
    const extra = chosen.keyword === 'additionalProperties' ? (chosen.params as { additionalProperty: string }).additionalProperty : undefined;
    const propertyName = chosen.keyword === 'propertyNames' ? (chosen.params as { propertyName: string }).propertyName : undefined;
    const path = extra ?? propertyName;
    const node = path === undefined ? nodeAt(doc, chosen.instancePath) : nodeAt(doc, `${chosen.instancePath}/${path}`, true);
    const offset = node?.range?.[0];
    throw new ConfigError(file, offset === undefined ? 1 : counter.linePos(offset).line, describe(chosen));
  }
  return data as CuominConfig;
}

/** Reads and validates a config file. Throws ConfigError (syntax and schema errors with their line). */
export function readConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  const shown = displayPath(absolute);
  const extension = extname(absolute).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new ConfigError(shown, 1, `unsupported config format "${extension || basename(absolute)}" (use .json, .yaml or .yml; JavaScript configs are not read)`);
  }
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(shown, 1, code === 'ENOENT' ? 'no such config file' : `cannot read config: ${(error as Error).message}`);
  }
  return { path: absolute, dir: dirname(absolute), config: parseConfig(text, shown) };
}

export interface Overrides {
  dictionaries?: string[];
  baseline?: boolean | Category[];
  rules?: Record<string, RuleLevel>;
  allow?: string[];
  segmentation?: boolean;
}

/** The rule levels in force: the config file's, then the overrides'. */
export function effectiveRules(config: LoadedConfig | undefined, overrides: Overrides = {}): Record<string, RuleLevel> {
  return { ...(config?.config.rules ?? {}), ...(overrides.rules ?? {}) };
}

/**
 * Layers: built-in defaults → baseline dictionary → config file → overrides (flags or editor settings).
 * Dictionary paths in the config are relative to it; override paths are used as given (resolve them first).
 * Throws ConfigError for an unreadable or invalid dictionary file.
 */
export function createConfiguredScanner(
  config: LoadedConfig | undefined,
  overrides: Overrides = {},
): { scanner: Scanner; dictionaryFiles: string[] } {
  const dictionaryFiles = [
    ...(config?.config.dictionaries ?? []).map((p) => resolve(config?.dir ?? '.', p)),
    ...(overrides.dictionaries ?? []).map((p) => resolve(p)),
  ];
  const layers: SourceEntry['entry'][][] = [];
  for (const file of dictionaryFiles) {
    const parsed = loadDictionaryFile(file, { displayPath: displayPath(file) });
    const problem = parsed.problems[0];
    if (problem) {
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more problems)` : '';
      throw new ConfigError(problem.file, problem.line, `${problem.message}${more}`);
    }
    layers.push(parsed.entries.map((e) => e.entry));
  }
  const rules = effectiveRules(config, overrides);
  // Whole categories that are off never reach the scanner; single rules are filtered after
  // selection, so that switching off 银保监会 does not bring the 保监会 inside it back.
  const disable = Object.entries(rules)
    .filter(([key, level]) => level === 'off' && (CATEGORIES as readonly string[]).includes(key))
    .map(([key]) => key);
  const segmentation = overrides.segmentation ?? config?.config.segmentation ?? true;
  const allow = [...(config?.config.allow ?? []), ...(overrides.allow ?? [])];
  const scanner = createBaselineScanner({
    baseline: overrides.baseline ?? config?.config.baseline ?? true,
    layers,
    disable,
    allow,
    ...(segmentation ? {} : { segmenter: null }),
  });
  return { scanner, dictionaryFiles };
}

/** Severity overrides per rule id (wins) or category; 'off' removes the finding. */
export function applyRuleLevels(findings: readonly Finding[], rules: Readonly<Record<string, RuleLevel>>): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const level = rules[finding.ruleId] ?? rules[finding.category];
    if (level === 'off') continue;
    out.push(level === undefined || level === finding.severity ? finding : { ...finding, severity: level });
  }
  return out;
}

function writeAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Adds a phrase to the `allow` list of the config file at `path` (or the config file in the folder `path`,
 * creating `cuomin.config.json` there when there is none), keeping the file's other content and format.
 * Returns the path written.
 */
export function addAllowPhrase(pathOrDir: string, phrase: string): string {
  let path = resolve(pathOrDir);
  if (existsSync(path) && statSync(path).isDirectory()) {
    const dir = path;
    path = CONFIG_FILE_NAMES.map((name) => join(dir, name)).find((p) => existsSync(p)) ?? join(dir, CONFIG_FILE_NAMES[0] as string);
  }
  if (!existsSync(path)) {
    writeAtomic(path, `${JSON.stringify({ allow: [phrase] }, null, 2)}\n`);
    return path;
  }
  const text = readFileSync(path, 'utf8');
  const config = parseConfig(text, displayPath(path));
  if (config.allow?.includes(phrase)) return path;
  if (extname(path).toLowerCase() === '.json') {
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const data = JSON.parse(text.slice(bom.length)) as Record<string, unknown>;
    data.allow = [...((data.allow as string[] | undefined) ?? []), phrase];
    writeAtomic(path, bom + JSON.stringify(data, null, indent).replace(/\n/g, eol) + (text.endsWith('\n') ? eol : ''));
  } else {
    // The yaml Document keeps comments and layout of everything it does not touch.
    const doc = parseDocument(text);
    const allow = doc.get('allow');
    if (isSeq(allow)) allow.add(doc.createNode(phrase));
    else doc.set('allow', doc.createNode([phrase]));
    writeAtomic(path, doc.toString());
  }
  return path;
}
export { IgnoreRules, walkFiles } from './walk.js';
