// @cuomin/documents: which parts of a document are prose, and scanning only those.
import { extname } from 'node:path';
import type { Scanner, ScanOptions } from '@cuomin/core';
import type { Finding, ScanResult } from '@cuomin/types';
import { applyDirectives } from './directives.js';
import { extractHtml } from './html.js';
import { extractMarkdown, type Extracted } from './markdown.js';
import { extractText } from './text.js';

export { extractDocx } from './docx.js';
export { DIRECTIVE_NAMES, type Directive } from './directives.js';
export { Prose } from './prose.js';
export { lineAt, lineStarts } from './lines.js';

export type DocumentKind = 'text' | 'markdown' | 'html';

const BY_EXTENSION: Readonly<Record<string, DocumentKind | 'docx'>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
};

/** The kind of a file by its extension; undefined for anything else. */
export function kindForPath(path: string): DocumentKind | 'docx' | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** The kind of an editor document by its language id. */
export function kindForLanguageId(languageId: string): DocumentKind | undefined {
  return ({ plaintext: 'text', markdown: 'markdown', html: 'html' } as Record<string, DocumentKind>)[languageId];
}

/** The prose of `text` and its directives, without scanning. */
export function extractProse(text: string, kind: DocumentKind): Extracted {
  switch (kind) {
    case 'markdown':
      return extractMarkdown(text);
    case 'html':
      return extractHtml(text);
    default:
      return extractText(text);
  }
}

/**
 * Scans only the prose of `text` and applies in-document directives. Findings' start/end are UTF-16
 * offsets into `text` itself, never into parsed node values. Unknown directives come back as problems.
 */
export function scanDocument(scanner: Scanner, text: string, kind: DocumentKind, options?: ScanOptions): ScanResult {
  const { prose, directives, problems } = extractProse(text, kind);
  const proseText = prose.text();
  const result = scanner.scan(proseText, options);
  const findings: Finding[] = result.findings.map((f) => {
    const start = prose.toSource(f.start);
    const end = prose.toSourceEnd(f.end);
    const actual = text.slice(start, end);
    // A term found across a dropped line break: replacing the span would also remove the break.
    const fixable = f.fixable && end - start === f.end - f.start;
    return { ...f, start, end, actual, fixable };
  });
  return { findings: applyDirectives(text, directives, findings), problems: [...result.problems, ...problems] };
}
