import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Category, Entry } from '@cuomin/types';

/** Where an entry or a problem sits in a dictionary file. 1-based line. */
export interface Location {
  file: string;
  line: number;
}

/** An entry read from a file, with where it came from. */
export interface SourceEntry {
  entry: Entry;
  location: Location;
}

export interface DictionaryProblem extends Location {
  message: string;
  entryId?: string;
}

export interface ParsedDictionary {
  entries: SourceEntry[];
  problems: DictionaryProblem[];
}

const require = createRequire(import.meta.url);
/** The JSON Schema of a YAML dictionary source file; shipped with the package. */
export const dictionarySchema = require('../schema/dictionary.schema.json') as object;

let validator: ReturnType<Ajv['compile']> | undefined;
function validateSchema(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(dictionarySchema);
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

// YAML keys are snake_case for curators; the in-memory Entry is camelCase.
const FILE_DEFAULTS = ['category', 'severity', 'source', 'note', 'boundary', 'quotes', 'historical', 'noise', 'auto_fix', 'since'] as const;

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function toEntry(raw: Record<string, unknown>, defaults: Record<string, unknown>): Entry {
  const merged: Record<string, unknown> = { ...defaults, ...raw };
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (key === 'context' && value && typeof value === 'object') {
      entry.context = Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), v]));
    } else entry[camel(key)] = value;
  }
  return entry as unknown as Entry;
}

function lineOf(counter: LineCounter, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** The YAML node at an Ajv instance path such as `/entries/3/severity`. */
function nodeAt(doc: Document, path: string): Node | undefined {
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === part);
      node = pair?.value;
    } else if (isSeq(node)) node = node.items[Number(part)];
    else break;
    if (node && typeof node === 'object' && 'range' in node) last = node as Node;
  }
  return last;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'file' : error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field ${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)}`;
  }
  if (error.keyword === 'enum') {
    return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  return `${where}: ${error.message ?? 'is invalid'}`;
}

/** Parses one YAML dictionary file. Never throws: what is wrong comes back as problems with lines. */
export function parseYamlDictionary(text: string, file: string): ParsedDictionary {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const problems: DictionaryProblem[] = doc.errors.map((error) => ({
    file,
    line: error.linePos?.[0]?.line ?? 1,
    message: `YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  if (problems.length > 0) return { entries: [], problems };

  const data = doc.toJS() as unknown;
  for (const error of validateSchema(data)) {
    // An unknown field is reported on its own line, not on the line of the entry holding it.
    const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
    const path = extra === undefined ? error.instancePath : `${error.instancePath}/${extra}`;
    problems.push({ file, line: lineOf(counter, nodeAt(doc, path)), message: describe(error) });
  }
  if (problems.length > 0) return { entries: [], problems };

  const root = data as Record<string, unknown> & { entries: Record<string, unknown>[] };
  const defaults: Record<string, unknown> = {};
  for (const key of FILE_DEFAULTS) if (root[key] !== undefined) defaults[key] = root[key];
  const seq = nodeAt(doc, '/entries');
  const entries: SourceEntry[] = root.entries.map((raw, i) => {
    const node = isSeq(seq) ? (seq.items[i] as Node | undefined) : undefined;
    return { entry: toEntry(raw, defaults), location: { file, line: lineOf(counter, node) } };
  });
  for (const { entry, location } of entries) {
    if (entry.category === undefined) {
      problems.push({ ...location, entryId: entry.id, message: 'no category (give one on the entry or the file)' });
    }
  }
  return { entries: problems.length > 0 ? [] : entries, problems };
}

export type ListFormat = 'txt' | 'tsv' | 'csv';

export interface ListOptions {
  file: string;
  /** Category of every entry of a .txt list, and the default for a table without a category column. */
  category?: Category;
  /** Prefix of generated ids, e.g. the file's base name. */
  idPrefix?: string;
}

export { parseListDictionary } from './lists.js';
