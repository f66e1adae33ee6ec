import tsCharacters from 'opencc-js/dict/TSCharacters';
import stCharacters from 'opencc-js/dict/STCharacters';

// Traditional to simplified, one character at a time and length-preserving,
// so offsets into the normalised text map straight back to the original.
// Phrase-level conversion (OpenCC's TSPhrases) would change lengths; matching does not need it.

let table: Map<number, number> | undefined;

function parse(source: string): [string, string[]][] {
  return source.split('|').map((pair) => {
    const [from = '', ...to] = pair.split(' ');
    return [from, to];
  });
}

function buildTable(): Map<number, number> {
  // A character that is itself used in simplified text (a key of the simplified table) is kept:
  // folding it would merge two simplified words.
  const simplifiedKeys = new Set(parse(stCharacters).map(([from]) => from));
  const map = new Map<number, number>();
  for (const [from, to] of parse(tsCharacters)) {
    const target = to[0];
    if (target === undefined || simplifiedKeys.has(from)) continue;
    const a = from.codePointAt(0);
    const b = target.codePointAt(0);
    if (a === undefined || b === undefined) continue;
    // Only same-length pairs: a BMP character never turns into a surrogate pair or back.
    if ((a > 0xffff) !== (b > 0xffff)) continue;
    map.set(a, b);
  }
  return map;
}

/** The simplified form of a traditional code point, or the code point itself. */
export function simplifyCodePoint(codePoint: number): number {
  table ??= buildTable();
  return table.get(codePoint) ?? codePoint;
}
