import { Automaton, createEngine, type EngineName, type MatchEngine } from '@cuomin/matcher';
import {
  CATEGORIES,
  DEFAULT_SEVERITY,
  type BoundaryPolicy,
  type Category,
  type Entry,
  type HistoricalPolicy,
  type QuotePolicy,
  type Severity,
} from '@cuomin/types';
import { normalize, normalizeTerm } from './normalize.js';

/** A dictionary that cannot be built. Names the entry and what is wrong with it. */
export class DictionaryError extends Error {
  readonly entryId: string | undefined;
  constructor(message: string, entryId?: string) {
    super(entryId === undefined ? message : `entry ${JSON.stringify(entryId)}: ${message}`);
    this.name = 'DictionaryError';
    this.entryId = entryId;
  }
}

/** An entry with every default resolved and every string normalised once, at build time. */
export interface CompiledEntry {
  readonly entry: Entry;
  readonly index: number;
  readonly severity: Severity;
  readonly boundary: 'word' | 'none';
  readonly quotes: QuotePolicy;
  readonly historical: HistoricalPolicy;
  readonly priority: number;
  readonly forbidBefore: readonly string[];
  readonly forbidAfter: readonly string[];
  readonly requireBefore: readonly string[];
  readonly requireAfter: readonly string[];
  /** Whether the term starts or ends with a Latin letter or digit (needs an ASCII word boundary). */
  readonly latinStart: boolean;
  readonly latinEnd: boolean;
}

/** What a pattern of the automaton stands for: an entry's term, or an allow phrase. */
export type PatternTarget = { kind: 'entry'; entry: number } | { kind: 'allow'; global: boolean; entries: ReadonlySet<number> };

export interface Stream {
  /** Whether this stream's text skips noise characters between CJK characters. */
  readonly noise: boolean;
  readonly engine: MatchEngine;
  readonly targets: readonly PatternTarget[];
}

export interface CompiledDictionary {
  readonly entries: readonly CompiledEntry[];
  readonly allow: readonly string[];
  readonly streams: readonly Stream[];
  readonly engineName: EngineName;
}

export interface CompileOptions {
  /** Phrases that are fine wherever they occur; a hit inside one is dropped. */
  allow?: readonly string[];
  engine?: EngineName;
}

const CATEGORY_PRIORITY: Readonly<Record<Category, number>> = {
  serious: 0,
  banned: 1,
  outdated: 2,
  typo: 3,
  sensitive: 4,
  custom: 5,
};
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const BOUNDARIES: readonly BoundaryPolicy[] = ['word', 'none', 'auto'];
const QUOTE_POLICIES: readonly QuotePolicy[] = ['flag', 'ignore'];
const HISTORICAL_POLICIES: readonly HistoricalPolicy[] = ['flag', 'ignore'];
const LATIN = /[a-z0-9]/;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, id: string): void {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new DictionaryError(`${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`, id);
  }
}

function stringList(value: unknown, field: string, id: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new DictionaryError(`${field} must be a list of strings`, id);
  }
  return value as string[];
}

function compileEntry(entry: Entry, index: number): CompiledEntry {
  if (entry === null || typeof entry !== 'object') throw new DictionaryError(`entry #${index + 1} is not an object`);
  const id = entry.id;
  if (typeof id !== 'string' || id.trim() === '') throw new DictionaryError(`entry #${index + 1} has no id`);
  if (typeof entry.term !== 'string' || normalizeTerm(entry.term).trim() === '') {
    throw new DictionaryError('term is missing or empty', id);
  }
  if (!CATEGORIES.includes(entry.category)) {
    throw new DictionaryError(`category must be one of ${CATEGORIES.join(', ')}, not ${JSON.stringify(entry.category)}`, id);
  }
  oneOf(entry.severity, SEVERITIES, 'severity', id);
  oneOf(entry.boundary, BOUNDARIES, 'boundary', id);
  oneOf(entry.quotes, QUOTE_POLICIES, 'quotes', id);
  oneOf(entry.historical, HISTORICAL_POLICIES, 'historical', id);
  stringList(entry.suggestions, 'suggestions', id);
  const forms = [entry.term, ...stringList(entry.variants, 'variants', id)].map(normalizeTerm);
  if (forms.some((form) => form === '')) throw new DictionaryError('a variant is empty', id);
  for (const phrase of stringList(entry.allow, 'allow', id)) {
    const normalised = normalizeTerm(phrase);
    if (!forms.some((form) => normalised.includes(form) && normalised !== form)) {
      throw new DictionaryError(`allow phrase ${JSON.stringify(phrase)} does not contain the term or is equal to it`, id);
    }
  }
  const context = entry.context ?? {};
  const term = forms[0] as string;
  const boundary = entry.boundary ?? 'auto';
  return {
    entry,
    index,
    severity: entry.severity ?? DEFAULT_SEVERITY[entry.category],
    boundary: boundary === 'auto' ? ([...term].length <= 2 ? 'word' : 'none') : boundary,
    quotes: entry.quotes ?? 'flag',
    historical: entry.historical ?? (entry.category === 'outdated' ? 'ignore' : 'flag'),
    priority: CATEGORY_PRIORITY[entry.category],
    forbidBefore: stringList(context.forbidBefore, 'context.forbidBefore', id).map(normalizeTerm),
    forbidAfter: stringList(context.forbidAfter, 'context.forbidAfter', id).map(normalizeTerm),
    requireBefore: stringList(context.requireBefore, 'context.requireBefore', id).map(normalizeTerm),
    requireAfter: stringList(context.requireAfter, 'context.requireAfter', id).map(normalizeTerm),
    latinStart: LATIN.test(term[0] ?? ''),
    latinEnd: LATIN.test(term[term.length - 1] ?? ''),
  };
}

interface StreamPlan {
  readonly noise: boolean;
  readonly patterns: string[];
  readonly targets: PatternTarget[];
}

/** The patterns of each stream, in a deterministic order, so a serialised automaton lines up with them. */
function planStreams(entries: readonly CompiledEntry[], globalAllow: readonly string[]): StreamPlan[] {
  const allowTargets = new Map<string, { global: boolean; entries: Set<number> }>();
  const addAllow = (phrase: string, entry: number | undefined) => {
    const form = normalizeTerm(phrase);
    if (form === '') return;
    let target = allowTargets.get(form);
    if (!target) allowTargets.set(form, (target = { global: false, entries: new Set() }));
    if (entry === undefined) target.global = true;
    else target.entries.add(entry);
  };
  for (const phrase of globalAllow) addAllow(phrase, undefined);
  for (const compiled of entries) for (const phrase of compiled.entry.allow ?? []) addAllow(phrase, compiled.index);

  const plan = (noise: boolean): StreamPlan => {
    const patterns: string[] = [];
    const targets: PatternTarget[] = [];
    for (const compiled of entries) {
      if (noise && compiled.entry.noise !== true) continue;
      const forms = new Set([compiled.entry.term, ...(compiled.entry.variants ?? [])].map((form) => normalize(form, { noise }).text));
      for (const form of forms) {
        patterns.push(form);
        targets.push({ kind: 'entry', entry: compiled.index });
      }
    }
    if (patterns.length === 0) return { noise, patterns, targets };
    for (const [form, target] of allowTargets) {
      patterns.push(form);
      targets.push({ kind: 'allow', global: target.global, entries: target.entries });
    }
    return { noise, patterns, targets };
  };
  return [plan(false), plan(true)].filter((stream) => stream.patterns.length > 0);
}

function checkUniqueIds(entries: readonly CompiledEntry[]): void {
  const seen = new Set<string>();
  for (const { entry } of entries) {
    if (seen.has(entry.id)) throw new DictionaryError('duplicate id', entry.id);
    seen.add(entry.id);
  }
}

/** Builds the automata for a list of entries. Throws DictionaryError on a bad entry. */
export function compileDictionary(entries: readonly Entry[], options: CompileOptions = {}): CompiledDictionary {
  const compiled = entries.map(compileEntry);
  checkUniqueIds(compiled);
  const allow = [...(options.allow ?? [])];
  const engineName = options.engine ?? 'cuomin';
  const streams = planStreams(compiled, allow).map((plan) => ({
    noise: plan.noise,
    targets: plan.targets,
    engine: createEngine(engineName, plan.patterns),
  }));
  return { entries: compiled, allow, streams, engineName };
}

// Serialised form: magic, version, a JSON header with the entries, then one automaton per stream.
const MAGIC = 0x434d4431; // "CMD1"

/** A binary blob that loads faster than the dictionary builds (the automata are stored compiled). */
export function serializeDictionary(dictionary: CompiledDictionary): Uint8Array {
  if (dictionary.engineName !== 'cuomin') throw new Error(`only the cuomin engine can be serialised, not ${dictionary.engineName}`);
  const header = new TextEncoder().encode(
    JSON.stringify({
      entries: dictionary.entries.map((compiled) => compiled.entry),
      allow: dictionary.allow,
      streams: dictionary.streams.map((stream) => ({ noise: stream.noise, patterns: stream.targets.length })),
    }),
  );
  const blobs = dictionary.streams.map((stream) => (stream.engine as Automaton).serialize());
  const size = 12 + header.length + blobs.reduce((sum, blob) => sum + 4 + blob.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, 1);
  view.setUint32(8, header.length);
  bytes.set(header, 12);
  let offset = 12 + header.length;
  for (const blob of blobs) {
    view.setUint32(offset, blob.length);
    bytes.set(blob, offset + 4);
    offset += 4 + blob.length;
  }
  return bytes;
}

export function deserializeDictionary(bytes: Uint8Array): CompiledDictionary {
  const fail = (why: string): never => {
    throw new DictionaryError(`not a compiled cuomin dictionary: ${why}`);
  };
  if (bytes.length < 12) fail('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== MAGIC) fail('bad magic bytes');
  if (view.getUint32(4) !== 1) fail(`unsupported version ${view.getUint32(4)}`);
  const headerLength = view.getUint32(8);
  if (12 + headerLength > bytes.length) fail('truncated header');
  let header: { entries: Entry[]; allow: string[]; streams: { noise: boolean; patterns: number }[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    return fail('unreadable header');
  }
  const compiled = header.entries.map(compileEntry);
  const plans = planStreams(compiled, header.allow);
  if (plans.length !== header.streams.length) fail('stream count does not match its entries');
  let offset = 12 + headerLength;
  const streams = plans.map((plan, i) => {
    if (offset + 4 > bytes.length) fail('truncated automaton');
    const length = view.getUint32(offset);
    if (offset + 4 + length > bytes.length) fail('truncated automaton');
    const engine = Automaton.deserialize(bytes.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
    if (engine.patternCount !== plan.patterns.length || header.streams[i]?.noise !== plan.noise) {
      fail('automaton does not match its entries');
    }
    return { noise: plan.noise, targets: plan.targets, engine };
  });
  return { entries: compiled, allow: header.allow, streams, engineName: 'cuomin' };
}
