import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton, createMonyoneEngine } from '../src/index.js';
import { bruteForce, canonical, collect, type Hit } from './helpers.js';

// Small alphabet so that patterns overlap a lot: ASCII, CJK, a surrogate pair's halves.
const UNITS = ['a', 'b', '人', '民', '监', '会', '\ud842', '\udfb7'];
const unit = fc.constantFrom(...UNITS);
const pattern = fc.oneof(
  fc.array(unit, { minLength: 1, maxLength: 6 }).map((u) => u.join('')),
  fc.constantFrom('𠮷', '人民', '监会', 'a𠮷b'),
);
const dictionary = fc.array(pattern, { minLength: 0, maxLength: 12 });
const text = fc.oneof(
  fc.array(fc.oneof(unit, fc.constantFrom('𠮷', 'x', '\u0000')), { maxLength: 80 }).map((u) => u.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const key = (h: Hit): string => h.join(',');
const multiset = (hits: Hit[]): string[] => hits.map(key).sort();

describe('Automaton properties', () => {
  it('agrees with both monyone engines and brute force, in the same order', () => {
    fc.assert(
      fc.property(dictionary, text, (patterns, t) => {
        const ours = collect(Automaton.build(patterns), t);
        const monyone = collect(createMonyoneEngine(patterns, 'default'), t);
        const fast = collect(createMonyoneEngine(patterns, 'fast'), t);
        expect(multiset(ours)).toEqual(multiset(monyone));
        expect(multiset(ours)).toEqual(multiset(fast));
        expect(multiset(ours)).toEqual(multiset(bruteForce(patterns, t)));
        expect(ours).toEqual(canonical(ours));
        expect(ours).toEqual(monyone);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with monyone on dense dictionaries over a wider alphabet (large fan-out, unfolded states)', () => {
    const wide = [...'的一是了不人在有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切'];
    const wunit = fc.constantFrom(...wide.slice(0, 24));
    fc.assert(
      fc.property(
        fc.array(fc.array(wunit, { minLength: 1, maxLength: 4 }).map((u) => u.join('')), { minLength: 200, maxLength: 600 }),
        fc.array(wunit, { maxLength: 400 }).map((u) => u.join('')),
        (patterns, t) => {
          const ours = collect(Automaton.build(patterns), t);
          expect(ours).toEqual(canonical(bruteForce(patterns, t)));
          expect(multiset(ours)).toEqual(multiset(collect(createMonyoneEngine(patterns, 'fast'), t)));
          const back = Automaton.deserialize(Automaton.build(patterns).serialize());
          expect(collect(back, t)).toEqual(ours);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports spans in bounds that slice back to the pattern', () => {
    fc.assert(
      fc.property(dictionary, text, (patterns, t) => {
        const a = Automaton.build(patterns);
        const hits = collect(a, t);
        for (const [p, s, e] of hits) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThan(patterns.length);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(t.length);
          expect(t.slice(s, e)).toBe(patterns[p]);
        }
        expect(a.countMatches(t)).toBe(hits.length);
      }),
      { numRuns: 400 },
    );
  });

  it('deserialize(serialize(a)) matches identically', () => {
    fc.assert(
      fc.property(dictionary, fc.array(text, { maxLength: 4 }), (patterns, texts) => {
        const a = Automaton.build(patterns);
        const b = Automaton.deserialize(a.serialize());
        expect(b.patternCount).toBe(a.patternCount);
        for (const t of texts) expect(collect(b, t)).toEqual(collect(a, t));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary text', () => {
    const patterns = ['人民', '𠮷', '\ud842', '\udfb7a', '\u0000', 'ab', 'b'];
    const a = Automaton.build(patterns);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' })), (t) => {
        const hits = collect(a, t);
        expect(a.countMatches(t)).toBe(hits.length);
        for (const [p, s, e] of hits) expect(t.slice(s, e)).toBe(patterns[p]);
      }),
      { numRuns: 500 },
    );
  });

  it('builds from arbitrary non-empty patterns, including unusual code units', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 5 }), { maxLength: 10 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        (patterns, t) => {
          const hits = collect(Automaton.build(patterns), t);
          expect(multiset(hits)).toEqual(multiset(bruteForce(patterns, t)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
