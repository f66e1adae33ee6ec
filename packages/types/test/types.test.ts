import { describe, expect, test } from 'vitest';
import { CATEGORIES, CATEGORY_LABEL, DEFAULT_SEVERITY } from '../src/index.js';

describe('category tables', () => {
  test('every category has a default severity and a Chinese label', () => {
    for (const category of CATEGORIES) {
      expect(['error', 'warning', 'info']).toContain(DEFAULT_SEVERITY[category]);
      expect(CATEGORY_LABEL[category]).toMatch(/\p{Script=Han}/u);
    }
    expect(Object.keys(DEFAULT_SEVERITY).sort()).toEqual([...CATEGORIES].sort());
  });

  test('serious findings fail a site: their default is error', () => {
    expect(DEFAULT_SEVERITY.serious).toBe('error');
    expect(DEFAULT_SEVERITY.sensitive).toBe('warning');
  });
});
