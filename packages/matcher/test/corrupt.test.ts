import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton, FORMAT_VERSION } from '../src/index.js';

const blob = Automaton.build(['银保监会', '保监会', '监会', '人民', '𠮷']).serialize();

function load(bytes: Uint8Array): Automaton {
  return Automaton.deserialize(bytes);
}

describe('Automaton.deserialize on bad input', () => {
  it('rejects an empty or truncated blob', () => {
    expect(() => load(new Uint8Array(0))).toThrow(/too short/);
    expect(() => load(blob.subarray(0, 20))).toThrow(/too short/);
    expect(() => load(blob.subarray(0, blob.length - 1))).toThrow(/truncated or corrupt/);
    expect(() => load(blob.subarray(0, blob.length - 4))).toThrow(/truncated or corrupt/);
  });

  it('rejects trailing garbage', () => {
    const longer = new Uint8Array(blob.length + 4);
    longer.set(blob);
    expect(() => load(longer)).toThrow(/truncated or corrupt/);
  });

  it('rejects a flipped magic byte', () => {
    const bad = blob.slice();
    bad[0] = bad[0]! ^ 0xff;
    expect(() => load(bad)).toThrow(/bad magic/);
  });

  it('rejects another format version', () => {
    const bad = blob.slice();
    new DataView(bad.buffer).setUint32(8, FORMAT_VERSION + 1, true);
    expect(() => load(bad)).toThrow(new RegExp(`unsupported format version ${FORMAT_VERSION + 1}`));
  });

  it('rejects a payload bit flip anywhere', () => {
    for (let at = 36; at < blob.length; at++) {
      const bad = blob.slice();
      bad[at] = bad[at]! ^ 0x10;
      expect(() => load(bad), `flip at byte ${at}`).toThrow(Error);
    }
  });

  it('rejects header count changes', () => {
    for (let field = 12; field < 36; field += 4) {
      const bad = blob.slice();
      const view = new DataView(bad.buffer);
      view.setUint32(field, view.getUint32(field, true) + 1, true);
      expect(() => load(bad), `header field at ${field}`).toThrow(/Automaton\.deserialize/);
    }
  });

  it('rejects non-bytes', () => {
    expect(() => Automaton.deserialize('nope' as unknown as Uint8Array)).toThrow(/Uint8Array/);
  });
});

/** Same hash as the serializer, so a test can corrupt the payload yet keep the checksum valid. */
function resign(bytes: Uint8Array): void {
  const payload = bytes.slice(36);
  const words = new Int32Array(payload.buffer, 0, payload.byteLength >>> 2);
  let h = 0x811c9dc5 ^ payload.byteLength;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i]!, 0x5bd1e995);
    h ^= h >>> 15;
  }
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(32, h >>> 0, true);
}

describe('Automaton.deserialize on structurally corrupt blobs with a valid checksum', () => {
  const patterns = ['银保监会', '保监会', '监会', '人民', '中华人民共和国', '𠮷', 'ab', 'b'];
  const good = Automaton.build(patterns).serialize();
  const texts = ['中华人民共和国银保监会', '𠮷ab人民监会', 'bbbaab保监会会', '\ud842人\u0000'];

  it('either rejects the blob with a deserialize error or yields an automaton that stays in bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 37), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (flips) => {
          const bad = good.slice();
          for (const [at, x] of flips) bad[36 + at] = bad[36 + at]! ^ x;
          resign(bad);
          let a: Automaton;
          try {
            a = Automaton.deserialize(bad);
          } catch (err) {
            expect(err).toBeInstanceOf(Error);
            expect((err as Error).message).toMatch(/^Automaton\.deserialize: /);
            return;
          }
          for (const t of texts) {
            let n = 0;
            a.forEachMatch(t, (p, s, e) => {
              n++;
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThan(patterns.length);
              expect(s).toBeGreaterThanOrEqual(0);
              expect(e).toBeLessThanOrEqual(t.length);
              expect(s).toBeLessThan(e);
            });
            expect(a.countMatches(t)).toBe(n);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
