import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiebaDictPath } from '../src/generate.js';
import { readingsOf, termReadings } from '../src/pinyin.js';
import {
  commonCharsFromJiebaDict,
  generateVariants,
  jiebaIsWord,
  jiebaNameLike,
  jiebaStandalone,
  loadShapeGroups,
  makeHomophoneIndex,
  parseJiebaDict,
  reviewList,
  variantToEntry,
  type GeneratedVariant,
  type ProtectedTerm,
  type VariantOptions,
} from '../src/variants.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const require = createRequire(import.meta.url);

interface RawProtected {
  term: string;
  id_prefix: string;
  kind: ProtectedTerm['kind'];
  note: string;
  source: string;
  generate?: boolean;
  max?: number;
}

function loadProtected(): ProtectedTerm[] {
  const doc = parse(readFileSync(join(root, 'dictionaries/src/serious/protected.yaml'), 'utf8')) as {
    protected: RawProtected[];
  };
  return doc.protected.map((p) => {
    const t: ProtectedTerm = { term: p.term, idPrefix: p.id_prefix, kind: p.kind, note: p.note, source: p.source };
    if (p.generate !== undefined) t.generate = p.generate;
    if (p.max !== undefined) t.max = p.max;
    return t;
  });
}

function knownErrorTerms(): string[] {
  const doc = parse(readFileSync(join(root, 'dictionaries/src/serious/known-errors.yaml'), 'utf8')) as {
    entries: { term: string; variants?: string[] }[];
  };
  return doc.entries.flatMap((e) => [e.term, ...(e.variants ?? [])]);
}

let terms: ProtectedTerm[];
let options: VariantOptions;
let variants: GeneratedVariant[];
let words: Map<string, number>;
let handWritten: string[];

beforeAll(() => {
  const dict = parseJiebaDict(readFileSync(jiebaDictPath(), 'utf8'));
  words = dict.freq;
  const shapes = loadShapeGroups(readFileSync(join(root, 'dictionaries/src/confusion/shape.tsv'), 'utf8'));
  const homophones = makeHomophoneIndex(commonCharsFromJiebaDict(dict), readingsOf);
  terms = loadProtected();
  handWritten = knownErrorTerms();
  options = {
    homophones,
    shapeAlikes: (ch) => shapes.get(ch) ?? [],
    isWord: jiebaIsWord(dict, handWritten),
    readings: termReadings,
    pinyinOf: readingsOf,
    standalone: jiebaStandalone(dict),
    nameLike: jiebaNameLike(dict),
  };
  variants = generateVariants(terms, { ...options, exclude: handWritten });
});

describe('pinyin adapter', () => {
  it('gives toned readings, all of them for a polyphone', () => {
    expect(readingsOf('习')).toEqual(['xi2']);
    expect(readingsOf('乐')).toEqual(expect.arrayContaining(['le4', 'yue4']));
    expect(readingsOf('a')).toEqual([]);
  });
  it('resolves readings in context', () => {
    expect(termReadings('赵乐际')).toEqual(['zhao4', 'le4', 'ji4']);
    expect(termReadings('中华人民共和国')[5]).toBe('he2');
  });
});

describe('shape groups and homophone index', () => {
  it('maps each character to the rest of its groups', () => {
    const m = loadShapeGroups('# c\n岐\t歧\t枝\n栗\t粟\n岐\t伎\n');
    expect(m.get('岐')).toEqual(['歧', '枝', '伎']);
    expect(m.get('粟')).toEqual(['栗']);
    expect(m.has('#')).toBe(false);
  });
  it('puts same-tone homophones first and respects a given reading', () => {
    const pinyin: Record<string, string[]> = { 近: ['jin4'], 进: ['jin4'], 金: ['jin1'], 乐: ['le4', 'yue4'], 月: ['yue4'], 了: ['le0'] };
    const h = makeHomophoneIndex(['金', '进', '月', '了', '近'], (c) => pinyin[c] ?? []);
    expect(h('近')).toEqual(['进', '金']);
    expect(h('乐', 'le4')).toEqual(['了']);
    expect(h('乐')).toEqual(['月', '了']);
  });
});

describe('generateVariants on the protected terms', () => {
  it('makes the known input-method and shape errors', () => {
    // Without `exclude` the generator reproduces the reported errors the hand-written entries hold …
    const all = generateVariants(terms, options);
    const find = (term: string) => all.find((v) => v.term === term);
    expect(find('习进平')).toMatchObject({ correct: '习近平', kind: 'homophone', position: 1, from: '近', to: '进', review: false });
    expect(find('王歧山')).toMatchObject({ correct: '王岐山', kind: 'shape' });
    expect(find('粟战书')).toMatchObject({ correct: '栗战书', kind: 'shape' });
    expect(find('温家室')).toMatchObject({ correct: '温家宝', kind: 'shape' });
    expect(find('杜家豪')).toMatchObject({ correct: '杜家毫', kind: 'shape' });
    expect(find('王护宁')).toMatchObject({ correct: '王沪宁' });
    expect(find('中华人民共合国')).toMatchObject({ correct: '中华人民共和国', kind: 'homophone' });
    // … and with it leaves them to those entries.
    const made = new Set(variants.map((v) => v.term));
    for (const t of handWritten) expect(made.has(t)).toBe(false);
    expect(made.has('习进平')).toBe(true);
  });

  it('never yields a protected term or a real word', () => {
    const protectedSet = new Set(terms.map((t) => t.term));
    for (const v of variants) {
      expect(protectedSet.has(v.term)).toBe(false);
      expect(v.term).not.toBe(v.correct);
      expect(options.isWord(v.term)).toBe(false);
      expect([...v.term].length).toBe([...v.correct].length);
    }
  });

  it('uses unique, well-formed, stable ids and unique terms', () => {
    const ids = new Set(variants.map((v) => v.id));
    expect(ids.size).toBe(variants.length);
    expect(new Set(variants.map((v) => v.term)).size).toBe(variants.length);
    for (const v of variants) expect(v.id).toMatch(/^[a-z]+\/[a-z0-9][a-z0-9._-]*$/);
    expect(variants.find((v) => v.term === '习进平')?.id).toBe('serious/name-xijinping-1-8fdb');
  });

  it('is deterministic', () => {
    expect(generateVariants(terms, { ...options, exclude: handWritten })).toEqual(variants);
    expect(generateVariants([...terms], { ...options, exclude: [...handWritten].reverse() })).toEqual(variants);
  });

  it('respects the cap and generate: false', () => {
    const perTerm = new Map<string, number>();
    for (const v of variants) perTerm.set(v.correct, (perTerm.get(v.correct) ?? 0) + 1);
    for (const n of perTerm.values()) expect(n).toBeLessThanOrEqual(40);
    expect(perTerm.has('张国清')).toBe(false);
    const few = generateVariants(terms.slice(0, 1), { ...options, maxPerTerm: 5 });
    expect(few).toHaveLength(5);
  });

  it('sends two-character names and word-forming changes in short terms to review', () => {
    for (const v of variants.filter((x) => x.correct === '李强')) expect(v.review).toBe(true);
    const zixin = variants.find((v) => v.term === '四个自新');
    if (zixin) expect(zixin.review).toBe(true);
    for (const v of variants.filter((x) => [...x.correct].length > 6 && x.position > 0 && x.position < [...x.correct].length - 1)) {
      expect(v.review).toBe(false);
    }
    expect(variants.find((v) => v.term === '往岐山')?.review ?? true).toBe(true);
    expect(variants.find((v) => v.term === '香村振兴')?.review ?? true).toBe(true);
    expect(variants.find((v) => v.term === '等小平')?.review ?? true).toBe(true);
    expect(variants.find((v) => v.term === '张德强')?.review ?? true).toBe(true);
    expect(reviewList(variants).split('\n').length).toBe(variants.filter((v) => v.review).length + 2);
  });

  it('produces enough variants from the real dictionary', () => {
    const shipped = variants.filter((v) => !v.review);
    expect(variants.length).toBeGreaterThanOrEqual(300);
    expect(shipped.length).toBeGreaterThanOrEqual(300);
    expect(variants.some((v) => v.kind === 'shape')).toBe(true);
    expect(variants.some((v) => v.kind === 'homophone')).toBe(true);
  });

  it('turns a variant into a dictionary entry with an example and a counter-example', () => {
    const v = variants.find((x) => x.term === '习进平')!;
    const p = terms.find((t) => t.term === '习近平')!;
    const e = variantToEntry(v, p);
    expect(e).toMatchObject({ id: v.id, term: '习进平', category: 'serious', severity: 'error', suggestions: ['习近平'], noise: true });
    expect(e.examples?.[0]).toContain('习进平');
    expect(e.counterExamples?.[0]).toContain('习近平');
    expect(e.counterExamples?.[0]).not.toContain('习进平');
  });
});

describe('generateVariants on small inputs', () => {
  const t = (term: string, kind: ProtectedTerm['kind'] = 'name'): ProtectedTerm => ({
    term,
    idPrefix: 'serious/test',
    kind,
    note: '',
    source: '',
  });
  it('drops real words, keeps the rest, never replaces with the same character', () => {
    const out = generateVariants([t('甲乙丙')], {
      homophones: (ch) => (ch === '乙' ? ['乙', '已', '以'] : []),
      shapeAlikes: (ch) => (ch === '丙' ? ['两'] : []),
      isWord: (s) => s === '甲以丙',
    });
    expect(out.map((v) => v.term)).toEqual(['甲已丙', '甲乙两']);
    expect(out[1]).toMatchObject({ kind: 'shape', position: 2, id: 'serious/test-2-4e24' });
  });
  it('drops a variant that normalises back to the term', () => {
    const out = generateVariants([t('习近平')], {
      homophones: (ch) => (ch === '习' ? ['習', '席'] : []),
      shapeAlikes: () => [],
      isWord: () => false,
      normalize: (s) => s.replace('習', '习'),
    });
    expect(out.map((v) => v.term)).toEqual(['席近平']);
  });
});
