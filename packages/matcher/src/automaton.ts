import { validatePatterns, type MatchEngine } from './engine.js';

const MAGIC = [0x43, 0x55, 0x4f, 0x4d, 0x49, 0x4e, 0x41, 0x43]; // "CUOMINAC"
/** Serialisation format version; bump on any layout change. */
export const FORMAT_VERSION = 1;
/** magic (8) + version + patternCount + slotCount + classCount + maxPatternLength + outputCount + checksum (4 each). */
const HEADER_BYTES = 8 + 7 * 4;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Tables {
  /** Code unit -> class id; 0 = the unit occurs in no pattern. */
  classMap: Int32Array;
  /** Code units that have a class (most frequent first); units[k] has class k + 1. */
  units: Uint16Array;
  /** Length of each pattern in code units. */
  patLen: Int32Array;
  /**
   * Double array over classes. A state is a slot; the root is slot 0. The transition of state s
   * on class c goes to t = base[s] + c when check[t] === s. Unused slots have check = -1.
   * base[s] + c is in bounds for every slot s and class c < classCount.
   */
  base: Int32Array;
  check: Int32Array;
  /**
   * Where to retry a missed class: the nearest state on the failure chain that has transitions
   * (or the root). Strictly shallower than s.
   */
  miss: Int32Array;
  /** Outputs of slot s (own + dictionary-suffix, longest first): outPattern[outOffset[s]..outOffset[s+1]]. */
  outOffset: Int32Array;
  outPattern: Int32Array;
}

/**
 * Aho-Corasick automaton over UTF-16 code units: an alphabet remap to dense class ids, the goto
 * function as a double array over classes (root row dense, other states sparse but O(1) lookup),
 * failure links compressed to states with transitions, and flattened outputs.
 */
export class Automaton implements MatchEngine {
  readonly patternCount: number;
  /** Number of trie states (including the root). */
  readonly stateCount: number;

  private readonly classMap: Int32Array;
  private readonly units: Uint16Array;
  private readonly patLen: Int32Array;
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly miss: Int32Array;
  private readonly outOffset: Int32Array;
  private readonly outPattern: Int32Array;

  private constructor(t: Tables, stateCount: number) {
    this.classMap = t.classMap;
    this.units = t.units;
    this.patLen = t.patLen;
    this.base = t.base;
    this.check = t.check;
    this.miss = t.miss;
    this.outOffset = t.outOffset;
    this.outPattern = t.outPattern;
    this.patternCount = t.patLen.length;
    this.stateCount = stateCount;
  }

  /** Compiles patterns into an automaton. Throws on an empty pattern, naming its index. */
  static build(patterns: readonly string[]): Automaton {
    validatePatterns(patterns, 'Automaton.build');
    const P = patterns.length;

    // Alphabet and pattern lengths.
    const seen = new Uint8Array(65536);
    let total = 0;
    let maxLen = 0;
    const patLen = new Int32Array(P);
    for (let i = 0; i < P; i++) {
      const p = patterns[i]!;
      const len = p.length;
      patLen[i] = len;
      total += len;
      if (len > maxLen) maxLen = len;
      for (let j = 0; j < len; j++) seen[p.charCodeAt(j)] = 1;
    }
    // Two numberings of the alphabet: `unitRank` (ascending code unit) orders trie children
    // during the build; final classes are by descending frequency in the patterns, which keeps
    // the children of wide states in a narrow class range and the double array dense.
    const unitRank = new Int32Array(65536);
    const freq = new Int32Array(65536);
    let K = 0;
    for (let u = 0; u < 65536; u++) if (seen[u] === 1) unitRank[u] = ++K;
    for (let i = 0; i < P; i++) {
      const p = patterns[i]!;
      for (let j = 0; j < p.length; j++) freq[p.charCodeAt(j)]!++;
    }
    const byFreq: number[] = [];
    for (let u = 0; u < 65536; u++) if (seen[u] === 1) byFreq.push(u);
    byFreq.sort((x, y) => freq[y]! - freq[x]! || x - y);
    const classMap = new Int32Array(65536);
    const units = new Uint16Array(K);
    /** unitRank -> final class */
    const classOfRank = new Int32Array(K + 1);
    for (let k = 0; k < K; k++) {
      const u = byFreq[k]!;
      classMap[u] = k + 1;
      units[k] = u;
      classOfRank[unitRank[u]!] = k + 1;
    }
    const C = K + 1;

    // Trie from sorted patterns: each pattern shares its longest common prefix with the
    // previous one, so no child lookup is needed. States are numbered in creation order and
    // labelled with unit ranks, so every child list is sorted.
    const order = new Array<number>(P);
    for (let i = 0; i < P; i++) order[i] = i;
    order.sort((a, b) => {
      const pa = patterns[a]!;
      const pb = patterns[b]!;
      return pa < pb ? -1 : pa > pb ? 1 : a - b;
    });
    const maxStates = total + 1;
    const parent = new Int32Array(maxStates);
    const label = new Int32Array(maxStates);
    const childCount = new Int32Array(maxStates + 1);
    const term = new Int32Array(P);
    const path = new Int32Array(maxLen + 1);
    let n = 1;
    let prev = '';
    for (let k = 0; k < P; k++) {
      const idx = order[k]!;
      const p = patterns[idx]!;
      const lim = Math.min(prev.length, p.length);
      let lcp = 0;
      while (lcp < lim && prev.charCodeAt(lcp) === p.charCodeAt(lcp)) lcp++;
      for (let d = lcp; d < p.length; d++) {
        const s = n++;
        const ps = path[d]!;
        parent[s] = ps;
        label[s] = unitRank[p.charCodeAt(d)]!;
        childCount[ps]!++;
        path[d + 1] = s;
      }
      term[idx] = path[p.length]!;
      prev = p;
    }
    const S = n;

    // Children in CSR form (creation order keeps each list sorted by unit rank).
    const childOff = new Int32Array(S + 1);
    for (let s = 0; s < S; s++) childOff[s + 1] = childOff[s]! + childCount[s]!;
    const fillPos = childOff.slice(0, S);
    const child = new Int32Array(Math.max(S - 1, 0));
    for (let s = 1; s < S; s++) child[fillPos[parent[s]!]!++] = s;

    // Breadth-first order (root first).
    const bfs = new Int32Array(S);
    let qt = 1;
    for (let qh = 0; qh < S; qh++) {
      const s = bfs[qh]!;
      for (let e = childOff[s]!, end = childOff[s + 1]!; e < end; e++) bfs[qt++] = child[e]!;
    }

    // Failure links (creation numbering).
    const rootOld = new Int32Array(C);
    for (let e = childOff[0]!, end = childOff[1]!; e < end; e++) rootOld[label[child[e]!]!] = child[e]!;
    const gotoOld = (f: number, c: number): number => {
      if (f === 0) return rootOld[c]!;
      let lo = childOff[f]!;
      let hi = childOff[f + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const t = child[mid]!;
        const lc = label[t]!;
        if (lc === c) return t;
        if (lc < c) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    };
    const fail = new Int32Array(S);
    for (let qh = 1; qh < S; qh++) {
      const t = bfs[qh]!;
      const ps = parent[t]!;
      if (ps === 0) continue; // depth 1 fails to root
      const c = label[t]!;
      let f = fail[ps]!;
      for (;;) {
        const g = gotoOld(f, c);
        if (g !== 0) {
          fail[t] = g;
          break;
        }
        if (f === 0) break;
        f = fail[f]!;
      }
    }

    // Double-array placement: choose base[s] for every state with children so that all
    // base[s] + c are distinct free slots. Widest states first, while the array is empty;
    // single-child states then fill the holes.
    const placeOrder: number[] = [];
    for (let s = 1; s < S; s++) if (childCount[s]! > 0) placeOrder.push(s);
    placeOrder.sort((x, y) => childCount[y]! - childCount[x]! || x - y);
    let cap = S + C + 1024;
    let used = new Uint8Array(cap);
    const ensureCap = (need: number): void => {
      if (need < cap) return;
      let next = cap;
      while (next <= need) next *= 2;
      const grown = new Uint8Array(next);
      grown.set(used);
      used = grown;
      cap = next;
    };
    const baseOf = new Int32Array(S); // by trie state
    used[0] = 1; // the root's slot
    // Root: base 0, child on class c at slot c.
    for (let e = childOff[0]!, end = childOff[1]!; e < end; e++) used[classOfRank[label[child[e]!]!]!] = 1;
    let firstFree = 1;
    while (used[firstFree] === 1) firstFree++;
    let maxBase = 0;
    // Wide states rarely fit in the crowded region just past firstFree: a state starts searching
    // where the previous state of similar width (same power of two) was placed.
    const resume = new Int32Array(32);
    for (let k = 0; k < placeOrder.length; k++) {
      const s = placeOrder[k]!;
      const e0 = childOff[s]!;
      const e1 = childOff[s + 1]!;
      // Anchor on the smallest class (the most frequent character).
      let c0 = C;
      for (let e = e0; e < e1; e++) {
        const c = classOfRank[label[child[e]!]!]!;
        if (c < c0) c0 = c;
      }
      const bucket = 31 - Math.clz32(e1 - e0);
      let p = Math.max(firstFree, c0, bucket > 0 ? resume[bucket]! : 0);
      for (;;) {
        while (used[p] === 1) p++;
        ensureCap(p + C); // every b + c below stays inside `used`
        const b = p - c0;
        let ok = true;
        for (let e = e0; e < e1; e++) {
          if (used[b + classOfRank[label[child[e]!]!]!] === 1) {
            ok = false;
            break;
          }
        }
        if (ok) break;
        p++;
      }
      const b = p - c0;
      resume[bucket] = p;
      baseOf[s] = b;
      if (b > maxBase) maxBase = b;
      for (let e = e0; e < e1; e++) used[b + classOfRank[label[child[e]!]!]!] = 1;
      while (used[firstFree] === 1) firstFree++;
    }

    // Slot of every trie state.
    const slotOf = new Int32Array(S);
    for (let qh = 1; qh < S; qh++) {
      const t = bfs[qh]!;
      slotOf[t] = baseOf[parent[t]!]! + classOfRank[label[t]!]!;
    }
    const L = maxBase + C;
    const base = new Int32Array(L);
    const check = new Int32Array(L).fill(-1);
    const miss = new Int32Array(L);
    for (let qh = 0; qh < S; qh++) {
      const t = bfs[qh]!;
      const at = slotOf[t]!;
      base[at] = baseOf[t]!;
      if (qh > 0) check[at] = slotOf[parent[t]!]!;
      // Failure target, skipping states without transitions (a lookup there always misses).
      let f = fail[t]!;
      while (f !== 0 && childCount[f] === 0) f = fail[f]!;
      miss[at] = slotOf[f]!;
    }

    // Outputs: own patterns (ascending index) followed by the failure state's outputs,
    // filled in BFS order so a failure target is always complete before it is copied.
    const ownCount = new Int32Array(S);
    for (let p = 0; p < P; p++) ownCount[term[p]!]!++;
    const outCountBySlot = new Int32Array(L);
    for (let qh = 1; qh < S; qh++) {
      const t = bfs[qh]!;
      outCountBySlot[slotOf[t]!] = ownCount[t]! + outCountBySlot[slotOf[fail[t]!]!]!;
    }
    const outOffset = new Int32Array(L + 1);
    for (let i = 0; i < L; i++) outOffset[i + 1] = outOffset[i]! + outCountBySlot[i]!;
    const outPattern = new Int32Array(outOffset[L]!);
    const write = outOffset.slice(0, L);
    for (let p = 0; p < P; p++) {
      const at = slotOf[term[p]!]!;
      outPattern[write[at]!++] = p;
    }
    for (let qh = 1; qh < S; qh++) {
      const t = bfs[qh]!;
      const at = slotOf[t]!;
      const f = slotOf[fail[t]!]!;
      outPattern.copyWithin(write[at]!, outOffset[f]!, outOffset[f + 1]!);
    }

    return new Automaton({ classMap, units, patLen, base, check, miss, outOffset, outPattern }, S);
  }

  forEachMatch(text: string, onMatch: (pattern: number, start: number, end: number) => void): void {
    const cls = this.classMap;
    const base = this.base;
    const check = this.check;
    const miss = this.miss;
    const oo = this.outOffset;
    const op = this.outPattern;
    const pl = this.patLen;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = cls[text.charCodeAt(i)]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        const t = base[s]! + c;
        if (check[t] === s) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = miss[s]!;
      }
      let a = oo[s]!;
      const b = oo[s + 1]!;
      if (a !== b) {
        const end = i + 1;
        for (; a < b; a++) {
          const p = op[a]!;
          onMatch(p, end - pl[p]!, end);
        }
      }
    }
  }

  // The scan loop of forEachMatch, repeated without the callback: benchmarks count matches,
  // and a call per match would measure the callback rather than the automaton.
  countMatches(text: string): number {
    const cls = this.classMap;
    const base = this.base;
    const check = this.check;
    const miss = this.miss;
    const oo = this.outOffset;
    const n = text.length;
    let s = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const c = cls[text.charCodeAt(i)]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        const t = base[s]! + c;
        if (check[t] === s) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = miss[s]!;
      }
      count += oo[s + 1]! - oo[s]!;
    }
    return count;
  }

  /** Binary form: header (magic, version, counts, checksum) followed by the tables, little-endian. */
  serialize(): Uint8Array {
    const K = this.units.length;
    const P = this.patLen.length;
    const L = this.base.length;
    const C = K + 1;
    const O = this.outPattern.length;
    const layout = payloadLayout(K, P, L, O);
    const out = new Uint8Array(HEADER_BYTES + layout.bytes);
    const payload = new Uint8Array(out.buffer, HEADER_BYTES, layout.bytes);
    // Payload starts 4-aligned within `out` (HEADER_BYTES is a multiple of 4).
    new Uint16Array(out.buffer, HEADER_BYTES + layout.offsets[0]!, K).set(this.units);
    const sections = [this.patLen, this.base, this.check, this.miss, this.outOffset, this.outPattern];
    for (let k = 0; k < sections.length; k++) {
      const src = sections[k]!;
      new Int32Array(out.buffer, HEADER_BYTES + layout.offsets[k + 1]!, src.length).set(src);
    }
    if (!LITTLE_ENDIAN) swapPayload(payload, K);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) out[i] = MAGIC[i]!;
    view.setUint32(8, FORMAT_VERSION, true);
    view.setUint32(12, P, true);
    view.setUint32(16, L, true);
    view.setUint32(20, C, true);
    view.setUint32(24, this.stateCount, true);
    view.setUint32(28, O, true);
    view.setUint32(32, checksum(payload), true);
    return out;
  }

  /** Loads a blob produced by serialize(). Throws an Error on anything malformed. */
  static deserialize(bytes: Uint8Array): Automaton {
    const fail = (why: string): never => {
      throw new Error(`Automaton.deserialize: ${why}`);
    };
    if (!(bytes instanceof Uint8Array)) fail('expected a Uint8Array');
    if (bytes.length < HEADER_BYTES) fail(`blob too short (${bytes.length} bytes, header needs ${HEADER_BYTES})`);
    for (let i = 0; i < 8; i++) {
      if (bytes[i] !== MAGIC[i]) fail('bad magic bytes (not a serialized cuomin automaton)');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(8, true);
    if (version !== FORMAT_VERSION) {
      fail(`unsupported format version ${version} (this build reads version ${FORMAT_VERSION})`);
    }
    const P = view.getUint32(12, true);
    const L = view.getUint32(16, true);
    const C = view.getUint32(20, true);
    const S = view.getUint32(24, true);
    const O = view.getUint32(28, true);
    const sum = view.getUint32(32, true);
    if (C < 1 || C > 65537) fail(`class count ${C} out of range`);
    if (L < C || L < 1) fail(`slot count ${L} out of range`);
    if (S < 1 || S > L) fail(`state count ${S} out of range`);
    const K = C - 1;
    const layout = payloadLayout(K, P, L, O);
    const expected = HEADER_BYTES + layout.bytes;
    if (bytes.length !== expected) {
      fail(`blob is ${bytes.length} bytes but its header describes ${expected} (truncated or corrupt)`);
    }
    // Copy into a fresh, aligned buffer.
    const payload = bytes.slice(HEADER_BYTES, expected);
    if (checksum(payload) !== sum) fail('checksum mismatch (corrupt blob)');
    if (!LITTLE_ENDIAN) swapPayload(payload, K);
    const buf = payload.buffer;
    const o = layout.offsets;
    const units = new Uint16Array(buf, o[0]!, K);
    const patLen = new Int32Array(buf, o[1]!, P);
    const base = new Int32Array(buf, o[2]!, L);
    const check = new Int32Array(buf, o[3]!, L);
    const miss = new Int32Array(buf, o[4]!, L);
    const outOffset = new Int32Array(buf, o[5]!, L + 1);
    const outPattern = new Int32Array(buf, o[6]!, O);

    const classMap = new Int32Array(65536);
    for (let k = 0; k < K; k++) {
      const u = units[k]!;
      if (classMap[u] !== 0) fail('alphabet has a repeated code unit');
      classMap[u] = k + 1;
    }
    for (let p = 0; p < P; p++) if (patLen[p]! < 1) fail(`pattern ${p} has invalid length`);

    // Structure: every used slot hangs off a used parent through a class in range; depths are
    // finite (no cycles); miss links go strictly up; every base keeps lookups in bounds.
    if (check[0] !== -1 || base[0] !== 0 || miss[0] !== 0) fail('root slot is corrupt');
    const maxBase = L - C;
    let states = 0;
    for (let s = 0; s < L; s++) {
      const b = base[s]!;
      if (b < 0 || b > maxBase) fail('base out of range');
      const parentSlot = check[s]!;
      if (parentSlot === -1) continue;
      states++;
      if (parentSlot < 0 || parentSlot >= L || (parentSlot !== 0 && check[parentSlot] === -1)) {
        fail('check points to an unused slot');
      }
      const c = s - base[parentSlot]!;
      if (c < 1 || c >= C) fail('transition class out of range');
    }
    if (states + 1 !== S) fail('state count does not match the table');
    const depth = new Int32Array(L).fill(-1);
    depth[0] = 0;
    const trail: number[] = [];
    for (let s = 1; s < L; s++) {
      if (check[s] === -1 || depth[s] !== -1) continue;
      let x = s;
      while (depth[x] === -1) {
        trail.push(x);
        if (trail.length > S) fail('state graph has a cycle');
        x = check[x]!;
      }
      let d = depth[x]!;
      while (trail.length > 0) depth[trail.pop()!] = ++d;
    }
    for (let s = 1; s < L; s++) {
      if (check[s] === -1) continue;
      const m = miss[s]!;
      if (m < 0 || m >= L || (m !== 0 && check[m] === -1) || depth[m]! >= depth[s]!) fail('miss link out of range');
    }
    if (outOffset[0] !== 0 || outOffset[L] !== O) fail('output offsets are corrupt');
    for (let s = 0; s < L; s++) {
      const a = outOffset[s]!;
      const b = outOffset[s + 1]!;
      if (b < a || b > O) fail('output offsets are not monotonic');
      if (b !== a && (s === 0 || check[s] === -1)) fail('outputs on an unused slot');
      for (let k = a; k < b; k++) {
        const p = outPattern[k]!;
        if (p < 0 || p >= P) fail('output pattern index out of range');
        if (patLen[p]! > depth[s]!) fail('output longer than its state');
      }
    }
    return new Automaton({ classMap, units, patLen, base, check, miss, outOffset, outPattern }, S);
  }
}

interface Layout {
  offsets: number[];
  bytes: number;
}

/** Byte offsets of the payload sections: units (u16, padded to 4), then Int32 arrays. */
function payloadLayout(K: number, P: number, L: number, O: number): Layout {
  const counts = [P, L, L, L, L + 1, O];
  const offsets = [0];
  let at = Math.ceil((K * 2) / 4) * 4;
  for (const n of counts) {
    offsets.push(at);
    at += n * 4;
  }
  return { offsets, bytes: at };
}

/** 32-bit hash of a 4-aligned, 4-multiple byte payload. */
function checksum(payload: Uint8Array): number {
  const n = payload.byteLength >>> 2;
  let h = 0x811c9dc5 ^ payload.byteLength;
  if (LITTLE_ENDIAN) {
    const words = new Int32Array(payload.buffer, payload.byteOffset, n);
    for (let i = 0; i < n; i++) {
      h = Math.imul(h ^ words[i]!, 0x5bd1e995);
      h ^= h >>> 15;
    }
  } else {
    const view = new DataView(payload.buffer, payload.byteOffset, n * 4);
    for (let i = 0; i < n; i++) {
      h = Math.imul(h ^ view.getInt32(i * 4, true), 0x5bd1e995);
      h ^= h >>> 15;
    }
  }
  return h >>> 0;
}

/** Byte-swaps a payload between little-endian storage and a big-endian host. */
function swapPayload(payload: Uint8Array, K: number): void {
  const unitBytes = K * 2;
  for (let i = 0; i + 1 < unitBytes; i += 2) {
    const t = payload[i]!;
    payload[i] = payload[i + 1]!;
    payload[i + 1] = t;
  }
  for (let i = Math.ceil(unitBytes / 4) * 4; i + 3 < payload.length; i += 4) {
    const a = payload[i]!;
    const b = payload[i + 1]!;
    payload[i] = payload[i + 3]!;
    payload[i + 1] = payload[i + 2]!;
    payload[i + 2] = b;
    payload[i + 3] = a;
  }
}
