// The dictionaries measured: the shipped baseline (whatever it holds today) and synthetic ones sampled from jieba.
import { readBaseline } from '@cuomin/dictionary';
import { entriesOf, jiebaWords } from './inputs.mjs';

export const SYNTHETIC_SIZES = [1_000, 10_000, 100_000];

export function makeDictionary(name) {
  if (name === 'baseline') {
    const { entries, allow } = readBaseline();
    const patterns = [...new Set(entries.flatMap((e) => [e.term, ...(e.variants ?? [])]).filter((t) => t.length > 0))];
    return { name, size: entries.length, patterns, entries, allow: [...allow] };
  }
  const size = Number(name);
  const words = jiebaWords();
  if (size > words.length) throw new Error(`jieba has only ${words.length} words of 2-6 characters`);
  const patterns = words.slice(0, size);
  return { name, size, patterns, entries: entriesOf(patterns), allow: [] };
}
