import type { EngineName } from '@cuomin/matcher';
import type { Category, Entry, Finding, Problem, ScanResult } from '@cuomin/types';
import {
  compileDictionary,
  deserializeDictionary,
  serializeDictionary,
  type CompiledDictionary,
  type CompiledEntry,
  type Stream,
} from './compile.js';
import { messageFor } from './message.js';
import { CLOSING_QUOTES, OPENING_QUOTES, normalize, normalizeTerm, type NormalizedText } from './normalize.js';
import { loadJieba, wordBoundaries, type Segmenter, type SegmenterLoad } from './segmenter.js';

/** Words that mark a mention as historical when they stand just before the term. */
export const HISTORICAL_BEFORE = ['原', '时任', '曾任', '前', '不再保留', '撤销', '撤销了'];
/** … or just after it. */
export const HISTORICAL_AFTER = ['更名为', '改名为', '改为', '已撤销', '撤销', '被撤销', '不再保留', '改组为'];

/**
 * A historical marker may also stand before a place name: 原杭州市工商局, 时任江苏省卫生厅厅长.
 * 原 followed by a character that makes it another word (原则, 原因, 原来 …) is no marker.
 */
const HISTORICAL_BEFORE_PLACE =
  /(?:原(?![则因来本始理创料告籍文有先样地件址貌型])|时任|曾任)\p{Script=Han}{1,8}?(?:省|市|县|区|州|盟|旗|镇|乡)$/u;

export interface ScannerOptions {
  /** The dictionary as entries; ignored when `compiled` is given. */
  entries?: readonly Entry[];
  /** A dictionary serialised by `scanner.serialize()`. */
  compiled?: Uint8Array;
  /** Phrases that are fine wherever they occur; a hit inside one is dropped. */
  allow?: readonly string[];
  /** The matching engine: the project's own automaton (default) or @monyone/aho-corasick. */
  engine?: EngineName;
  /**
   * `'jieba'` (default) loads nodejieba when first needed; a function is called instead to load one;
   * `null` turns word-boundary checks off.
   */
  segmenter?: Segmenter | 'jieba' | (() => SegmenterLoad) | null;
  historicalBefore?: readonly string[];
  historicalAfter?: readonly string[];
}

export interface ScanOptions {
  /** Only these categories (default: all). */
  categories?: readonly Category[];
  /** Rule ids that are off. */
  disabled?: Iterable<string>;
}

export interface EntryChange {
  /** New entries, or replacements of entries with the same id. */
  add?: readonly Entry[];
  /** Ids of entries to remove. */
  remove?: readonly string[];
}

export interface Scanner {
  scan(text: string, options?: ScanOptions): ScanResult;
  /** Adds, replaces and removes entries on the running scanner. */
  update(change: EntryChange): void;
  /** Replaces the global allow-list. */
  setAllow(phrases: readonly string[]): void;
  entry(id: string): Entry | undefined;
  readonly entries: readonly Entry[];
  /** Problems about the scanner itself (a segmenter that did not load), also reported once by `scan`. */
  readonly problems: readonly Problem[];
  /** The compiled dictionary as a blob for `createScanner({ compiled })`. */
  serialize(): Uint8Array;
}

interface Candidate {
  compiled: CompiledEntry;
  /** Span in the stream's normalised text. */
  s: number;
  e: number;
  /** Span in the original text. */
  start: number;
  end: number;
  norm: NormalizedText;
}

interface AllowHit {
  s: number;
  e: number;
  global: boolean;
  entries: ReadonlySet<number>;
}

const WINDOW = 8;

/** Live updates go to a small overlay; past this many overlay entries the whole dictionary is rebuilt. */
function overlayLimit(baseSize: number): number {
  return Math.max(2000, Math.floor(baseSize / 10));
}

export function createScanner(options: ScannerOptions = {}): Scanner {
  // The dictionary is a large compiled base, plus a small overlay of entries added or replaced
  // since it was built; base entries that were removed or replaced are masked by id. Results equal
  // those of a full rebuild, and an update costs a compile of the overlay only.
  let base: CompiledDictionary = options.compiled
    ? deserializeDictionary(options.compiled)
    : compileDictionary(options.entries ?? [], options);
  let overlay: CompiledDictionary | undefined;
  let overlayIds = new Set<string>();
  let masked = new Set<string>();
  let allow = [...base.allow];
  let byId = new Map(base.entries.map((c) => [c.entry.id, c.entry]));
  let baseById = new Map(byId);
  const engine = options.engine ?? base.engineName;
  const historicalBefore = (options.historicalBefore ?? HISTORICAL_BEFORE).map(normalizeTerm);
  const historicalAfter = (options.historicalAfter ?? HISTORICAL_AFTER).map(normalizeTerm);
  const problems: Problem[] = [];
  const choice = options.segmenter === undefined ? 'jieba' : options.segmenter;
  const load = choice === 'jieba' ? loadJieba : typeof choice === 'function' ? choice : undefined;
  let segmenter: Segmenter | null | undefined = load ? undefined : (choice as Segmenter | null);
  let pendingProblems: Problem[] = [];

  const rebuild = (entries: Map<string, Entry>) => {
    base = compileDictionary([...entries.values()], { allow, engine });
    overlay = undefined;
    overlayIds = new Set();
    masked = new Set();
    byId = entries;
    baseById = new Map(entries);
  };

  const getSegmenter = (): Segmenter | null => {
    if (segmenter !== undefined || !load) return segmenter ?? null;
    const loaded = load();
    if (loaded.segmenter) return (segmenter = loaded.segmenter);
    const problem: Problem = { kind: 'segmenter', severity: 'warning', message: loaded.error };
    problems.push(problem);
    pendingProblems.push(problem);
    return (segmenter = null);
  };

  const scan = (input: string, scanOptions: ScanOptions = {}): ScanResult => {
    const text = typeof input === 'string' ? input : String(input ?? '');
    const categories = scanOptions.categories ? new Set(scanOptions.categories) : undefined;
    const disabled = scanOptions.disabled ? new Set(scanOptions.disabled) : undefined;
    const wanted = (compiled: CompiledEntry) =>
      (!categories || categories.has(compiled.entry.category)) && !disabled?.has(compiled.entry.id);

    const candidates: Candidate[] = [];
    const normalised = new Map<boolean, NormalizedText>();
    const layers: [CompiledDictionary, (c: CompiledEntry) => boolean][] = [
      [base, (c) => wanted(c) && !masked.has(c.entry.id)],
    ];
    if (overlay) layers.push([overlay, wanted]);
    for (const [dict, enabled] of layers) {
      for (const stream of dict.streams) {
        let norm = normalised.get(stream.noise);
        if (!norm) normalised.set(stream.noise, (norm = normalize(text, { noise: stream.noise })));
        collect(stream, dict, norm, enabled, getSegmenter, candidates);
      }
    }

    const findings = select(candidates)
      .filter((c) => passesConditions(c, text, historicalBefore, historicalAfter))
      .map((c) => toFinding(c, text));
    const reported = pendingProblems;
    pendingProblems = [];
    return { findings, problems: reported };
  };

  return {
    scan,
    update(change) {
      // Only ids this change touches, or that were already in the overlay or the mask, can differ
      // from the base: work on those alone, so a small change to a large dictionary stays small.
      const added = new Map((change.add ?? []).map((entry) => [entry.id, entry]));
      const removed = new Set(change.remove ?? []);
      const after = (id: string): Entry | undefined => added.get(id) ?? (removed.has(id) ? undefined : byId.get(id));
      const ids = new Set([...overlayIds, ...masked, ...added.keys(), ...removed]);
      const overlayEntries: Entry[] = [];
      const nextMasked = new Set<string>();
      for (const id of ids) {
        const entry = after(id);
        const original = baseById.get(id);
        if (entry !== undefined && entry !== original) overlayEntries.push(entry);
        if (original !== undefined && entry !== original) nextMasked.add(id);
      }
      const apply = () => {
        for (const id of removed) byId.delete(id);
        for (const [id, entry] of added) byId.set(id, entry);
      };
      if (overlayEntries.length > overlayLimit(base.entries.length)) {
        const next = new Map(byId);
        for (const id of removed) next.delete(id);
        for (const [id, entry] of added) next.set(id, entry);
        rebuild(next);
        return;
      }
      // Build first so that a bad entry throws here and the scanner keeps its last good state.
      overlay = overlayEntries.length > 0 ? compileDictionary(overlayEntries, { allow, engine }) : undefined;
      overlayIds = new Set(overlayEntries.map((entry) => entry.id));
      masked = nextMasked;
      apply();
    },
    setAllow(phrases) {
      allow = [...phrases];
      rebuild(byId);
    },
    entry: (id) => byId.get(id),
    get entries() {
      return [...byId.values()];
    },
    problems,
    serialize() {
      if (overlay || masked.size > 0) rebuild(byId);
      return serializeDictionary(base);
    },
  };
}

/** Overlapping candidates of one stream, after the allow-list, Latin-edge and word-boundary filters. */
function collect(
  stream: Stream,
  dict: CompiledDictionary,
  norm: NormalizedText,
  enabled: (compiled: CompiledEntry) => boolean,
  getSegmenter: () => Segmenter | null,
  out: Candidate[],
): void {
  const text = norm.text;
  const allows: AllowHit[] = [];
  const raw: { compiled: CompiledEntry; s: number; e: number }[] = [];
  let longestAllow = 0;
  stream.engine.forEachMatch(text, (pattern, s, e) => {
    const target = stream.targets[pattern];
    if (!target) return;
    if (target.kind === 'allow') {
      allows.push({ s, e, global: target.global, entries: target.entries });
      longestAllow = Math.max(longestAllow, e - s);
      return;
    }
    const compiled = dict.entries[target.entry];
    if (compiled && enabled(compiled)) raw.push({ compiled, s, e });
  });
  if (raw.length === 0) return;
  allows.sort((a, b) => a.s - b.s);

  const allowed = (c: { compiled: CompiledEntry; s: number; e: number }): boolean => {
    // An allow phrase covering [s, e) starts in [e - longestAllow, s]; find that range by binary search.
    let lo = 0;
    let hi = allows.length;
    const from = c.e - longestAllow;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((allows[mid] as AllowHit).s < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < allows.length; i++) {
      const a = allows[i] as AllowHit;
      if (a.s > c.s) break;
      if (a.e >= c.e && (a.global || a.entries.has(c.compiled.index))) return true;
    }
    return false;
  };

  const kept = raw.filter((c) => !allowed(c) && latinEdgesOk(c.compiled, text, c.s, c.e));
  const needWords = kept.filter((c) => c.compiled.boundary === 'word');
  const segmenter = needWords.length > 0 ? getSegmenter() : null;
  const boundaries = segmenter ? windowBoundaries(segmenter, text, needWords) : undefined;
  for (const c of kept) {
    if (boundaries && c.compiled.boundary === 'word' && !(boundaries.has(c.s) && boundaries.has(c.e))) continue;
    out.push({ ...c, start: norm.original(c.s), end: norm.original(c.e - 1) + 1, norm });
  }
}

function isLatin(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

function latinEdgesOk(compiled: CompiledEntry, text: string, s: number, e: number): boolean {
  if (compiled.latinStart && s > 0 && isLatin(text.charCodeAt(s - 1))) return false;
  if (compiled.latinEnd && e < text.length && isLatin(text.charCodeAt(e))) return false;
  return true;
}

/** Segments a window around each candidate (merged where they overlap), never the whole text. */
function windowBoundaries(segmenter: Segmenter, text: string, hits: readonly { s: number; e: number }[]): Set<number> {
  const windows = hits
    .map((h) => [Math.max(0, h.s - WINDOW), Math.min(text.length, h.e + WINDOW)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  const all = new Set<number>();
  for (const [from, to] of merged) {
    for (const b of wordBoundaries(segmenter, text.slice(from, to))) all.add(from + b);
  }
  return all;
}

/** Leftmost-longest: earliest start first, then the longest, then the highest-priority category. */
function select(candidates: Candidate[]): Candidate[] {
  candidates.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      a.compiled.priority - b.compiled.priority ||
      (a.compiled.entry.id < b.compiled.entry.id ? -1 : a.compiled.entry.id > b.compiled.entry.id ? 1 : 0),
  );
  const chosen: Candidate[] = [];
  let reach = 0;
  for (const c of candidates) {
    if (c.start < reach) continue;
    chosen.push(c);
    reach = c.end;
  }
  return chosen;
}

function endsWithAny(text: string, at: number, words: readonly string[]): boolean {
  return words.some((w) => w.length > 0 && at >= w.length && text.startsWith(w, at - w.length));
}

function startsWithAny(text: string, at: number, words: readonly string[]): boolean {
  return words.some((w) => w.length > 0 && text.startsWith(w, at));
}

function passesConditions(c: Candidate, original: string, before: readonly string[], after: readonly string[]): boolean {
  const { compiled, s, e } = c;
  const text = c.norm.text;
  if (compiled.quotes === 'ignore' && isQuoted(original, quoteSpan(original, c.start, c.end))) return false;
  if (compiled.historical === 'ignore' && (endsWithAny(text, s, before) || startsWithAny(text, e, after))) return false;
  if (compiled.historical === 'ignore' && HISTORICAL_BEFORE_PLACE.test(text.slice(Math.max(0, s - 14), s))) return false;
  if (endsWithAny(text, s, compiled.forbidBefore) || startsWithAny(text, e, compiled.forbidAfter)) return false;
  if (compiled.requireBefore.length > 0 && !endsWithAny(text, s, compiled.requireBefore)) return false;
  if (compiled.requireAfter.length > 0 && !startsWithAny(text, e, compiled.requireAfter)) return false;
  return true;
}

/**
 * Widens a span that holds half of a pair of quotation marks to the whole pair, so that
 * “一带一路”战略 is reported with its opening mark.
 */
function quoteSpan(text: string, start: number, end: number): [number, number] {
  let open = 0;
  let unmatchedClose = false;
  for (let i = start; i < end; i++) {
    const ch = text[i] as string;
    if (OPENING_QUOTES.includes(ch) && !CLOSING_QUOTES.includes(ch)) open++;
    else if (CLOSING_QUOTES.includes(ch) && !OPENING_QUOTES.includes(ch)) {
      if (open > 0) open--;
      else unmatchedClose = true;
    }
  }
  if (unmatchedClose && start > 0 && OPENING_QUOTES.includes(text[start - 1] as string)) start--;
  if (open > 0 && end < text.length && CLOSING_QUOTES.includes(text[end] as string)) end++;
  return [start, end];
}

function isQuoted(text: string, [start, end]: [number, number]): boolean {
  return start > 0 && OPENING_QUOTES.includes(text[start - 1] as string) && CLOSING_QUOTES.includes(text[end] as string);
}

function toFinding(c: Candidate, text: string): Finding {
  const [start, end] = quoteSpan(text, c.start, c.end);
  const { entry } = c.compiled;
  const actual = text.slice(start, end);
  const expected = [...(entry.suggestions ?? [])];
  const finding: Finding = {
    ruleId: entry.id,
    category: entry.category,
    severity: c.compiled.severity,
    actual,
    expected,
    message: messageFor(entry, actual),
    start,
    end,
    fixable: entry.category !== 'sensitive' && entry.autoFix !== false && expected.length === 1,
  };
  if (entry.note) finding.note = entry.note;
  if (entry.source) finding.source = entry.source;
  if (actual !== entry.term) finding.matched = entry.term;
  if (isQuoted(text, [start, end])) finding.quoted = true;
  return finding;
}
