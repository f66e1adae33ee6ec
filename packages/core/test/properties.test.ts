import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createScanner, type Entry } from '../src/index.js';
import { ENTRIES, scanner } from './helpers.js';

// Text drawn from the dictionary's own characters plus noise, quotes, width variants and astral characters,
// so that matches actually happen.
const pieces = ['习', '进', '平', '近', '農', '农', '业', '部', '门', '银', '保', '监', '会', '村', '长', '期', '既', '使', '用',
  '*', ' ', '“', '”', 'Ｗ', 'T', 'O', 'S', 'B', 'N', '成', '员', '国', '𠮷', '野', '家', '原', '\u200b', '\ud800', '\r\n', 'é'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), text);

describe('properties', () => {
  test('spans are in bounds, slice to actual, are ordered and never overlap', () => {
    const s = scanner({ segmenter: null });
    fc.assert(
      fc.property(anyString, (t) => {
        const { findings } = s.scan(t);
        let reach = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(reach);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(t.length);
          expect(t.slice(f.start, f.end)).toBe(f.actual);
          reach = f.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the cuomin and monyone engines give identical findings', () => {
    const ours = scanner({ segmenter: null });
    const theirs = scanner({ segmenter: null, engine: 'monyone' });
    fc.assert(fc.property(text, (t) => {
      expect(ours.scan(t)).toEqual(theirs.scan(t));
    }), { numRuns: 500 });
  });

  test('random dictionaries: both engines agree', () => {
    const term = fc.array(fc.constantFrom('甲', '乙', '丙', 'a', 'B', '𠮷', '丁'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(term, { minLength: 1, maxLength: 12 }), fc.string({ unit: fc.constantFrom('甲', '乙', '丙', 'a', 'b', '𠮷', '丁', ' '), maxLength: 80 }), (terms, t) => {
        const entries: Entry[] = terms.map((term, i) => ({ id: `custom/${i}`, term, category: 'custom', boundary: 'none' }));
        const a = createScanner({ entries, segmenter: null }).scan(t);
        const b = createScanner({ entries, segmenter: null, engine: 'monyone' }).scan(t);
        expect(a).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });
});

describe('robustness: never throws on input text', () => {
  const s = scanner();
  test.each([
    ['empty', ''],
    ['lone surrogates', '\ud800习进平\udfff\ud800'],
    ['combining marks', 'é̃习进平̈'],
    ['control characters', '\u0000\u0001习进平\u007f\u001b[31m'],
    ['only noise', '*** · ~~~ ___'],
    ['only quotes', '“”‘’「」'],
  ])('%s', (_name, t) => {
    const result = s.scan(t);
    for (const f of result.findings) expect(t.slice(f.start, f.end)).toBe(f.actual);
  });

  test('non-string input is scanned as its string form', () => {
    expect(s.scan(undefined as unknown as string).findings).toEqual([]);
    expect(s.scan(12345 as unknown as string).findings).toEqual([]);
  });

  test('50 MB of text', () => {
    const unit = '今年经济平稳运行，再接再励。' + 'x'.repeat(36);
    const big = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
    const { findings } = scanner({ segmenter: null }).scan(big);
    expect(findings.length).toBe(Math.ceil((50 * 1024 * 1024) / unit.length));
    expect(findings[findings.length - 1]?.actual).toBe('再接再励');
  });
});

describe('dictionary errors name the entry', () => {
  test.each([
    [[{ id: 'a', term: '', category: 'typo' }], /entry "a": term is missing or empty/],
    [[{ id: 'a', term: '甲', category: 'nope' }], /entry "a": category must be one of/],
    [[{ id: 'a', term: '甲', category: 'typo', severity: 'fatal' }], /entry "a": severity must be one of/],
    [[{ id: 'a', term: '甲乙', category: 'typo', allow: ['丙丁'] }], /entry "a": allow phrase "丙丁" does not contain the term/],
    [[{ id: 'a', term: '甲', category: 'typo' }, { id: 'a', term: '乙', category: 'typo' }], /entry "a": duplicate id/],
    [[{ term: '甲', category: 'typo' }], /entry #1 has no id/],
    [[{ id: 'a', term: '甲', category: 'typo', suggestions: '乙' }], /entry "a": suggestions must be a list of strings/],
  ])('%j', (entries, message) => {
    expect(() => createScanner({ entries: entries as Entry[] })).toThrow(message);
  });
});

describe('live updates', () => {
  const corpus = ['农业部和银保监会', '再接再励，以经完成', '习进平同志', '中台与数据中台', '村长说保监会'];

  test('add, replace and remove give the same results as a full rebuild', () => {
    const live = createScanner({ entries: ENTRIES, segmenter: null });
    const added: Entry = { id: 'typo/yichoumozhan', term: '一愁莫展', category: 'typo', suggestions: ['一筹莫展'] };
    const replaced: Entry = { id: 'typo/zaijiezaili', term: '再接再励', category: 'typo', suggestions: ['再接再厉'], severity: 'error' };
    live.update({ add: [added, replaced], remove: ['outdated/yinbaojianhui', 'banned/cunzhang'] });
    const expected = ENTRIES.filter((e) => !['outdated/yinbaojianhui', 'banned/cunzhang', 'typo/zaijiezaili'].includes(e.id)).concat(added, replaced);
    const rebuilt = createScanner({ entries: expected, segmenter: null });
    for (const t of [...corpus, '他一愁莫展']) expect(live.scan(t)).toEqual(rebuilt.scan(t));
    expect(live.scan('银保监会').findings.map((f) => f.ruleId)).toEqual(['outdated/baojianhui']);
    expect(live.scan('再接再励').findings[0]?.severity).toBe('error');
  });

  test('any sequence of updates equals a rebuild from the resulting entries', () => {
    const terms = ['农业部', '银保监会', '保监会', '再接再励', '习进平', '中台', '村长', '一愁莫展', '数据中台', '监会'];
    const op = fc.record({
      add: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'outdated/nongyebu', 'typo/zaijiezaili'), term: fc.constantFrom(...terms) }), { maxLength: 3 }),
      remove: fc.array(fc.constantFrom('a', 'b', 'outdated/yinbaojianhui', 'outdated/baojianhui', 'custom/shujuzhongtai'), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), fc.constantFrom(...corpus), (ops, t) => {
        const live = createScanner({ entries: ENTRIES, segmenter: null });
        for (const { add, remove } of ops) {
          live.update({ add: add.map(({ id, term }): Entry => ({ id, term, category: 'custom', boundary: 'none' })), remove });
        }
        const rebuilt = createScanner({ entries: live.entries, segmenter: null });
        expect(live.scan(t)).toEqual(rebuilt.scan(t));
        expect(createScanner({ compiled: live.serialize(), segmenter: null }).scan(t)).toEqual(rebuilt.scan(t));
      }),
      { numRuns: 150 },
    );
  });

  test('a bad update throws and keeps the last good dictionary', () => {
    const live = createScanner({ entries: ENTRIES, segmenter: null });
    expect(() => live.update({ add: [{ id: 'bad', term: '', category: 'typo' }] })).toThrow(/entry "bad"/);
    expect(live.scan('再接再励').findings).toHaveLength(1);
    expect(live.entry('bad')).toBeUndefined();
  });

  test('the global allow-list can be replaced', () => {
    const live = createScanner({ entries: ENTRIES, segmenter: null });
    live.setAllow(['再接再励吧']);
    expect(live.scan('再接再励吧').findings).toEqual([]);
    expect(live.scan('再接再励').findings).toHaveLength(1);
  });
});

describe('serialised dictionary', () => {
  test('loads to a scanner with identical results', () => {
    const built = createScanner({ entries: ENTRIES, allow: ['农业部门'], segmenter: null });
    const loaded = createScanner({ compiled: built.serialize(), segmenter: null });
    for (const t of ['农业部和银保监会', '習進平', '农业部门', '习*进平', '“一带一路”战略']) expect(loaded.scan(t)).toEqual(built.scan(t));
    expect(loaded.entries).toEqual(built.entries);
  });

  test('a corrupt blob fails with a clear error', () => {
    const bytes = createScanner({ entries: ENTRIES }).serialize();
    expect(() => createScanner({ compiled: bytes.subarray(0, 8) })).toThrow(/not a compiled cuomin dictionary/);
    const flipped = bytes.slice();
    flipped[0] = 0;
    expect(() => createScanner({ compiled: flipped })).toThrow(/bad magic/);
    expect(() => createScanner({ compiled: bytes.subarray(0, bytes.length - 10) })).toThrow();
  });
});
