import { describe, expect, test } from 'vitest';
import { createScanner, loadJieba } from '../src/index.js';
import { ENTRIES } from './helpers.js';

describe('segmentation', () => {
  test('nodejieba is installed and loads (a silent native build failure fails here)', () => {
    const loaded = loadJieba();
    expect(loaded.error).toBeUndefined();
    expect(loaded.segmenter?.cut('我们既使用了新方法')).toEqual(['我们', '既', '使用', '了', '新', '方法']);
  });

  test('without a segmenter the scanner still works and says so once', () => {
    const s = createScanner({ entries: ENTRIES, segmenter: () => ({ error: 'nodejieba could not be loaded (test)' }) });
    const first = s.scan('再接再励，既使他来');
    expect(first.findings.map((f) => f.ruleId)).toEqual(['typo/zaijiezaili', 'typo/jishi']);
    expect(first.problems).toEqual([{ kind: 'segmenter', severity: 'warning', message: 'nodejieba could not be loaded (test)' }]);
    expect(s.scan('既使他来').problems).toEqual([]);
    expect(s.problems).toHaveLength(1);
  });

  test('segmenter null turns word-boundary checks off, silently', () => {
    const s = createScanner({ entries: ENTRIES, segmenter: null });
    const result = s.scan('我们既使用了新方法');
    expect(result.findings.map((f) => f.actual)).toEqual(['既使']);
    expect(result.problems).toEqual([]);
  });

  test('a custom segmenter plugs in', () => {
    // Treat every character as a word: then no hit ever cuts through a word.
    const s = createScanner({ entries: ENTRIES, segmenter: { name: 'chars', cut: (t) => [...t] } });
    expect(s.scan('我们既使用了').findings.map((f) => f.actual)).toEqual(['既使']);
  });

  test('only windows around candidates are segmented', () => {
    const seen: string[] = [];
    const s = createScanner({ entries: ENTRIES, segmenter: { name: 'spy', cut: (t) => (seen.push(t), [...t]) } });
    s.scan('今'.repeat(1000) + '既使' + '天'.repeat(1000));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.length).toBeLessThan(40);
  });
});
