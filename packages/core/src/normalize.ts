import { simplifyCodePoint } from './simplify.js';

// Normalisation turns the original text into the text the automaton reads, and keeps
// a map back so that every finding points into the original. Every transformation is
// one UTF-16 unit to one unit, or a deletion; deletions are recorded sparsely because
// they are rare (quotation marks, zero-width characters, noise between CJK characters).

/** Quotation marks are skipped while matching; `“一带一路”战略` matches `一带一路战略`. */
export const OPENING_QUOTES = '“‘「『〝﹁﹃"＂';
export const CLOSING_QUOTES = '”’」』〞﹂﹄"＂';
const QUOTES = new Set([...OPENING_QUOTES, ...CLOSING_QUOTES].map((c) => c.charCodeAt(0)));

/** Invisible characters: a term broken by one looks whole on screen, so it is matched whole. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);

/** Interfering characters skipped between two CJK characters, for entries that opt in (`noise`). */
const NOISE = new Set(
  [...'*.·_-~ \u3000\t・•．＊＿－～'].map((c) => c.charCodeAt(0)),
);

export interface NormalizedText {
  readonly text: string;
  /** Original index of normalised unit `i`; `original(text.length)` is the original length. */
  original(index: number): number;
}

export interface NormalizeOptions {
  /** Also skip noise characters between two CJK characters. */
  noise?: boolean;
}

export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd800 && code <= 0xdfff) || // surrogates: astral ideographs (Ext-B and later)
    code === 0x3007 // 〇
  );
}

/** Width, case and script folding of one code point; quotes and invisibles are handled by the caller. */
function fold(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII
  else if (code === 0x3000) return 0x20;
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code < 0x2e80) return code;
  return simplifyCodePoint(code);
}

export function normalize(original: string, options: NormalizeOptions = {}): NormalizedText {
  const noise = options.noise === true;
  const length = original.length;
  const out = new Uint16Array(length);
  // Sparse deletion record: from output index eventOut[k] on, eventShift[k] units were deleted before.
  const eventOut: number[] = [];
  const eventShift: number[] = [];
  let written = 0;
  let changed = false;
  let lastKept = -1; // last code unit written, to decide whether noise sits between CJK characters

  for (let i = 0; i < length; i++) {
    const code = original.charCodeAt(i);
    if (QUOTES.has(code) || INVISIBLE.has(code) || (noise && NOISE.has(code) && noiseBetweenCjk(original, i, lastKept))) {
      changed = true;
      eventOut.push(written);
      eventShift.push(i + 1 - written);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const point = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        const folded = simplifyCodePoint(point);
        if (folded !== point) changed = true;
        out[written++] = 0xd800 + ((folded - 0x10000) >> 10);
        out[written++] = 0xdc00 + ((folded - 0x10000) & 0x3ff);
        lastKept = code;
        i++;
        continue;
      }
    }
    const folded = fold(code);
    if (folded !== code) changed = true;
    out[written++] = folded;
    lastKept = folded;
  }

  const text = changed ? decode(out, written) : original;
  if (eventOut.length === 0) return { text, original: (index) => index };
  return {
    text,
    original(index) {
      // Binary search for the last deletion event at or before this output index.
      let lo = 0;
      let hi = eventOut.length - 1;
      let shift = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((eventOut[mid] as number) <= index) {
          shift = eventShift[mid] as number;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return index + shift;
    },
  };
}

/** A run of noise characters counts only when a CJK character stands on both sides of it. */
function noiseBetweenCjk(text: string, index: number, lastKept: number): boolean {
  if (lastKept < 0 || !isCjk(lastKept)) return false;
  for (let j = index + 1; j < text.length; j++) {
    const next = text.charCodeAt(j);
    if (NOISE.has(next) || QUOTES.has(next) || INVISIBLE.has(next)) continue;
    return isCjk(next);
  }
  return false;
}

function decode(units: Uint16Array, length: number): string {
  let result = '';
  const chunk = 8192;
  for (let i = 0; i < length; i += chunk) {
    result += String.fromCharCode.apply(null, Array.from(units.subarray(i, Math.min(length, i + chunk))));
  }
  return result;
}

/** The form a dictionary term takes in the automaton: the same folding as the text. */
export function normalizeTerm(term: string): string {
  return normalize(term).text;
}
