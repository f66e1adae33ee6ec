/**
 * Wrong forms of protected terms (leaders' names, the country's name, core formulations), made when the dictionary
 * is built.
 *
 * One character of the correct term is replaced at a time, by a character of the same pinyin (the typical input-method
 * slip: 习进平) or by a character of similar shape (the typical misreading or 五笔 slip: 王歧山). Replacements only —
 * no deletions or insertions: in fixed long formulations the errors that occur are wrong characters, and a deletion
 * of a name (李克强 → 李克) makes a string that occurs in ordinary text.
 *
 * Filters and review:
 * - a variant that is itself a word or name (`isWord`) is dropped, as is one equal to another protected term, one
 *   that normalises back to the correct term (a traditional form), and one a hand-written entry already has
 *   (`exclude`);
 * - `review: true` marks variants a person has to look at before they may ship:
 *   - variants of names of one or two characters (李强 → 李墙): such strings are ordinary people's names;
 *   - variants of terms of up to {@link REVIEW_MAX_LENGTH} characters in which the replaced character forms a word
 *     with its neighbours that the correct term does not contain (四个自信 → 四个自新): the string may be correct text;
 *   - variants with a replaced first (last) character where the unchanged rest starts (ends) with a word: the
 *     variant may be correct text that merely ends (starts) with the new character (往岐山 in 前往岐山县, 心发展理念
 *     in 核心发展理念).
 *   A change inside a longer formulation is not marked: a 7-character or longer variant is not correct text even
 *   when the replaced character makes a word with a neighbour, and word-level slips (…社会主意思想) are exactly the input-method errors
 *   that occur there.
 * - The build ships the variants with `review: false` and writes the others to a review list (see {@link reviewList});
 *   a curator who accepts one adds it as a hand-written entry.
 *
 * Order and ids are deterministic: the same inputs give the same list. Ids are `${idPrefix}-${position}-${hex code
 * point of the new character}`, e.g. `serious/name-xijinping-1-8fdb` for 习进平; they never change while the term and
 * the replacement exist.
 */
import type { Entry } from '@cuomin/types';

export interface ProtectedTerm {
  term: string;
  idPrefix: string;
  kind: 'name' | 'country' | 'formulation';
  note: string;
  source: string;
  /** False: protected (for noise detection and review) but no variants are generated. Default true. */
  generate?: boolean;
  /** Overrides `maxPerTerm` for this term. */
  max?: number;
}

export interface VariantOptions {
  /**
   * Characters read like `ch`, best first. `reading` (e.g. `le4`) is the reading of `ch` in the term when known;
   * a lookup made by {@link makeHomophoneIndex} then uses only that reading and puts same-tone characters first.
   */
  homophones(ch: string, reading?: string): string[];
  /** Characters of similar shape, best first (see {@link loadShapeGroups}). */
  shapeAlikes(ch: string): string[];
  /** True for real words and names (the jieba dictionary, minus known misspellings it happens to contain). */
  isWord(s: string): boolean;
  /** At most this many variants per term (default {@link DEFAULT_MAX_PER_TERM}). */
  maxPerTerm?: number;
  /** The reading of each character of a term in context (pinyin.ts `termReadings`); improves ranking of polyphones. */
  readings?(term: string): readonly (string | undefined)[];
  /** All toned readings of a character (pinyin.ts `readingsOf`); with `readings`, same-tone homophones rank first. */
  pinyinOf?(ch: string): readonly string[];
  /** The scanner's normalisation; a variant that normalises to the correct term is dropped. */
  normalize?(s: string): string;
  /** Strings never generated: the terms of the hand-written entries, which take precedence (王歧山, 温家室). */
  exclude?: Iterable<string>;
  /**
   * True for a character that often stands as a word of its own (等, 将, 说, 和); a variant with one as its changed
   * first or last character goes to review (等小平 in 等小平房). See {@link jiebaStandalone}.
   */
  standalone?(ch: string): boolean;
  /**
   * True when a name variant may well be another person's name (张德强, 邓晓平: a common surname with an attested
   * given name); such variants go to review. See {@link jiebaNameLike}.
   */
  nameLike?(variant: string): boolean;
}

export interface GeneratedVariant {
  id: string;
  /** The wrong form. */
  term: string;
  /** The protected (correct) term it was made from. */
  correct: string;
  /** Index (in characters) of the replaced character. */
  position: number;
  from: string;
  to: string;
  /** `shape` also when the character reads the same (岐/歧): similar shape is the more specific reason. */
  kind: 'homophone' | 'shape';
  review: boolean;
  /** Why `review` is set. */
  reason?: string;
}

export const DEFAULT_MAX_PER_TERM = 40;
/** Terms up to this many characters get the word-around-the-change review check. */
export const REVIEW_MAX_LENGTH = 6;

const HAN = /^\p{Script=Han}$/u;
/** Characters that end place names: a changed character before one of them can make a real place (香村, 钟国). */
const PLACE_SUFFIXES = new Set(['国', '省', '市', '县', '区', '乡', '镇', '村', '州', '街', '路', '山', '河', '湖', '江', '岛']);

interface Candidate {
  to: string;
  position: number;
  kind: 'homophone' | 'shape';
  /** 0: shape and sound alike; 1: homophone of the same tone; 2: shape only; 3: homophone of another tone. */
  tier: number;
  rank: number;
}

/**
 * Variants of every term, in the order of `terms`, then by position, then by code point of the new character.
 * A variant string made from two terms is kept once, for the first.
 */
export function generateVariants(terms: readonly ProtectedTerm[], options: VariantOptions): GeneratedVariant[] {
  const protectedTerms = new Set(terms.map((t) => t.term));
  const exclude = new Set(options.exclude ?? []);
  const normalize = options.normalize ?? ((s: string) => s);
  const seen = new Set<string>();
  const out: GeneratedVariant[] = [];

  for (const p of terms) {
    if (p.generate === false) continue;
    const chars = [...p.term];
    const readings = options.readings?.(p.term);
    const byVariant = new Map<string, Candidate>();

    chars.forEach((ch, position) => {
      if (!HAN.test(ch)) return;
      const reading = readings?.[position];
      const shapes = options.shapeAlikes(ch).filter((c) => c !== ch && HAN.test(c));
      const shapeSet = new Set(shapes);
      const homophones = (reading === undefined ? options.homophones(ch) : options.homophones(ch, reading)).filter(
        (c) => c !== ch && HAN.test(c),
      );
      const add = (c: Candidate): void => {
        const variant = replaceAt(chars, c.position, c.to);
        const old = byVariant.get(variant);
        if (!old || c.tier < old.tier || (c.tier === old.tier && c.rank < old.rank)) byVariant.set(variant, c);
      };
      homophones.forEach((to, rank) => {
        const both = shapeSet.has(to);
        const sameTone =
          reading === undefined || options.pinyinOf === undefined || options.pinyinOf(to).includes(reading);
        const tier = both ? 0 : sameTone ? 1 : 3;
        add({ to, position, kind: both ? 'shape' : 'homophone', tier, rank: both ? Math.min(rank, shapes.indexOf(to)) : rank });
      });
      shapes.forEach((to, rank) => {
        if (!homophones.includes(to)) add({ to, position, kind: 'shape', tier: 2, rank });
      });
    });

    const kept: GeneratedVariant[] = [];
    const ranked = [...byVariant].sort(
      ([, a], [, b]) => a.tier - b.tier || a.rank - b.rank || a.position - b.position || cp(a.to) - cp(b.to),
    );
    const max = p.max ?? options.maxPerTerm ?? DEFAULT_MAX_PER_TERM;
    for (const [variant, c] of ranked) {
      if (kept.length >= max) break;
      if (seen.has(variant) || protectedTerms.has(variant) || exclude.has(variant)) continue;
      if (normalize(variant) === normalize(p.term)) continue;
      if (options.isWord(variant)) continue;
      const reason = reviewReason(p, chars, variant, c.position, options);
      const v: GeneratedVariant = {
        id: `${p.idPrefix}-${c.position}-${cp(c.to).toString(16)}`,
        term: variant,
        correct: p.term,
        position: c.position,
        from: chars[c.position] ?? '',
        to: c.to,
        kind: c.kind,
        review: reason !== undefined,
      };
      if (reason !== undefined) v.reason = reason;
      kept.push(v);
      seen.add(variant);
    }
    kept.sort((a, b) => a.position - b.position || cp(a.to) - cp(b.to));
    out.push(...kept);
  }
  return out;
}

function reviewReason(
  p: ProtectedTerm,
  chars: readonly string[],
  variant: string,
  position: number,
  options: VariantOptions,
): string | undefined {
  const isWord = (w: string): boolean => options.isWord(w);
  if (p.kind === 'name' && chars.length <= 2) return '两字姓名的变体常是普通人名';
  if (p.kind === 'name' && options.nameLike?.(variant)) return '变体可能是他人姓名';
  const edge = position === 0 || position === chars.length - 1;
  const to = [...variant][position] ?? '';
  if (edge && chars.length > 2 && chars.length <= REVIEW_MAX_LENGTH && options.standalone?.(to)) return `替换${position === 0 ? '首' : '末'}字为常用单字词“${to}”`;
  const v = [...variant];
  // A changed first or last character next to a word of the unchanged rest: the variant can be correct text that
  // merely ends (starts) with the new character, as 往岐山 in 前往岐山县, 心发展理念 in 核心发展理念.
  if (edge && chars.length > 2) {
    const rest = position === 0 ? chars.slice(1) : chars.slice(0, -1);
    for (let n = 2; n <= Math.min(rest.length, 6); n++) {
      const w = (position === 0 ? rest.slice(0, n) : rest.slice(rest.length - n)).join('');
      if (isWord(w)) return `替换${position === 0 ? '首' : '末'}字，与之相邻的“${w}”是词语`;
    }
    // 乡村振兴 → 香村振兴: the new character and a following 村/国/… read as a place name (香村).
    const next = chars[1];
    if (position === 0 && next !== undefined && PLACE_SUFFIXES.has(next)) {
      return `替换首字后“${v[0] ?? ''}${next}”可读作地名`;
    }
  }
  if (chars.length > REVIEW_MAX_LENGTH) return undefined;
  for (let start = Math.max(0, position - 3); start <= position; start++) {
    for (let end = position + 1; end <= Math.min(v.length, start + 4); end++) {
      if (end - start < 2 || (start === 0 && end === v.length)) continue;
      const w = v.slice(start, end).join('');
      if (!p.term.includes(w) && isWord(w)) return `替换字与相邻字构成词语“${w}”`;
    }
  }
  return undefined;
}

function replaceAt(chars: readonly string[], position: number, to: string): string {
  return chars.map((c, i) => (i === position ? to : c)).join('');
}

function cp(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

/**
 * Reads a shape-confusion table: one group per line, characters separated by tabs (spaces and commas are
 * tolerated), `#` starts a comment. Each character maps to the other members of every group it is in, in order of
 * appearance.
 */
export function loadShapeGroups(tsv: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const raw of tsv.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const group = [...new Set(line.split(/[\t ,，]+/).filter((c) => [...c].length === 1))];
    for (const ch of group) {
      const list = map.get(ch) ?? [];
      for (const other of group) if (other !== ch && !list.includes(other)) list.push(other);
      map.set(ch, list);
    }
  }
  return map;
}

/**
 * A homophone lookup over `chars` (which should be common characters, most common first: see
 * {@link commonCharsFromJiebaDict}). `pinyinOf` gives toned readings (`ji4`, or toneless `ji`). The lookup groups by
 * toneless syllable — an input method ignores tones — and returns same-tone characters first, each group in the
 * order of `chars`. With `reading`, only that reading of `ch` is used.
 */
export function makeHomophoneIndex(
  chars: Iterable<string>,
  pinyinOf: (ch: string) => string[],
): (ch: string, reading?: string) => string[] {
  const bySyllable = new Map<string, string[]>();
  const readings = new Map<string, readonly string[]>();
  for (const ch of chars) {
    if (readings.has(ch)) continue;
    const rs = pinyinOf(ch);
    readings.set(ch, rs);
    for (const s of new Set(rs.map(toneless))) {
      const list = bySyllable.get(s);
      if (list) list.push(ch);
      else bySyllable.set(s, [ch]);
    }
  }
  const order = new Map([...readings.keys()].map((c, i) => [c, i]));
  return (ch: string, reading?: string): string[] => {
    const own = reading !== undefined ? [reading] : (readings.get(ch) ?? pinyinOf(ch));
    const ownToned = new Set(own);
    const found = new Set<string>();
    for (const s of new Set(own.map(toneless))) for (const c of bySyllable.get(s) ?? []) if (c !== ch) found.add(c);
    const sorted = [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const same = sorted.filter((c) => (readings.get(c) ?? []).some((r) => ownToned.has(r)));
    const other = sorted.filter((c) => !same.includes(c));
    return [...same, ...other];
  };
}

function toneless(reading: string): string {
  return reading.replace(/[0-5]$/, '');
}

export interface JiebaDict {
  /** Every word of the dictionary with its frequency. */
  freq: Map<string, number>;
  /** Its part-of-speech tag (`n`, `nr`, `ns`, …). */
  tag: Map<string, string>;
}

/** Parses `jieba.dict.utf8` (`word freq tag` per line). */
export function parseJiebaDict(text: string): JiebaDict {
  const freq = new Map<string, number>();
  const tag = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const [word, f, t] = line.split(' ');
    if (!word) continue;
    freq.set(word, Math.max(freq.get(word) ?? 0, Number(f) || 0));
    if (t && !tag.has(word)) tag.set(word, t);
  }
  return { freq, tag };
}

/**
 * The common characters of a jieba dictionary, most common first: Han characters that occur in at least `minWords`
 * words of two or more characters with frequency at least `minFreq`. With the defaults (20, 3) this gives about
 * 3,800 characters, close to the 常用字 and 次常用字 of 《现代汉语常用字表》, and no traditional forms.
 */
export function commonCharsFromJiebaDict(dict: JiebaDict, minFreq = 20, minWords = 3): string[] {
  const count = new Map<string, number>();
  for (const [word, f] of dict.freq) {
    if (f < minFreq) continue;
    const cs = [...word];
    if (cs.length < 2) continue;
    for (const c of new Set(cs)) if (HAN.test(c)) count.set(c, (count.get(c) ?? 0) + 1);
  }
  return [...count]
    .filter(([, n]) => n >= minWords)
    .sort((a, b) => b[1] - a[1] || cp(a[0]) - cp(b[0]))
    .map(([c]) => c);
}

/**
 * An `isWord` over a jieba dictionary: multi-character words, minus `notWords` (the known misspellings that jieba's
 * web-derived dictionary happens to contain, e.g. 王歧山 — pass the terms of the hand-written error entries).
 */
export function jiebaIsWord(dict: JiebaDict, notWords: Iterable<string> = []): (s: string) => boolean {
  const exclude = new Set(notWords);
  return (s: string) => [...s].length >= 2 && dict.freq.has(s) && !exclude.has(s);
}

/** Characters that are words of their own with at least `minFreq` in the jieba dictionary (等, 将, 说, 和 …). */
export function jiebaStandalone(dict: JiebaDict, minFreq = 10_000): (ch: string) => boolean {
  return (ch: string) => [...ch].length === 1 && (dict.freq.get(ch) ?? 0) >= minFreq;
}

/**
 * A `nameLike` over the person names (tags `nr*`) of a jieba dictionary: a three-character variant whose first
 * character is a common surname (first character of at least `minSurname` three-character names) and whose last two
 * characters are the given name of such a name (张德强: 侯德强, 黄德强).
 */
export function jiebaNameLike(dict: JiebaDict, minSurname = 50): (variant: string) => boolean {
  const surnames = new Map<string, number>();
  const names: string[][] = [];
  for (const [word, t] of dict.tag) {
    if (!t.startsWith('nr')) continue;
    const cs = [...word];
    if (cs.length !== 3 || !cs.every((c) => HAN.test(c))) continue;
    names.push(cs);
    surnames.set(cs[0] ?? '', (surnames.get(cs[0] ?? '') ?? 0) + 1);
  }
  const common = (c: string): boolean => (surnames.get(c) ?? 0) >= minSurname;
  const given = new Set(names.filter((cs) => common(cs[0] ?? '')).map((cs) => cs.slice(1).join('')));
  return (variant: string) => {
    const cs = [...variant];
    return cs.length === 3 && common(cs[0] ?? '') && given.has(cs.slice(1).join(''));
  };
}

const EXAMPLE: Record<ProtectedTerm['kind'], (s: string) => string> = {
  name: (s) => `${s}同志出席会议并讲话。`,
  country: (s) => `热烈庆祝${s}成立75周年。`,
  formulation: (s) => `会议材料中使用了${s}的表述。`,
};

/** The dictionary entry for a shipped variant (category serious, severity error; names also match through noise). */
export function variantToEntry(v: GeneratedVariant, p: ProtectedTerm): Entry {
  const why = v.kind === 'shape' ? '形近' : '同音';
  return {
    id: v.id,
    term: v.term,
    category: 'serious',
    severity: 'error',
    suggestions: [v.correct],
    note: `“${v.from}”误作${why}字“${v.to}”。应为“${v.correct}”：${p.note}`,
    source: `${p.source}（规范写法）；错误写法为${why}字替换`,
    noise: p.kind === 'name',
    examples: [EXAMPLE[p.kind](v.term)],
    counterExamples: [EXAMPLE[p.kind](v.correct)],
  };
}

/** The review list the build writes next to the generated dictionary: one variant a line, tab-separated. */
export function reviewList(variants: readonly GeneratedVariant[]): string {
  const lines = variants
    .filter((v) => v.review)
    .map((v) => [v.id, v.term, v.correct, v.kind, v.reason ?? ''].join('\t'));
  return ['# id\t错误写法\t正确写法\t类型\t待审原因', ...lines].join('\n') + '\n';
}
