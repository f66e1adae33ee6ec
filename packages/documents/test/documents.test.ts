import { describe, expect, it } from 'vitest';
import { createScanner, type Entry } from '@cuomin/core';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { extractDocx, kindForLanguageId, kindForPath, scanDocument, type DocumentKind } from '../src/index.js';

const entries: Entry[] = [
  { id: 'serious/xjp', term: '习进平', category: 'serious', suggestions: ['习近平'] },
  { id: 'typo/zjzl', term: '再接再励', category: 'typo', suggestions: ['再接再厉'] },
  { id: 'outdated/ybjh', term: '银保监会', category: 'outdated', suggestions: ['国家金融监督管理总局'] },
];
const scanner = createScanner({ entries, segmenter: null });

/** Every finding must point into the source: slice(start, end) is the reported text. */
function found(source: string, kind: DocumentKind) {
  const result = scanDocument(scanner, source, kind);
  for (const f of result.findings) expect(source.slice(f.start, f.end)).toBe(f.actual);
  return result;
}
const actuals = (source: string, kind: DocumentKind) => found(source, kind).findings.map((f) => [f.actual, f.start]);

describe('Markdown prose', () => {
  const cases: [string, string, [string, number][]][] = [
    ['heading and paragraph', '# 习进平\n\n再接再励。', [['习进平', 2], ['再接再励', 7]]],
    ['inline code is not prose', '用 `习进平` 表示', []],
    ['fenced code is not prose', '```\n习进平\n```\n', []],
    ['indented code is not prose', '段落\n\n    习进平\n', []],
    ['link text is prose, its URL is not', '[习进平](https://x.cn/习进平 "title")', [['习进平', 1]]],
    ['autolink is not prose', '<https://x.cn/yinbaojianhui> 银保监会', [['银保监会', 29]]],
    ['bare URL is not prose', '见 https://x.cn/a?q=1 再接再励', [['再接再励', 21]]],
    ['escapes keep source offsets', 'a\\*b &amp; 习进平', [['习进平', 11]]],
    ['entities keep source offsets', '&lt;&gt;&copy; 银保监会', [['银保监会', 15]]],
    ['emphasis inside a term is joined', '习**进平**', [['习**进平', 0]]],
    ['term across a line break in a paragraph', '要再接\n再励。', [['再接\n再励', 1]]],
    ['term across a line break in a blockquote', '> 前文\n> 要再接\n> 再励', [['再接\n> 再励', 8]]],
    ['term in a nested blockquote line', '> > 前\n> > 习进\n> > 平', [['习进\n> > 平', 10]]],
    ['no join across paragraphs', '再接\n\n再励', []],
    ['image alt is prose, src is not', '![银保监会](银保监会.png)', [['银保监会', 2]]],
    ['raw HTML tags are not prose', '<span title="x">习进平</span>', [['习进平', 16]]],
    ['list items', '- 习进平\n- 再接再励\n', [['习进平', 2], ['再接再励', 8]]],
    ['definitions are not prose', '[a]: https://x.cn "习进平"\n', []],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    expect(actuals(source, 'markdown')).toEqual(expected);
  });

  it('does not let a term joined across a line break be auto-fixed', () => {
    const [finding] = found('要再接\n再励。', 'markdown').findings;
    expect(finding?.fixable).toBe(false);
    const [whole] = found('要再接再励。', 'markdown').findings;
    expect(whole?.fixable).toBe(true);
  });
});

describe('HTML prose', () => {
  const cases: [string, string, [string, number][]][] = [
    ['text in body', '<p>习进平</p>', [['习进平', 3]]],
    ['script and style are not prose', '<script>var a="习进平"</script><style>/*银保监会*/</style><p>再接再励</p>', [['再接再励', 54]]],
    ['code and pre are not prose', '<pre>习进平</pre><code>银保监会</code>', []],
    ['alt and title are prose', '<img alt="习进平" src="银保监会.png"><a title=\'再接再励\' href="/银保监会">x</a>', [['习进平', 10], ['再接再励', 40]]],
    ['other attributes are not prose', '<div data-x="习进平" class="银保监会"></div>', []],
    ['entities keep source offsets', '<p>&nbsp;&amp;&#x4e60; 银保监会</p>', [['银保监会', 23]]],
    ['inline tags do not split a term', '<p>习<b>进平</b></p>', [['习<b>进平', 3]]],
    ['block tags do split', '<p>习</p><p>进平</p>', []],
    ['term across a line break', '<p>再接\n    再励</p>', [['再接\n    再励', 3]]],
    ['title element', '<html><head><title>习进平</title></head></html>', [['习进平', 19]]],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    expect(actuals(source, 'html')).toEqual(expected);
  });
});

describe('plain text', () => {
  it('keeps offsets with CRLF and joins a term broken across lines', () => {
    const source = '第一行\r\n习进平\r\n要再接\r\n再励\r\n';
    expect(actuals(source, 'text')).toEqual([['习进平', 5], ['再接\r\n再励', 11]]);
  });
  it('does not scan URLs', () => {
    expect(actuals('详见https://x.cn/xijinping/习进平。', 'text')).toEqual([['习进平', 25]]);
    expect(actuals('www.yinbaojianhui.cn 正文', 'text')).toEqual([]);
  });
  it('honours cuomin-disable-next-line on a line of its own', () => {
    const source = '习进平\ncuomin-disable-next-line\n习进平\n习进平\n';
    expect(actuals(source, 'text')).toEqual([['习进平', 0], ['习进平', 33]]);
  });
  it('reports an unknown directive line', () => {
    const { problems } = found('cuomin-disable-line\n习进平\n', 'text');
    expect(problems).toEqual([expect.objectContaining({ kind: 'directive', start: 0, end: 19, message: expect.stringContaining('cuomin-disable-line') })]);
  });
});

describe('directives', () => {
  it('disable-next-line drops findings on the next line only', () => {
    const source = '<!-- cuomin-disable-next-line -->\n习进平 再接再励\n\n习进平\n';
    expect(actuals(source, 'markdown')).toEqual([['习进平', 44]]);
  });
  it('disable-next-line with a rule id keeps other rules', () => {
    const source = '<!-- cuomin-disable-next-line typo/zjzl -->\n习进平 再接再励\n';
    expect(actuals(source, 'markdown')).toEqual([['习进平', 44]]);
  });
  it('disable … enable covers a range, in Markdown and HTML', () => {
    const md = '习进平\n\n<!-- cuomin-disable -->\n\n习进平\n\n<!-- cuomin-enable -->\n\n习进平\n';
    expect(actuals(md, 'markdown').map((a) => a[1])).toEqual([0, 59]);
    const html = '<p>习进平</p><!-- cuomin-disable --><p>习进平</p><!-- cuomin-enable --><p>习进平</p>';
    expect(actuals(html, 'html').map((a) => a[1])).toEqual([3, 68]);
  });
  it('disable with a category switches off only that category to the end', () => {
    const source = '<!-- cuomin-disable typo -->\n\n再接再励 习进平\n\n再接再励\n';
    expect(actuals(source, 'markdown')).toEqual([['习进平', 35]]);
  });
  it('reports an unknown directive with its span, in Markdown and HTML', () => {
    const md = 'text\n\n<!-- cuomin-disabel -->\n';
    expect(found(md, 'markdown').problems).toEqual([expect.objectContaining({ kind: 'directive', start: 6, end: 29 })]);
    const html = '<p>x</p><!-- cuomin-ignore -->';
    expect(found(html, 'html').problems).toEqual([expect.objectContaining({ kind: 'directive', start: 8, end: 30 })]);
  });
  it('ignores ordinary comments and directives shown inside code', () => {
    const md = '<!-- note -->\n\n```\n<!-- cuomin-disable -->\n```\n\n习进平\n';
    const result = found(md, 'markdown');
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => f.actual)).toEqual(['习进平']);
  });
});

describe('kinds', () => {
  it('by extension and by language id', () => {
    expect(['a.txt', 'a.TEXT', 'a.md', 'a.markdown', 'a.html', 'a.HTM', 'a.docx', 'a.pdf', 'a'].map(kindForPath)).toEqual([
      'text', 'text', 'markdown', 'markdown', 'html', 'html', 'docx', undefined, undefined,
    ]);
    expect(['plaintext', 'markdown', 'html', 'json'].map(kindForLanguageId)).toEqual(['text', 'markdown', 'html', undefined]);
  });
});

describe('Word documents', () => {
  it('gives one paragraph per line and where each starts', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('第一段：学习'), new TextRun({ text: '习进平', bold: true }), new TextRun('讲话。')] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('第二段，再接再励。')] }),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(doc);
    const { text, paragraphStarts } = await extractDocx(bytes);
    expect(text).toBe('第一段：学习习进平讲话。\n第二段，再接再励。');
    expect(paragraphStarts).toEqual([0, 13]);
    expect(actuals(text, 'text')).toEqual([['习进平', 6], ['再接再励', 17]]);
  });
  it('rejects bytes that are not a .docx', async () => {
    await expect(extractDocx(new TextEncoder().encode('not a zip'))).rejects.toThrow();
  });
});
