import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScanner, type Entry, type Scanner, type ScannerOptions } from '@cuomin/core';
import { layerEntries, type LayerOptions } from './layer.js';

/** Where the generated baseline artefact ships inside this package. */
export const BASELINE_DIR = fileURLToPath(new URL('../baseline/', import.meta.url));

interface BaselineData {
  version: number;
  allow: string[];
  entries: Entry[];
}

let data: BaselineData | undefined;
let bytes: Uint8Array | undefined;

/** The baseline entries and global allow-list (read once). */
export function readBaseline(): { entries: readonly Entry[]; allow: readonly string[] } {
  data ??= JSON.parse(readFileSync(`${BASELINE_DIR}entries.json`, 'utf8')) as BaselineData;
  return data;
}

/** The compiled baseline, which loads faster than it builds. */
export function baselineBytes(): Uint8Array {
  bytes ??= new Uint8Array(readFileSync(`${BASELINE_DIR}baseline.bin`));
  return bytes;
}

export interface ScannerSetup extends LayerOptions {
  /** User dictionaries, lowest first. */
  layers?: readonly (readonly Entry[])[];
  /** Extra phrases allowed everywhere, on top of the baseline's allow-list. */
  allow?: readonly string[];
  segmenter?: ScannerOptions['segmenter'];
  engine?: ScannerOptions['engine'];
}

/**
 * A scanner over the baseline and the user's layers. With nothing to layer it loads the
 * precompiled baseline; otherwise it compiles the merged entries.
 */
export function createBaselineScanner(setup: ScannerSetup = {}): Scanner {
  const plain =
    (setup.baseline ?? true) === true &&
    (setup.layers ?? []).every((layer) => layer.length === 0) &&
    (setup.disable ?? []).length === 0 &&
    (setup.allow ?? []).length === 0 &&
    (setup.engine ?? 'cuomin') === 'cuomin';
  const common = setup.segmenter === undefined ? {} : { segmenter: setup.segmenter };
  if (plain) return createScanner({ compiled: baselineBytes(), ...common });
  const baseline = readBaseline();
  return createScanner({
    entries: layerEntries(setup.baseline === false ? [] : baseline.entries, setup.layers ?? [], setup),
    allow: [...baseline.allow, ...(setup.allow ?? [])],
    ...(setup.engine ? { engine: setup.engine } : {}),
    ...common,
  });
}
