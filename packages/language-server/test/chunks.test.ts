import { join } from 'node:path';
import { createConfiguredScanner, readConfigFile } from '@cuomin/config';
import { scanDocument, type DocumentKind } from '@cuomin/documents';
import { describe, expect, it } from 'vitest';
import { ChunkedScan, chunkStarts } from '../src/chunks.js';
import { FIXTURES } from './helpers.js';

const { scanner } = createConfiguredScanner(readConfigFile(join(FIXTURES, 'cuomin.config.json')));
const full = (text: string, kind: DocumentKind) => scanDocument(scanner, text, kind);
const chunked = (kind: DocumentKind) => new ChunkedScan(kind, (piece) => scanDocument(scanner, piece, kind));

const MARKDOWN = [
  '---\ntitle: 银保监会\n\nnote: 按步就班\n---\n',
  '# 银保监会通知\n',
  '各单位要按步就班推进。\n第二行牢记坐右铭。\n',
  '```text\n银保监会\n\n按步就班\n```\n',
  '- 列表一：银保监会\n\n  列表续段：按步就班\n',
  '    缩进代码：银保监会\n',
  '<!-- 注释开始\n\n银保监会\n-->\n',
  '<pre>\n银保监会\n\n按步就班\n</pre>\n',
  '> 引用：坐右铭\n\n> 另一段引用：银保监会\n',
  '<!-- cuomin-disable-next-line test/anbu-jiuban -->\n按步就班\n',
  '| 表头 | 银保监会 |\n| --- | --- |\n| 按步就班 | x |\n',
  '~~~\n坐右铭\n\n~~~~\n',
  '最后一段：银保监会。\n',
];

describe('chunked scanning', () => {
  it('gives exactly the findings of a full scan, for Markdown with blocks that span blank lines', () => {
    const text = MARKDOWN.join('\n');
    const expected = full(text, 'markdown');
    expect(expected.findings.length).toBeGreaterThan(5);
    expect(chunked('markdown').scan(text)).toEqual(expected);
    expect(chunkStarts(text, 'markdown').length).toBeGreaterThan(5);
  });

  it('does the same for every ordering of the Markdown blocks', () => {
    // Rotations put each construct at the start, the end and next to every other one.
    for (let r = 0; r < MARKDOWN.length; r++) {
      const text = [...MARKDOWN.slice(r), ...MARKDOWN.slice(0, r)].join('\n');
      expect(chunked('markdown').scan(text), `rotation ${r}`).toEqual(full(text, 'markdown'));
    }
  });

  it('never cuts inside fences, comments, raw HTML blocks or indented continuations', () => {
    const text = MARKDOWN.join('\n');
    const starts = chunkStarts(text, 'markdown');
    const inside = (block: string, needle: string) => {
      const at = text.indexOf(block);
      return at + block.indexOf(needle);
    };
    for (const [block, needle] of [
      [MARKDOWN[0]!, 'note'],
      [MARKDOWN[3]!, '按步就班'],
      [MARKDOWN[4]!, '列表续段'],
      [MARKDOWN[6]!, '银保监会'],
      [MARKDOWN[7]!, '按步就班'],
      [MARKDOWN[11]!, '~~~~'],
    ] as const) {
      const offset = inside(block, needle);
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      expect(starts, needle).not.toContain(lineStart);
    }
  });

  it('keeps a document with a disable … enable range whole', () => {
    const text = '<!-- cuomin-disable -->\n\n银保监会\n\n<!-- cuomin-enable -->\n\n银保监会\n';
    expect(chunkStarts(text, 'markdown')).toEqual([0]);
    expect(chunked('markdown').scan(text)).toEqual(full(text, 'markdown'));
    expect(chunkStarts('<p>a</p>\n\n<p>b</p>', 'html')).toEqual([0]);
  });

  it('cuts plain text at blank lines and matches a full scan, directives included', () => {
    const text = '按步就班\n\ncuomin-disable-next-line\n银保监会\n\n  坐右\n铭\n\n\n最后：银保监会';
    expect(chunked('text').scan(text)).toEqual(full(text, 'text'));
    expect(chunkStarts(text, 'text')).toEqual([0, 6, 37, 46]);
  });

  it('rescans only the piece that changed', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `第${i}段：各单位按步就班推进，银保监会发布通知。`);
    const scan = chunked('markdown');
    const before = paragraphs.join('\n\n');
    scan.scan(before);
    expect(scan.lastScanned).toBe(200);
    const edited = [...paragraphs];
    edited[100] = edited[100]!.replace('按步就班', '按部就班');
    const result = scan.scan(edited.join('\n\n'));
    expect(scan.lastScanned).toBe(1);
    expect(result).toEqual(full(edited.join('\n\n'), 'markdown'));
    expect(result.findings).toHaveLength(399);
  });

  it('gives up between pieces when the text is no longer current, keeping the work done', async () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) => `第${i}段：银保监会。`).join('\n\n');
    const scan = chunked('text');
    let turns = 0;
    const abandoned = await scan.scanAsync(paragraphs, () => ++turns < 2, 0);
    expect(abandoned).toBeUndefined();
    const done = await scan.scanAsync(paragraphs, () => true, 0);
    expect(done).toEqual(full(paragraphs, 'text'));
    expect(scan.lastScanned).toBeLessThan(300);
  });
});
