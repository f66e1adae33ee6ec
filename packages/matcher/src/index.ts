import { Automaton } from './automaton.js';
import type { EngineName, MatchEngine } from './engine.js';
import { createMonyoneEngine } from './monyone.js';

export type { EngineName, MatchEngine } from './engine.js';
export { Automaton, FORMAT_VERSION } from './automaton.js';
export { createMonyoneEngine } from './monyone.js';

/** Builds the named engine over patterns. */
export function createEngine(name: EngineName, patterns: readonly string[]): MatchEngine {
  switch (name) {
    case 'cuomin':
      return Automaton.build(patterns);
    case 'monyone':
      return createMonyoneEngine(patterns, 'default');
    case 'monyone-fast':
      return createMonyoneEngine(patterns, 'fast');
    default:
      throw new Error(`createEngine: unknown engine ${String(name)}`);
  }
}
