// Peak memory of one engine, in a fresh process: reads a dictionary and the corpus that the parent wrote
// to files, builds the engine and scans the text once. Prints JSON: RSS after loading the inputs, peak RSS
// (VmHWM), and their difference.
//   node memory-child.mjs ENGINE DICT.json CORPUS.txt
import { readFileSync } from 'node:fs';
import { allEngines } from './engines.mjs';

const [engineName, dictFile, corpusFile] = process.argv.slice(2);
const engine = allEngines().find((e) => e.name === engineName);
if (!engine) throw new Error(`unknown engine ${engineName}`);
const dict = JSON.parse(readFileSync(dictFile, 'utf8'));
const text = readFileSync(corpusFile, 'utf8');
// VmHWM (peak RSS of this process image) rather than getrusage's maxrss, which execve carries over
// from the parent that forked this process.
const hwm = () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
};
const before = process.memoryUsage().rss;
const maxBefore = hwm();
const ctx = { cleanup: [] };
const state = engine.build(dict, ctx);
engine.scan(state, text);
const peak = hwm();
for (const f of ctx.cleanup) f();
process.stdout.write(JSON.stringify({ before, maxBefore, peak, delta: peak - before }));
