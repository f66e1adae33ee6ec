import { describe, expect, test } from 'vitest';
import { layerEntries, parseListDictionary, parseYamlDictionary, validateEntries, type SourceEntry } from '../src/index.js';
import type { Entry } from '@cuomin/types';

const GOOD = `category: outdated
source: 《深化党和国家机构改革方案》
entries:
  - id: outdated/nongyebu
    term: 农业部
    suggestions: [农业农村部]
    note: 2018年组建农业农村部。
    boundary: word
    since: 2018-03-17
    context:
      forbid_after: [令]
    examples: [农业部印发通知。]
    counter_examples: [各级农业部门。]
  - id: outdated/guotubu
    term: 国土资源部
    category: outdated
    suggestions: [自然资源部]
    note: 2018年组建自然资源部。
    examples: [国土资源部发布。]
`;

describe('YAML sources', () => {
  test('file defaults apply, keys become camelCase, lines are kept', () => {
    const { entries, problems } = parseYamlDictionary(GOOD, 'outdated.yaml');
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.entry.id, e.location.line])).toEqual([
      ['outdated/nongyebu', 4],
      ['outdated/guotubu', 14],
    ]);
    expect(entries[0]?.entry).toMatchObject({
      category: 'outdated',
      source: '《深化党和国家机构改革方案》',
      since: '2018-03-17',
      context: { forbidAfter: ['令'] },
      counterExamples: ['各级农业部门。'],
    });
  });

  test.each([
    ['entries:\n  - id: typo/a\n    term: 甲\n    category: typo\n    severty: error\n', 5, /unknown field "severty"/],
    ['entries:\n  - id: typo/a\n    term: 甲\n    category: bad\n', 4, /must be one of serious, banned/],
    ['entries:\n  - id: Typo A\n    term: 甲\n    category: typo\n', 2, /entries\.0\.id: must match pattern/],
    ['entries:\n  - id: typo/a\n    term: [甲\n', 4, /YAML: Flow sequence/],
    ['entries:\n  - id: typo/a\n    term: 甲\n', 2, /no category/],
    ['entries:\n  - id: typo/a\n    id: typo/b\n    term: 甲\n    category: typo\n', 3, /YAML: Map keys must be unique/],
  ])('problem with its line: %j', (text, line, message) => {
    const { entries, problems } = parseYamlDictionary(text, 'x.yaml');
    expect(entries).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'x.yaml', line });
    expect(problems[0]?.message).toMatch(message);
  });
});

describe('plain lists', () => {
  test('.txt: one term per line, category from the caller, comments skipped, stable ids', () => {
    const a = parseListDictionary('\uFEFF# 本单位词表\n甲乙\r\n\n丙丁\n', 'txt', { file: 'u.txt', category: 'typo', idPrefix: 'u' });
    expect(a.entries.map((e) => [e.entry.term, e.entry.category, e.location.line])).toEqual([
      ['甲乙', 'typo', 2],
      ['丙丁', 'typo', 4],
    ]);
    const b = parseListDictionary('甲乙\n', 'txt', { file: 'u.txt', category: 'typo', idPrefix: 'u' });
    expect(b.entries[0]?.entry.id).toBe(a.entries[0]?.entry.id);
  });

  test('.csv with a header, quoted fields and several suggestions', () => {
    const text = 'term,category,suggestion,comment\n卫计委,outdated,卫健委|卫生健康委员会,"a, b"\n\n再接再励,typo,再接再厉,\n';
    const { entries, problems } = parseListDictionary(text, 'csv', { file: 'u.csv' });
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.entry.term, e.entry.category, e.entry.suggestions, e.location.line])).toEqual([
      ['卫计委', 'outdated', ['卫健委', '卫生健康委员会'], 2],
      ['再接再励', 'typo', ['再接再厉'], 4],
    ]);
  });

  test('.tsv without a category column uses the given one; sensitive entries are never auto-fixed', () => {
    const { entries } = parseListDictionary('term\tsuggestion\n某词\t\n', 'tsv', { file: 'u.tsv', category: 'sensitive' });
    expect(entries[0]?.entry).toMatchObject({ term: '某词', category: 'sensitive', suggestions: [], autoFix: false });
  });

  test.each([
    ['word,category\n甲,typo\n', /no "term" column/, 1],
    ['term,category\n甲,nope\n', /unknown category "nope"/, 2],
    ['term,category\n"甲,typo\n', /CSV:/, 2],
  ])('bad table %j', (text, message, line) => {
    const { problems } = parseListDictionary(text, 'csv', { file: 'u.csv' });
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.line).toBe(line);
  });
});

describe('layering', () => {
  const base: Entry[] = [
    { id: 'typo/a', term: '再接再励', category: 'typo' },
    { id: 'outdated/b', term: '卫计委', category: 'outdated' },
    { id: 'banned/c', term: '北朝鲜', category: 'banned' },
  ];
  test('user entries replace by id and by term; ids and categories can be switched off', () => {
    const user: Entry[] = [
      { id: 'custom/x', term: '卫计委', category: 'custom', suggestions: ['卫健委'] },
      { id: 'typo/a', term: '再接再励', category: 'typo', severity: 'error' },
    ];
    const out = layerEntries(base, [user], { disable: ['banned'] });
    expect(out.map((e) => e.id).sort()).toEqual(['custom/x', 'typo/a']);
    expect(out.find((e) => e.id === 'typo/a')?.severity).toBe('error');
    expect(layerEntries(base, [], { baseline: ['typo'] }).map((e) => e.id)).toEqual(['typo/a']);
    expect(layerEntries(base, [], { baseline: false })).toEqual([]);
    expect(layerEntries(base, [], { disable: ['outdated/b'] }).map((e) => e.id)).toEqual(['typo/a', 'banned/c']);
  });
});

describe('validation', () => {
  const at = (entry: Entry, line = 1): SourceEntry => ({ entry, location: { file: 'v.yaml', line } });
  const ok: Entry = {
    id: 'typo/zai',
    term: '再接再励',
    category: 'typo',
    suggestions: ['再接再厉'],
    note: 'n',
    source: 's',
    examples: ['要再接再励。'],
  };

  test('a clean entry passes and its examples run', () => {
    const result = validateEntries([at(ok)], { segmenter: null });
    expect(result.problems).toEqual([]);
    expect(result.examplesRun).toBe(1);
  });

  test.each([
    [{ ...ok, examples: ['要再接再厉。'] }, /example not flagged: “要再接再厉。” \(found nothing\)/],
    [{ ...ok, counterExamples: ['再接再励'] }, /counter-example flagged: “再接再励”/],
    [{ ...ok, examples: [] }, /no example/],
    [{ ...ok, note: undefined }, /no note/],
    [{ ...ok, source: undefined }, /no source/],
    [{ ...ok, term: '以经', examples: ['我以经到了'] }, /two characters or fewer needs a counter-example/],
    [{ ...ok, category: 'sensitive', suggestions: [], counterExamples: undefined }, /a sensitive entry needs a counter-example/],
    [{ ...ok, allow: ['甲乙'] }, /allow phrase "甲乙" does not contain the term/],
  ])('problem %#', (entry, message) => {
    const { problems } = validateEntries([at(entry as Entry, 7)], { segmenter: null });
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(problems[0]).toMatchObject({ file: 'v.yaml', line: 7, entryId: 'typo/zai' });
  });

  test('a global allow phrase must contain some entry term', () => {
    const { problems } = validateEntries([at(ok)], { segmenter: null, allow: ['再接再励吧', '无关短语'] });
    expect(problems.map((p) => p.message)).toEqual(['global allow phrase "无关短语" contains no entry\'s term']);
  });

  test('duplicates and fixes that create findings are reported with both places', () => {
    const other: Entry = { ...ok, id: 'typo/yan', term: '厉', examples: ['厉'], counterExamples: ['严格'], boundary: 'none' };
    const dup: Entry = { ...ok, id: 'typo/zai2' };
    const { problems } = validateEntries([at(ok, 3), at(other, 9), at(dup, 12)], { segmenter: null });
    const text = problems.map((p) => `${p.line} ${p.message}`).join('\n');
    expect(text).toMatch(/12 typo\/zai2: term "再接再励" is also entry typo\/zai \(v.yaml:3\)/);
    expect(text).toMatch(/3 typo\/zai: suggestion “再接再厉” would itself be flagged by typo\/yan/);
  });
});
