import { describe, expect, it } from 'vitest';
import { applySeverity, categoryOf, countFindings, findingAt, mergeEdits, ruleIdOf } from '../src/diagnostics.js';

describe('diagnostics helpers', () => {
  it('counts only the findings cuomin published', () => {
    expect(countFindings([{ source: 'cuomin' }, { source: 'markdownlint' }, {}, { source: 'cuomin' }])).toBe(2);
  });

  it('reads the rule id from a plain or a linked code', () => {
    expect(ruleIdOf({ code: 'typo/zai-jie-zai-li' })).toBe('typo/zai-jie-zai-li');
    expect(ruleIdOf({ code: { value: 'outdated/yinbaojianju', target: {} } })).toBe('outdated/yinbaojianju');
    expect(ruleIdOf({})).toBeUndefined();
  });

  it('finds the finding under a position', () => {
    const at = (from: number, to: number) => ({ from, range: { contains: (p: number) => p >= from && p <= to } });
    const list = [at(0, 3), at(10, 14)];
    expect(findingAt(list, 12)?.from).toBe(10);
    expect(findingAt(list, 7)).toBeUndefined();
  });
});

describe('mergeEdits', () => {
  const span = (e: { s: number; e: number }): [number, number] => [e.s, e.e];

  it('sorts edits and keeps separate ones', () => {
    const edits = [{ s: 20, e: 24 }, { s: 3, e: 5 }, { s: 10, e: 12 }];
    expect(mergeEdits(edits, span)).toEqual([{ s: 3, e: 5 }, { s: 10, e: 12 }, { s: 20, e: 24 }]);
  });

  it('drops an edit that overlaps one already kept', () => {
    const edits = [{ s: 3, e: 8, id: 'a' }, { s: 5, e: 10, id: 'b' }, { s: 8, e: 9, id: 'c' }];
    expect(mergeEdits(edits, span).map((e) => e.id)).toEqual(['a', 'c']);
  });

  it('keeps one of two insertions at the same point', () => {
    const edits = [{ s: 4, e: 4, id: 'a' }, { s: 4, e: 4, id: 'b' }];
    expect(mergeEdits(edits, span).map((e) => e.id)).toEqual(['a']);
  });
});

describe('applySeverity', () => {
  const S = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
  const diagnostic = (code: string, severity: number, extra: object = {}) => ({ source: 'cuomin', code, severity, ...extra });

  it("gives each listed category's findings the severity asked for", () => {
    const list = [diagnostic('typo/zai-jie-zai-li', 1), diagnostic('serious/name-xijinping-1-8fdb', 0), diagnostic('outdated/x', 1)];
    applySeverity(list, { typo: 'info', serious: 'warning' }, S);
    expect(list.map((d) => d.severity)).toEqual([2, 1, 1]);
  });

  it('takes the category from the data the server sends before the rule id', () => {
    const list = [diagnostic('test/yinbaojianhui', 1, { data: { category: 'outdated' } }), diagnostic('test/other', 1)];
    applySeverity(list, { outdated: 'info' }, S);
    expect(list.map((d) => d.severity)).toEqual([2, 1]);
    expect(categoryOf(list[1]!)).toBeUndefined();
  });

  it('leaves other sources alone', () => {
    const list = [{ source: 'markdownlint', code: 'typo/x', severity: 1 }];
    applySeverity(list, { typo: 'error' }, S);
    expect(list[0]!.severity).toBe(1);
  });
});
