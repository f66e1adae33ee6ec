import { describe, expect, it } from 'vitest';
import { Automaton, createEngine, createMonyoneEngine, type EngineName } from '../src/index.js';
import { bruteForce, canonical, collect, named } from './helpers.js';

const ENGINES: EngineName[] = ['cuomin', 'monyone', 'monyone-fast'];

describe.each(ENGINES)('engine %s', (name) => {
  const run = (patterns: string[], text: string) => {
    const engine = createEngine(name, patterns);
    const hits = collect(engine, text);
    expect(engine.patternCount).toBe(patterns.length);
    expect(engine.countMatches(text)).toBe(hits.length);
    // Same hits as brute force, and already in the documented order.
    expect(hits).toEqual(canonical(bruteForce(patterns, text)));
    return named(patterns, hits);
  };

  it('finds a single pattern every time it occurs', () => {
    expect(run(['监会'], '监会和监会')).toEqual([
      ['监会', 0, 2],
      ['监会', 3, 5],
    ]);
  });

  it('reports all overlapping patterns ending at the same place, longest first', () => {
    expect(run(['监会', '银保监会', '保监会'], '中国银保监会')).toEqual([
      ['银保监会', 2, 6],
      ['保监会', 3, 6],
      ['监会', 4, 6],
    ]);
  });

  it('finds a pattern that is inside a longer pattern whose path fails (nested suffix)', () => {
    expect(run(['中华人民共和国', '人民'], '中华人民政府')).toEqual([['人民', 2, 4]]);
    expect(run(['中华人民共和国', '人民', '华人'], '中华人民共和国')).toEqual([
      ['华人', 1, 3],
      ['人民', 2, 4],
      ['中华人民共和国', 0, 7],
    ]);
  });

  it('matches astral characters as whole surrogate pairs', () => {
    expect(run(['𠮷', '𠮷野'], '𠮷野家の𠮷')).toEqual([
      ['𠮷', 0, 2],
      ['𠮷野', 0, 3],
      ['𠮷', 5, 7],
    ]);
    // A lone high surrogate in the text does not complete the pair.
    expect(run(['𠮷'], '\ud842x\udfb7')).toEqual([]);
  });

  it('returns nothing on empty text', () => {
    expect(run(['人民'], '')).toEqual([]);
  });

  it('matches a pattern equal to the whole text', () => {
    expect(run(['人民政府'], '人民政府')).toEqual([['人民政府', 0, 4]]);
  });

  it('reports every index of a duplicated pattern', () => {
    const hits = run(['国务院', '院', '国务院'], '国务院');
    expect(hits).toEqual([
      ['国务院', 0, 3],
      ['国务院', 0, 3],
      ['院', 2, 3],
    ]);
    const engine = createEngine(name, ['国务院', '院', '国务院']);
    expect(collect(engine, '国务院').map((h) => h[0])).toEqual([0, 2, 1]);
  });

  it('handles repeated-character patterns and self-overlap', () => {
    run(['aa', 'aaa', 'a'], 'aaaaa');
    run(['abab', 'bab'], 'abababab');
  });

  it('handles an empty dictionary', () => {
    const engine = createEngine(name, []);
    expect(engine.patternCount).toBe(0);
    expect(engine.countMatches('任何文本')).toBe(0);
  });

  it('throws on an empty pattern, naming its index', () => {
    expect(() => createEngine(name, ['人民', '', '政府'])).toThrow(/pattern 1 is empty/);
  });

  it('does not throw on NUL, lone surrogates and unmatched text', () => {
    run(['\u0000', '人民', '\ud800'], '\u0000人\ud800民\udfff人民\u0000\ud800');
  });
});

describe('Automaton', () => {
  it('scales to many patterns with shared prefixes and suffixes', () => {
    const patterns: string[] = [];
    const chars = '中华人民共和国政府监会银保';
    for (let i = 0; i < 400; i++) {
      let p = '';
      let x = i * 7919 + 13;
      const len = 1 + (i % 5);
      for (let k = 0; k < len; k++) {
        p += chars[x % chars.length];
        x = Math.floor(x / chars.length) + k * 31;
      }
      patterns.push(p);
    }
    let text = '';
    for (let i = 0; i < 3000; i++) text += chars[(i * i + 7 * i) % chars.length];
    const a = Automaton.build(patterns);
    const hits = collect(a, text);
    expect(hits).toEqual(canonical(bruteForce(patterns, text)));
    expect(collect(createMonyoneEngine(patterns, 'fast'), text)).toEqual(hits);
    expect(a.countMatches(text)).toBe(hits.length);
  });

  it('matches through states with large fan-out and multi-step failure chains', () => {
    const hub = [...'的一是了不人在有我他这中大来上国个到说们为'];
    // '中' gets many children; '和中国人' fails to '中国人', then '国人', then '人'.
    const patterns = [...hub.map((c) => `中${c}`), '和中', '和中国', '和中国人', '国人的', '中国人', '国人x', '人'];
    const a = Automaton.build(patterns);
    const internals = a as unknown as { miss: Int32Array; check: Int32Array };
    let deepMiss = 0;
    for (let s = 1; s < internals.check.length; s++) {
      if (internals.check[s] !== -1 && internals.miss[s] !== 0) deepMiss++;
    }
    expect(deepMiss).toBeGreaterThan(1);
    let text = '';
    for (let i = 0; i < 500; i++) text += '和中国人的'[(i * 7 + (i >> 3)) % 5]! + hub[(i * 13) % hub.length]!;
    text += '和中国人的和中中和中在';
    const hits = collect(a, text);
    expect(hits).toEqual(canonical(bruteForce(patterns, text)));
    expect(Automaton.deserialize(a.serialize()).countMatches(text)).toBe(hits.length);
  });

  it('stays correct when wide, sparse states make the double array grow', () => {
    let x = 12345;
    const next = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x >>> 8;
    };
    const ch = (k: number): string => String.fromCharCode(0x4e00 + k);
    // 400 first characters, each followed by 50 random ones out of 2000.
    const patterns: string[] = [];
    for (let a = 0; a < 400; a++) for (let k = 0; k < 50; k++) patterns.push(ch(a) + ch(next() % 2000));
    for (let i = 0; i < 2000; i++) patterns.push(ch(next() % 2000) + ch(next() % 400) + ch(next() % 2000));
    let text = '';
    for (let i = 0; i < 20000; i++) text += next() % 4 === 0 ? patterns[next() % patterns.length] : ch(next() % 2000);
    const a = Automaton.build(patterns);
    const slots = (a as unknown as { check: Int32Array }).check.length;
    expect(slots).toBeGreaterThan(2 * (a.stateCount + 2000 + 1024));
    const hits = collect(a, text);
    expect(hits).toEqual(collect(createMonyoneEngine(patterns, 'fast'), text));
    expect(a.countMatches(text)).toBe(hits.length);
    expect(Automaton.deserialize(a.serialize()).countMatches(text)).toBe(hits.length);
  });

  it('round-trips through serialize/deserialize', () => {
    const patterns = ['银保监会', '保监会', '监会', '𠮷', '人民', '人民'];
    const a = Automaton.build(patterns);
    const b = Automaton.deserialize(a.serialize());
    const text = '中国银保监会 𠮷 人民 监会';
    expect(b.patternCount).toBe(a.patternCount);
    expect(collect(b, text)).toEqual(collect(a, text));
    expect(b.serialize()).toEqual(a.serialize());
  });

  it('reads a serialized blob that sits at an unaligned offset', () => {
    const a = Automaton.build(['人民', '政府']);
    const blob = a.serialize();
    const shifted = new Uint8Array(blob.length + 3);
    shifted.set(blob, 3);
    const b = Automaton.deserialize(shifted.subarray(3));
    expect(collect(b, '人民政府')).toEqual(collect(a, '人民政府'));
  });
});
