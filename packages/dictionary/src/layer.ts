import { CATEGORIES, normalizeTerm, type Category, type Entry } from '@cuomin/core';

export interface LayerOptions {
  /** Baseline categories to keep: true (all), false (none) or a list. */
  baseline?: boolean | readonly Category[];
  /** Ids or category names switched off, in the baseline and in every layer. */
  disable?: readonly string[];
}

/**
 * Lays user dictionaries over the baseline. A later layer's entry replaces an earlier one with
 * the same id or the same term, so a unit can redefine a baseline rule without touching it.
 */
export function layerEntries(baseline: readonly Entry[], layers: readonly (readonly Entry[])[], options: LayerOptions = {}): Entry[] {
  const keep = options.baseline ?? true;
  const disabled = new Set(options.disable ?? []);
  const on = (entry: Entry) => !disabled.has(entry.id) && !disabled.has(entry.category);
  const fromBaseline = keep === false ? [] : baseline.filter((e) => keep === true || keep.includes(e.category));

  const byId = new Map<string, Entry>();
  const idByForm = new Map<string, string>();
  for (const entry of [...fromBaseline, ...layers.flat()]) {
    const forms = [entry.term, ...(entry.variants ?? [])].map(normalizeTerm);
    for (const form of forms) {
      const previous = idByForm.get(form);
      if (previous !== undefined && previous !== entry.id) byId.delete(previous);
      idByForm.set(form, entry.id);
    }
    byId.set(entry.id, entry);
  }
  return [...byId.values()].filter(on);
}

export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}
