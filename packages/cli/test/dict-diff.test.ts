import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictDiff, type DictDiffReport } from '../src/dict-diff.js';
import { UsageError, type Io } from '../src/io.js';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function fakeIo(cwd: string): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => '',
  };
  return io;
}

function yamlDictionary(entries: { id: string; term: string; suggestions?: string[]; extra?: string }[]): string {
  const lines = ['category: typo', 'entries:'];
  for (const e of entries) {
    lines.push(`  - id: ${e.id}`, `    term: ${e.term}`);
    if (e.suggestions) lines.push(`    suggestions: [${e.suggestions.join(', ')}]`);
    if (e.extra) lines.push(e.extra);
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cuomin-dict-diff-'));
  writeFileSync(
    join(dir, 'old.yaml'),
    yamlDictionary([
      { id: 'typo/zai-jie-zai-li', term: '再接再励', suggestions: ['再接再厉'] },
      { id: 'typo/an-bu-jiu-ban', term: '按步就班', suggestions: ['按部就班'] },
      { id: 'typo/gone', term: '一股作气', suggestions: ['一鼓作气'] },
    ]),
  );
  writeFileSync(
    join(dir, 'new.yaml'),
    yamlDictionary([
      { id: 'typo/zai-jie-zai-li', term: '再接再励', suggestions: ['再接再厉'] },
      // changed: the term is now a different misspelling
      { id: 'typo/an-bu-jiu-ban', term: '按布就班', suggestions: ['按部就班'] },
      // added: fires on every 工作 in the corpus, a likely false positive
      { id: 'typo/noisy', term: '工作', suggestions: ['工做'] },
    ]),
  );
  mkdirSync(join(dir, 'corpus', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'corpus', 'a.txt'), '各单位要再接再励，做好工作。\n我们一股作气完成了工作。\n');
  writeFileSync(join(dir, 'corpus', 'sub', 'b.md'), '# 标题\n\n不能按步就班，要按布就班地推进工作。\n');
  writeFileSync(join(dir, 'corpus', 'ignored.json'), '{"x": "工作工作工作"}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runDiff(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(dir);
  const code = await dictDiff(args, io);
  return { code, out: io.out, err: io.err };
}

describe('cuomin dict diff', () => {
  it('reports entries added, removed and changed, and findings that appear and disappear per entry', async () => {
    const { code, out } = await runDiff(['old.yaml', 'new.yaml', '--corpus', 'corpus', '--format', 'json', '--no-segmentation']);
    const report = JSON.parse(out) as DictDiffReport;

    expect(report.entries.added).toEqual([{ id: 'typo/noisy', term: '工作', category: 'typo' }]);
    expect(report.entries.removed).toEqual([{ id: 'typo/gone', term: '一股作气', category: 'typo' }]);
    expect(report.entries.changed).toHaveLength(1);
    expect(report.entries.changed[0]).toMatchObject({ id: 'typo/an-bu-jiu-ban', fields: ['term'], before: { term: '按步就班' }, after: { term: '按布就班' } });

    // Only .txt and .md files are read.
    expect(report.corpus.files).toBe(2);
    const text = readFileSync(join(dir, 'corpus', 'a.txt'), 'utf8') + readFileSync(join(dir, 'corpus', 'sub', 'b.md'), 'utf8');
    expect(report.corpus.chars).toBe(text.length);

    const by = Object.fromEntries(report.findings.byEntry.map((d) => [d.ruleId, d]));
    // The unchanged entry finds the same thing before and after, so it is not listed.
    expect(by['typo/zai-jie-zai-li']).toBeUndefined();
    expect(by['typo/gone']).toMatchObject({ before: 1, after: 0, appeared: 0, disappeared: 1 });
    expect(by['typo/gone']!.examples.disappeared).toEqual([
      { file: join('corpus', 'a.txt'), line: 2, column: 3, actual: '一股作气', context: '接再励，做好工作。 我们【一股作气】完成了工作。 ' },
    ]);
    expect(by['typo/an-bu-jiu-ban']).toMatchObject({ before: 1, after: 1, appeared: 1, disappeared: 1 });
    expect(by['typo/an-bu-jiu-ban']!.examples.appeared[0]).toMatchObject({ file: join('corpus', 'sub', 'b.md'), line: 3, column: 9, actual: '按布就班' });
    expect(by['typo/noisy']).toMatchObject({ before: 0, after: 3, appeared: 3, disappeared: 0 });
    expect(report.findings).toMatchObject({ before: 3, after: 5, appeared: 4, disappeared: 2 });

    // 3 findings of 工作 in well under 100,000 characters: far above the default rate of 5.
    expect(report.suspicious).toEqual([{ ruleId: 'typo/noisy', term: '工作', findings: 3, before: 0, per100k: +((3 * 100_000) / text.length).toFixed(2) }]);
    expect(code).toBe(1);
  });

  it('limits example contexts per entry with --examples and takes the rate limit from --max-rate', async () => {
    const { code, out } = await runDiff(['old.yaml', 'new.yaml', '--corpus', 'corpus', '--format', 'json', '--no-segmentation', '--examples', '1', '--max-rate', '100000']);
    const report = JSON.parse(out) as DictDiffReport;
    const noisy = report.findings.byEntry.find((d) => d.ruleId === 'typo/noisy')!;
    expect(noisy.appeared).toBe(3);
    expect(noisy.examples.appeared).toHaveLength(1);
    expect(report.suspicious).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints a readable summary by default', async () => {
    const { code, out } = await runDiff(['old.yaml', 'new.yaml', '--corpus', 'corpus', '--no-segmentation']);
    expect(code).toBe(1);
    expect(out).toContain('Entries old.yaml → new.yaml: 1 added, 1 removed, 1 changed');
    expect(out).toContain('  + typo/noisy  工作 (typo)');
    expect(out).toContain('  - typo/gone  一股作气 (typo)');
    expect(out).toContain('  ~ typo/an-bu-jiu-ban  term: 按步就班 → 按布就班');
    expect(out).toContain('3 → 5, 4 appeared, 2 disappeared');
    expect(out).toContain(`    - ${join('corpus', 'a.txt')}:2:3  接再励，做好工作。 我们【一股作气】完成了工作。 `);
    expect(out).toMatch(/! typo\/noisy {2}工作 {2}3 findings \(before: 0\)/);
  });

  it('reads source folders with their allow-lists, as the dictionary build does', async () => {
    for (const [name, allow] of [
      ['src-old', ''],
      ['src-new', '做好工作\n'],
    ] as const) {
      mkdirSync(join(dir, name, 'typo'), { recursive: true });
      writeFileSync(join(dir, name, 'typo', 'words.yaml'), yamlDictionary([{ id: 'typo/noisy', term: '工作', suggestions: ['工做'] }]));
      writeFileSync(join(dir, name, 'allow.txt'), allow);
    }
    const { out } = await runDiff(['src-old', 'src-new', '--corpus', join('corpus', 'a.txt'), '--format', 'json', '--no-segmentation']);
    const report = JSON.parse(out) as DictDiffReport;
    expect(report.entries).toEqual({ added: [], removed: [], changed: [] });
    expect(report.corpus.files).toBe(1);
    // The new allow-list clears 做好工作; the other 工作 stays.
    const noisy = report.findings.byEntry.find((d) => d.ruleId === 'typo/noisy')!;
    expect(noisy).toMatchObject({ before: 2, after: 1, appeared: 0, disappeared: 1 });
    expect(noisy.examples.disappeared[0]).toMatchObject({ line: 1, column: 12, actual: '工作' });
  });

  it('uses word segmentation unless told not to', async () => {
    writeFileSync(join(dir, 'seg-old.yaml'), 'category: custom\nentries: []\n');
    writeFileSync(join(dir, 'seg-new.yaml'), 'category: custom\nentries:\n  - id: custom/cun-zhang\n    term: 村长\n');
    writeFileSync(join(dir, 'seg.txt'), '推动农村长期发展。村长主持会议。\n');
    const withWords = JSON.parse((await runDiff(['seg-old.yaml', 'seg-new.yaml', '--corpus', 'seg.txt', '--format', 'json'])).out) as DictDiffReport;
    const without = JSON.parse((await runDiff(['seg-old.yaml', 'seg-new.yaml', '--corpus', 'seg.txt', '--format', 'json', '--no-segmentation'])).out) as DictDiffReport;
    // 村长 in 农村长期 cuts through the words 农村 and 长期: dropped with segmentation, reported without.
    expect(withWords.findings.after).toBe(1);
    expect(withWords.findings.byEntry[0]!.examples.appeared[0]).toMatchObject({ column: 10 });
    expect(without.findings.after).toBe(2);
    expect(without.findings.byEntry[0]!.examples.appeared[0]).toMatchObject({ column: 4 });
  });

  it('rejects bad usage and broken dictionaries as usage errors', async () => {
    await expect(runDiff(['old.yaml', '--corpus', 'corpus'])).rejects.toThrow(UsageError);
    await expect(runDiff(['old.yaml', 'new.yaml'])).rejects.toThrow(/--corpus/);
    await expect(runDiff(['old.yaml', 'missing.yaml', '--corpus', 'corpus'])).rejects.toThrow(/missing\.yaml/);
    await expect(runDiff(['old.yaml', 'new.yaml', '--corpus', 'nowhere'])).rejects.toThrow(/nowhere/);
    await expect(runDiff(['old.yaml', 'new.yaml', '--corpus', 'corpus', '--format', 'xml'])).rejects.toThrow(/--format/);
    await expect(runDiff(['old.yaml', 'new.yaml', '--corpus', 'corpus', '--max-rate', 'many'])).rejects.toThrow(/--max-rate/);
    writeFileSync(join(dir, 'broken.yaml'), 'category: typo\nentries:\n  - id: typo/x\n    category: nonsense\n');
    const io = fakeIo(dir);
    await expect(dictDiff(['old.yaml', 'broken.yaml', '--corpus', 'corpus'], io)).rejects.toThrow(/broken\.yaml/);
    expect(io.err).toMatch(/^broken\.yaml:\d+: /);
  });

  const bin = join(cliRoot, 'dist', 'bin.js');
  it('runs through the built command line', () => {
    const r = spawnSync(process.execPath, [bin, 'dict', 'diff', 'old.yaml', 'new.yaml', '--corpus', 'corpus', '--format', 'json', '--no-segmentation'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as DictDiffReport;
    expect(report.findings).toMatchObject({ before: 3, after: 5, appeared: 4, disappeared: 2 });
    expect(report.suspicious.map((s) => s.ruleId)).toEqual(['typo/noisy']);
    const usage = spawnSync(process.execPath, [bin, 'dict', 'diff', 'old.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('cuomin: ');
  });
});
