/**
 * A thin adapter over `pinyin-pro` (an optional peer: used when the dictionary is built, never at scan time;
 * the `cuomin` command line depends on it, library users need not install it).
 *
 * Readings are written with the tone as a trailing digit (`ji4`, `le0` for the neutral tone) and `ü` as `v`
 * (`lv4`), so they can be compared with or without the tone (`stripTone`).
 */
import { pinyin } from 'pinyin-pro';

const HAN = /^\p{Script=Han}$/u;

/** Every reading of one character (`乐` → `['le4', 'yue4', 'yao4', 'lao4']`); `[]` for anything but one Han character. */
export function readingsOf(ch: string): string[] {
  if (!HAN.test(ch)) return [];
  const out = pinyin(ch, { toneType: 'num', multiple: true, type: 'array', v: true });
  return unique(out.filter((r) => /^[a-z]+[0-5]?$/.test(r)));
}

/**
 * The reading of each character of `term` in context (`赵乐际` → `['zhao4', 'le4', 'ji4']`), as pinyin-pro resolves
 * polyphones from the surrounding word; `undefined` for a character that is not Han.
 */
export function termReadings(term: string): (string | undefined)[] {
  const chars = [...term];
  const whole = pinyin(term, { toneType: 'num', type: 'array', v: true });
  // pinyin-pro may join runs of non-Han characters into one item; then fall back to character by character.
  const out = whole.length === chars.length ? whole : chars.map((ch) => readingsOf(ch)[0] ?? ch);
  return chars.map((ch, i) => {
    const r = out[i];
    return HAN.test(ch) && r !== undefined && /^[a-z]+[0-5]?$/.test(r) ? r : undefined;
  });
}

/** `ji4` → `ji`. */
export function stripTone(reading: string): string {
  return reading.replace(/[0-5]$/, '');
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
