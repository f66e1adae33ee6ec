import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { fixFile } from '../src/fix.js';
import { hashBytes } from '../src/read.js';
import { BIN, cuomin, DICT, folder, OWN, REPO, removeFolders } from './helpers.js';

afterAll(removeFolders);

interface JsonFinding {
  ruleId: string; category: string; severity: string; actual: string; expected: string[]; message: string;
  start: number; end: number; line: number; column: number; paragraph?: number; character?: number;
}
interface JsonOutput {
  files: { path: string; findings: JsonFinding[]; problems: { kind: string; line?: number }[]; notices: string[] }[];
  summary: Record<string, number>;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonOutput;

describe('formats', () => {
  const draft = '# 通知\n\n学习习进平讲话，要再接再励。\n';
  const dir = folder({ 'dict.yaml': DICT, 'a.md': draft, 'clean.txt': '没有问题的文字。\n' });

  it('json: the documented contract, offsets into the source', () => {
    const run = cuomin(['scan', 'a.md', 'clean.txt', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.code).toBe(1);
    const out = json(run.stdout);
    expect(out.files.map((f) => f.path)).toEqual(['a.md', 'clean.txt']);
    const [first, second] = out.files[0]?.findings ?? [];
    expect(first).toMatchObject({
      ruleId: 'serious/xjp', category: 'serious', severity: 'error', actual: '习进平', expected: ['习近平'],
      start: 8, end: 11, line: 3, column: 3,
    });
    expect(first?.message).toContain('习进平');
    expect(second).toMatchObject({ ruleId: 'typo/zjzl', severity: 'warning', start: 15, line: 3, column: 10 });
    for (const f of out.files[0]?.findings ?? []) expect(draft.slice(f.start, f.end)).toBe(f.actual);
    expect(out.summary).toMatchObject({ files: 2, filesWithFindings: 1, findings: 2, errors: 1, warnings: 1, infos: 0 });
  });

  it('stylish: grouped by file, line:col severity message rule, suggestion, summary, no colour off a terminal', () => {
    const run = cuomin(['scan', 'a.md', ...OWN], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    const lines = run.stdout.split('\n');
    expect(lines).toContain('a.md');
    expect(run.stdout).toMatch(/^ {2}3:3 +error +严重表述错误.*习进平.* {2}serious\/xjp$/m);
    expect(run.stdout).toMatch(/→ 建议：习近平/);
    expect(run.stdout).toMatch(/^ {2}3:10 +warning +.*再接再励.* {2}typo\/zjzl$/m);
    expect(run.stdout).toMatch(/2 findings \(1 error, 1 warning\) in 1 of 1 file scanned/);
  });

  it('sarif: 2.1.0 with UTF-16 columns and regions matching the JSON', () => {
    const run = cuomin(['scan', 'a.md', '--format', 'sarif', ...OWN], { cwd: dir });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.columnKind).toBe('utf16CodeUnits');
    expect(sarifRun.tool.driver.name).toBe('cuomin');
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['serious/xjp', 'typo/zjzl']);
    expect(sarifRun.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning']);
    expect(sarifRun.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 6, charOffset: 8, charLength: 3 },
    });
  });

  it('reads standard input, with its kind from --stdin-filename', () => {
    const run = cuomin(['scan', '-', '--stdin-filename', 'page.html', '--format', 'json', ...OWN], {
      cwd: dir,
      input: '<p title="习进平">正文</p><script>再接再励</script>',
    });
    const out = json(run.stdout);
    expect(out.files[0]?.path).toBe('page.html');
    expect(out.files[0]?.findings.map((f) => [f.actual, f.start])).toEqual([['习进平', 10]]);
  });
});

describe('exit codes', () => {
  const dir = folder({
    'dict.yaml': DICT,
    'error.txt': '习进平',
    'warning.txt': '再接再励',
    'info.txt': '提示词',
    'clean.txt': '没有问题。',
    'bad-config/cuomin.config.json': '{\n  "rules": {\n    "typo": "loud"\n  }\n}\n',
    'bad-config/x.txt': '文字',
    'bad.tsv': 'term\tcategory\n某词\tnonsense\n',
  });
  const code = (...args: string[]) => cuomin(['scan', ...args, ...OWN], { cwd: dir }).code;

  it('0 when nothing is at or above --fail-on, 1 when something is', () => {
    expect(code('clean.txt')).toBe(0);
    expect(code('warning.txt')).toBe(0);
    expect(code('error.txt')).toBe(1);
    expect(code('warning.txt', '--fail-on', 'warning')).toBe(1);
    expect(code('info.txt', '--fail-on', 'warning')).toBe(0);
    expect(code('info.txt', '--fail-on', 'info')).toBe(1);
    expect(code('error.txt', '--fail-on', 'never')).toBe(0);
  });

  it('2 with one clear line for usage errors', () => {
    for (const args of [['clean.txt', '--format', 'xml'], ['clean.txt', '--fail-on', 'all'], ['clean.txt', '--frobnicate'], []]) {
      const run = cuomin(['scan', ...args], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^cuomin: /);
    }
  });

  it('2 for a bad config file, naming file and line', () => {
    const run = cuomin(['scan', 'bad-config/x.txt', ...OWN], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cuomin: bad-config/cuomin.config.json:3: rules.typo: must be one of off, info, warning, error\n');
    expect(run.stdout).toBe('');
    const explicit = cuomin(['scan', 'clean.txt', '--config', 'bad-config/cuomin.config.json', ...OWN], { cwd: dir });
    expect(explicit.code).toBe(2);
  });

  it('2 for a bad dictionary, naming file and line', () => {
    const run = cuomin(['scan', 'clean.txt', '--no-baseline', '--dict', 'bad.tsv'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cuomin: bad\.tsv:2: unknown category "nonsense"/);
  });

  it('2 for a missing file, after scanning the others', () => {
    const run = cuomin(['scan', 'missing.txt', 'error.txt', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cuomin: missing.txt: no such file or folder\n');
    expect(json(run.stdout).files.map((f) => f.path)).toEqual(['error.txt']);
  });
});

describe('configuration layers', () => {
  it('each file gets the nearest config; flags win over it; directives win over both', () => {
    const dir = folder({
      'dict.yaml': DICT,
      'cuomin.config.json': '{"baseline": false, "dictionaries": ["dict.yaml"], "segmentation": false, "rules": {"typo": "off"}}',
      'a.txt': '再接再励，习进平。',
      'strict/cuomin.config.yaml': 'baseline: false\ndictionaries: [../dict.yaml]\nsegmentation: false\nrules:\n  typo: error\n  serious/xjp: info\nallow: [习进平同志]\n',
      'strict/b.md': '再接再励，习进平。习进平同志。\n\n<!-- cuomin-disable-next-line typo -->\n再接再励\n',
    });
    const byFile = (args: string[]) => {
      const out = json(cuomin(['scan', '.', '--format', 'json', ...args], { cwd: dir }).stdout);
      return Object.fromEntries(out.files.map((f) => [f.path, f.findings.map((x) => `${x.actual}:${x.severity}`)]));
    };
    expect(byFile([])).toEqual({ 'a.txt': ['习进平:error'], 'strict/b.md': ['再接再励:error', '习进平:info'] });
    expect(byFile(['--rule', 'serious=off', '--rule', 'typo=warning'])).toEqual({ 'a.txt': ['再接再励:warning'], 'strict/b.md': ['再接再励:warning'] });
    expect(byFile(['--allow', '习进平'])).toEqual({ 'a.txt': [], 'strict/b.md': ['再接再励:error'] });
    expect(byFile(['--config', 'cuomin.config.json'])).toEqual({ 'a.txt': ['习进平:error'], 'strict/b.md': ['习进平:error', '习进平:error'] });
  });

  it('an unknown directive is reported in every format', () => {
    const dir = folder({ 'dict.yaml': DICT, 'a.md': '正文\n\n<!-- cuomin-disabel -->\n' });
    const out = json(cuomin(['scan', 'a.md', '--format', 'json', ...OWN], { cwd: dir }).stdout);
    expect(out.files[0]?.problems).toEqual([expect.objectContaining({ kind: 'directive', line: 3, column: 1, message: expect.stringContaining('cuomin-disabel') })]);
    expect(cuomin(['scan', 'a.md', ...OWN], { cwd: dir }).stdout).toMatch(/3:1 +warning +unknown directive "cuomin-disabel"/);
  });
});

describe('files', () => {
  it('walks folders, skipping .gitignore and config ignore; stable order', () => {
    const dir = folder({
      'dict.yaml': DICT,
      'cuomin.config.yaml': 'ignore: ["drafts/old-*.md"]\n',
      '.gitignore': 'build/\n',
      'docs/b.md': '习进平',
      'docs/a.txt': '习进平',
      'drafts/old-1.md': '习进平',
      'drafts/new.md': '习进平',
      'build/out.html': '<p>习进平</p>',
      'node_modules/x/readme.md': '习进平',
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
    });
    const run = cuomin(['scan', '.', '--format', 'json', ...OWN], { cwd: dir });
    expect(json(run.stdout).files.map((f) => f.path)).toEqual(['docs/a.txt', 'docs/b.md', 'drafts/new.md']);
    const glob = cuomin(['scan', '**/*.md', '--format', 'json', ...OWN], { cwd: dir });
    expect(json(glob.stdout).files.map((f) => f.path)).toEqual(['docs/b.md', 'drafts/new.md']);
  });

  it('skips binary files with a notice, never scanning them', () => {
    const dir = folder({ 'dict.yaml': DICT, 'data.bin': Buffer.concat([Buffer.from('习进平'), Buffer.from([0, 1, 2])]), 'fake.txt': Buffer.from([0, 0, 0x41]) });
    const run = cuomin(['scan', 'data.bin', 'fake.txt', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('cuomin: data.bin: skipped: binary file\ncuomin: fake.txt: skipped: binary file\n');
    expect(json(run.stdout).summary).toMatchObject({ findings: 0, skipped: 2 });
  });

  it('reports invalid UTF-8 with its byte offset and still scans the rest', () => {
    const bytes = Buffer.concat([Buffer.from('前文'), Buffer.from([0xff, 0xfe]), Buffer.from('后文习进平')]);
    const dir = folder({ 'dict.yaml': DICT, 'broken.txt': bytes });
    const run = cuomin(['scan', 'broken.txt', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.stderr).toBe('cuomin: broken.txt: invalid UTF-8 at byte 6; scanned with replacement characters\n');
    expect(json(run.stdout).files[0]?.findings.map((f) => f.actual)).toEqual(['习进平']);
  });

  it('skips files over the size limit with a notice', () => {
    const dir = folder({ 'dict.yaml': DICT, 'big.txt': '习进平'.repeat(100), 'small.txt': '习进平' });
    const run = cuomin(['scan', 'big.txt', 'small.txt', '--max-file-size', '100', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.stderr).toBe('cuomin: big.txt: skipped: 900 bytes is over the size limit of 100 (--max-file-size)\n');
    expect(json(run.stdout).files.filter((f) => f.findings.length > 0).map((f) => f.path)).toEqual(['small.txt']);
  });

  it('an unreadable file is one error line, and the other files are still scanned', () => {
    const dir = folder({ 'dict.yaml': DICT, 'secret.txt': '习进平', 'open.txt': '习进平' });
    chmodSync(join(dir, 'secret.txt'), 0o000);
    const args = [BIN, 'scan', 'secret.txt', 'open.txt', '--format', 'json', ...OWN];
    // root reads anything: without the capabilities that override file permissions, it cannot.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', process.execPath] : [process.execPath];
    const [command, ...prefix] = asUser as [string, ...string[]];
    const run = spawnSync(command, [...prefix, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    expect(run.stderr).toBe('cuomin: secret.txt: permission denied\n');
    expect(run.status).toBe(2);
    expect(json(run.stdout).files.filter((f) => f.findings.length > 0).map((f) => f.path)).toEqual(['open.txt']);
  });

  it('a folder without files to scan is an error', () => {
    const dir = folder({ 'dict.yaml': DICT, 'empty/x.png': new Uint8Array([0]) });
    const run = cuomin(['scan', 'empty', ...OWN], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cuomin: empty: no files to scan in this folder/);
  });
});

describe('position accuracy', () => {
  it('Markdown: escapes, entities, blockquotes, code, links', () => {
    const source = [
      '# 标题 \\*习进平\\*',
      '',
      '> 引文 &amp; 再接',
      '> 再励，`银保监会` 不算。',
      '',
      '[银保监会](https://x.cn/银保监会) 和 ![习进平](a.png)',
      '',
      '```',
      '习进平',
      '```',
      '',
    ].join('\n');
    const dir = folder({ 'dict.yaml': DICT, 'doc.md': source });
    const out = json(cuomin(['scan', 'doc.md', '--format', 'json', ...OWN], { cwd: dir }).stdout);
    const findings = out.files[0]?.findings ?? [];
    expect(findings.map((f) => [f.actual, f.line, f.column])).toEqual([
      ['习进平', 1, 8],
      ['再接\n> 再励', 3, 12],
      ['银保监会', 6, 2],
      ['习进平', 6, 31],
    ]);
    for (const f of findings) expect(source.slice(f.start, f.end)).toBe(f.actual);
  });

  it('HTML: entities, attributes, script and style', () => {
    const source = '<!doctype html>\n<html><head><title>习进平</title><style>p{content:"习进平"}</style></head>\n<body><p>&lt;通知&gt; 再接再励</p><img alt="银保监会" data-x="习进平"><script>"银保监会"</script></body></html>\n';
    const dir = folder({ 'dict.yaml': DICT, 'page.html': source });
    const findings = json(cuomin(['scan', 'page.html', '--format', 'json', ...OWN], { cwd: dir }).stdout).files[0]?.findings ?? [];
    expect(findings.map((f) => [f.actual, f.line])).toEqual([['习进平', 2], ['再接再励', 3], ['银保监会', 3]]);
    for (const f of findings) expect(source.slice(f.start, f.end)).toBe(f.actual);
  });

  it('columns count UTF-16 units: an astral character before a term counts two', () => {
    const source = '𠀀习进平\n';
    const dir = folder({ 'dict.yaml': DICT, 'a.txt': source });
    const [f] = json(cuomin(['scan', 'a.txt', '--format', 'json', ...OWN], { cwd: dir }).stdout).files[0]?.findings ?? [];
    expect(f).toMatchObject({ start: 2, column: 3 });
  });
});

describe('Word documents', () => {
  it('scans a generated .docx, reporting paragraph and character', async () => {
    const doc = new Document({
      sections: [{
        children: [
          new Paragraph({ children: [new TextRun('关于进一步做好工作的通知')] }),
          new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun('各单位要学习'), new TextRun({ text: '习进平', bold: true }), new TextRun('讲话，再接再励。')] }),
        ],
      }],
    });
    const dir = folder({ 'dict.yaml': DICT, 'notice.docx': await Packer.toBuffer(doc) });
    const run = cuomin(['scan', 'notice.docx', '--format', 'json', ...OWN], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json(run.stdout).files[0]?.findings.map((f) => [f.actual, f.paragraph, f.character])).toEqual([
      ['习进平', 2, 7],
      ['再接再励', 2, 13],
    ]);
    const stylish = cuomin(['scan', 'notice.docx', ...OWN], { cwd: dir });
    expect(stylish.stdout).toMatch(/¶2:7 +error/);
  });

  it('a broken .docx is one error line', () => {
    const dir = folder({ 'dict.yaml': DICT, 'broken.docx': 'not a zip file' });
    const run = cuomin(['scan', 'broken.docx', ...OWN], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cuomin: broken\.docx: not a readable \.docx: .*\n$/);
  });
});

describe('--fix', () => {
  it('fixes CRLF and BOM files, keeping both, and only single safe suggestions', () => {
    const crlf = '第一行习进平\r\n再接再励，两可词，敏感说法。\r\n';
    const bom = '\uFEFF银保监会发布通知。\n';
    const dir = folder({ 'dict.yaml': DICT, 'crlf.txt': crlf, 'bom.md': bom, 'clean.txt': '没有问题。\r\n' });
    const cleanBefore = statSync(join(dir, 'clean.txt'));
    const run = cuomin(['scan', 'crlf.txt', 'bom.md', 'clean.txt', '--fix', '--format', 'json', ...OWN], { cwd: dir });
    expect(readFileSync(join(dir, 'crlf.txt'), 'utf8')).toBe('第一行习近平\r\n再接再厉，两可词，敏感说法。\r\n');
    expect(readFileSync(join(dir, 'bom.md'), 'utf8')).toBe('\uFEFF国家金融监督管理总局发布通知。\n');
    // Left: two suggestions, and a sensitive entry that is never auto-fixed. No error is left, so exit 0.
    const out = json(run.stdout);
    expect(out.files.flatMap((f) => f.findings.map((x) => x.actual))).toEqual(['两可词', '敏感说法']);
    expect(out.summary.fixed).toBe(3);
    expect(run.code).toBe(0);
    const cleanAfter = statSync(join(dir, 'clean.txt'));
    expect([cleanAfter.mtimeMs, cleanAfter.ino]).toEqual([cleanBefore.mtimeMs, cleanBefore.ino]);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = folder({ 'dict.yaml': DICT, 'a.txt': '一\n二习进平\n三\n' });
    const run = cuomin(['scan', 'a.txt', '--fix', '--dry-run', ...OWN], { cwd: dir });
    expect(run.stdout).toContain('--- a/a.txt');
    expect(run.stdout).toContain('+++ b/a.txt');
    expect(run.stdout).toContain('-二习进平\n+二习近平\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('一\n二习进平\n三\n');
  });

  it('leaves a file alone when it changed after it was read', () => {
    const dir = folder({ 'a.txt': '习进平' });
    const path = join(dir, 'a.txt');
    const scannedHash = hashBytes(readFileSync(path));
    const finding = { ruleId: 'serious/xjp', category: 'serious' as const, severity: 'error' as const, actual: '习进平', expected: ['习近平'], message: 'm', start: 0, end: 3, fixable: true };
    writeFileSync(path, '习进平，已改。');
    expect(fixFile(path, 'a.txt', scannedHash, [finding], false)).toEqual({ status: 'changed' });
    expect(readFileSync(path, 'utf8')).toBe('习进平，已改。');
    // Unchanged since read: fixed.
    expect(fixFile(path, 'a.txt', hashBytes(readFileSync(path)), [finding], false).status).toBe('fixed');
    expect(readFileSync(path, 'utf8')).toBe('习近平，已改。');
  });

  it('does not fix a file with invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('习进平'), Buffer.from([0xff])]);
    const dir = folder({ 'dict.yaml': DICT, 'a.txt': bytes });
    const run = cuomin(['scan', 'a.txt', '--fix', ...OWN], { cwd: dir });
    expect(run.stderr).toContain('a.txt: not fixed');
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(bytes);
  });
});

describe('large jobs', () => {
  it('a thousand-file tree on threads gives the same, stably ordered result as one thread', () => {
    const files: Record<string, string> = { 'dict.yaml': DICT };
    for (let i = 0; i < 1000; i++) {
      const name = `tree/d${i % 10}/f${String(i).padStart(4, '0')}.${i % 3 === 0 ? 'md' : 'txt'}`;
      files[name] = i % 7 === 0 ? `第${i}号文件：习进平。\n` : `第${i}号文件，没有问题。\n`;
    }
    const dir = folder(files);
    const threaded = cuomin(['scan', 'tree', '--format', 'json', '--jobs', '2', ...OWN], { cwd: dir });
    const single = cuomin(['scan', 'tree', '--format', 'json', '--jobs', '0', ...OWN], { cwd: dir });
    expect(threaded.code).toBe(1);
    const out = json(threaded.stdout);
    expect(out.summary).toMatchObject({ files: 1000, filesWithFindings: 143, findings: 143 });
    const paths = out.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(threaded.stdout).toBe(single.stdout);
  });
});

describe('on a terminal', () => {
  it('colours stylish output and draws a progress bar on stderr for many files', () => {
    const files: Record<string, string> = { 'dict.yaml': DICT };
    for (let i = 0; i < 60; i++) files[`t/f${String(i).padStart(2, '0')}.txt`] = i === 0 ? '习进平' : '正文';
    const dir = folder(files);
    // util-linux `script` runs the command on a pseudo-terminal.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} scan t ${OWN.join(' ')}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    expect(result.stdout).toContain('\u001b[31merror');
    expect(result.stdout).toContain('60/60 files');
    const plain = cuomin(['scan', 't', ...OWN], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stderr).toBe('');
  });
});

describe('the bundled sample', () => {
  it('pnpm start prints the sample draft findings and does not fail', () => {
    const run = cuomin(['scan', 'samples/draft.md', '--format', 'json', '--fail-on', 'never'], { cwd: REPO });
    expect(run.code).toBe(0);
    const findings = json(run.stdout).files[0]?.findings ?? [];
    const source = readFileSync(join(REPO, 'samples/draft.md'), 'utf8');
    for (const f of findings) expect(source.slice(f.start, f.end)).toBe(f.actual);
    expect(findings.map((f) => [f.category, f.actual])).toEqual(
      expect.arrayContaining([
        ['serious', expect.stringContaining('习进平')],
        ['outdated', '银保监会'],
        ['typo', '再接再励'],
      ]),
    );
    expect(cuomin(['scan', 'samples/draft.md'], { cwd: REPO }).code).toBe(1);
  });
});
