import type { Extracted } from './markdown.js';
import { parseDirective } from './directives.js';
import { Prose } from './prose.js';

// A line holding only `cuomin-…` (and rule ids) is a directive.
const DIRECTIVE_LINE = /^[ \t]*(cuomin-[A-Za-z-]*(?:[ \t]+[^\s]+)*)[ \t]*\r?$/gm;
const PARAGRAPH_BREAK = /\r?\n(?:[ \t]*\r?\n)+/g;

/** Plain text: paragraphs are separated by blank lines; lines of one paragraph are joined between CJK characters. */
export function extractText(source: string): Extracted {
  const out: Extracted = { prose: new Prose(source), directives: [], problems: [] };
  const skip: [number, number][] = [];
  for (const match of source.matchAll(DIRECTIVE_LINE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const parsed = parseDirective(match[1] ?? '', start, end);
    if (parsed === undefined) continue;
    if ('rules' in parsed) out.directives.push(parsed);
    else out.problems.push(parsed);
    skip.push([start, end]);
  }
  // Cut the source at blank lines and directive lines; each piece is a paragraph.
  const cuts: [number, number][] = [...skip];
  for (const match of source.matchAll(PARAGRAPH_BREAK)) cuts.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
  cuts.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  for (const [start, end] of cuts) {
    if (start > cursor) out.prose.inline(cursor, start);
    out.prose.break(Math.max(cursor, start));
    cursor = Math.max(cursor, end);
  }
  out.prose.inline(cursor, source.length);
  return out;
}
