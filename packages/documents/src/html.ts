import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Extracted } from './markdown.js';
import { parseDirective } from './directives.js';
import { Prose } from './prose.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose content is never prose. */
const SKIP = new Set(['script', 'style', 'code', 'pre', 'kbd', 'samp', 'noscript', 'template', 'svg', 'math', 'textarea']);
/** Elements that do not break a run of prose: a term split by `<b>` is still one term. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'mark', 'q',
  's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u',
]);
const PROSE_ATTRIBUTES = ['alt', 'title'];

/** Source span of an attribute's value, given the span of the whole `name="value"`. */
function attributeValue(source: string, start: number, end: number): [number, number] | undefined {
  const eq = source.indexOf('=', start);
  if (eq === -1 || eq >= end) return undefined;
  let from = eq + 1;
  while (from < end && /\s/.test(source[from] as string)) from++;
  const quote = source[from];
  if (quote === '"' || quote === "'") return [from + 1, source[end - 1] === quote ? end - 1 : end];
  return [from, end];
}

/** The prose of an HTML page: text outside script, style and code, and `alt`/`title` attributes. */
export function extractHtml(source: string): Extracted {
  const out: Extracted = { prose: new Prose(source), directives: [], problems: [] };
  const { prose } = out;
  const document = parse(source, { sourceCodeLocationInfo: true });

  const visit = (node: Node): void => {
    const location = (node as { sourceCodeLocation?: { startOffset: number; endOffset: number } | null }).sourceCodeLocation;
    if (node.nodeName === '#text') {
      if (location) prose.inline(location.startOffset, location.endOffset);
      return;
    }
    if (node.nodeName === '#comment') {
      if (location) {
        prose.break(location.startOffset);
        const body = (node as DefaultTreeAdapterMap['commentNode']).data;
        const parsed = parseDirective(body, location.startOffset, location.endOffset);
        if (parsed && 'rules' in parsed) out.directives.push(parsed);
        else if (parsed) out.problems.push(parsed);
      }
      return;
    }
    if (!('tagName' in node)) {
      for (const child of (node as { childNodes?: Node[] }).childNodes ?? []) visit(child);
      return;
    }
    const element = node as Element;
    const elementLocation = element.sourceCodeLocation;
    const inline = INLINE.has(element.tagName);
    if (!inline && elementLocation) prose.break(elementLocation.startOffset);
    for (const name of PROSE_ATTRIBUTES) {
      const attribute = elementLocation?.attrs?.[name];
      const span = attribute && attributeValue(source, attribute.startOffset, attribute.endOffset);
      if (span) {
        prose.break(span[0]);
        prose.inline(span[0], span[1]);
        prose.break(span[1]);
      }
    }
    if (SKIP.has(element.tagName)) {
      if (elementLocation) prose.break(elementLocation.startOffset);
      return;
    }
    for (const child of element.childNodes) visit(child);
    if (!inline && elementLocation) prose.break(elementLocation.endOffset);
  };
  visit(document);
  return out;
}
