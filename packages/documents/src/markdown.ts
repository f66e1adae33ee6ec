import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Problem } from '@cuomin/types';
import { parseDirective, type Directive } from './directives.js';
import { Prose } from './prose.js';

export interface Extracted {
  prose: Prose;
  directives: Directive[];
  problems: Problem[];
}

const parser = unified().use(remarkParse);
const COMMENT = /<!--([^]*?)-->/g;

/** Directives in the comments of a raw HTML node; `start` is its source offset. */
export function commentDirectives(source: string, start: number, end: number, out: Extracted): void {
  const raw = source.slice(start, end);
  for (const match of raw.matchAll(COMMENT)) {
    const at = start + (match.index ?? 0);
    const parsed = parseDirective(match[1] ?? '', at, at + match[0].length);
    if (parsed === undefined) continue;
    if ('rules' in parsed) out.directives.push(parsed);
    else out.problems.push(parsed);
  }
}

/** The prose of a Markdown document: text of paragraphs, headings, lists, quotes, link text and image alt. */
export function extractMarkdown(source: string): Extracted {
  const out: Extracted = { prose: new Prose(source), directives: [], problems: [] };
  const tree = parser.parse(source) as Root;
  const { prose } = out;

  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    switch (node.type) {
      case 'text':
        if (start !== undefined && end !== undefined) prose.inline(start, end, true);
        return;
      case 'inlineCode':
      case 'code':
      case 'definition':
      case 'yaml' as string:
        if (start !== undefined) prose.break(start);
        return;
      case 'html':
        if (start !== undefined && end !== undefined) {
          prose.break(start);
          commentDirectives(source, start, end, out);
        }
        return;
      case 'image':
        // `![alt](url)`: the alt text is prose when it stands in the source as it is.
        if (start !== undefined && node.alt && source.startsWith(node.alt, start + 2)) {
          prose.break(start);
          prose.inline(start + 2, start + 2 + node.alt.length, true);
          prose.break(start + 2 + node.alt.length);
        }
        return;
      case 'link': {
        // An autolink's text is its URL.
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (only?.type === 'text' && (only.value === node.url || `mailto:${only.value}` === node.url)) {
          if (start !== undefined) prose.break(start);
          return;
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const block = !isPhrasing(node.type);
      if (block && start !== undefined) prose.break(start);
      for (const child of node.children as Nodes[]) visit(child);
      if (block && end !== undefined) prose.break(end);
    }
  };
  visit(tree);
  return out;
}

const PHRASING = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);
function isPhrasing(type: string): boolean {
  return PHRASING.has(type);
}
