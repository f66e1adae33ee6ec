import { CATEGORIES, type Category } from '@cuomin/types';

/** Client settings under the `cuomin` section, for one document. */
export interface Settings {
  enable: boolean;
  /** Only these categories are reported (default: all). */
  categories: Category[] | undefined;
  /** Extra dictionary files; relative paths are taken from the workspace folder. */
  dictionaries: string[];
  /** undefined: as the config file says (default on). */
  segmentation: boolean | undefined;
  /** Language ids scanned as plain text, on top of plaintext, markdown and html. */
  languageIds: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  categories: undefined,
  dictionaries: [],
  segmentation: undefined,
  languageIds: [],
};

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

/**
 * Reads whatever the client sent. A wrong value is reported and replaced by its default
 * rather than making the whole section unusable.
 */
export function parseSettings(raw: unknown, warn: (message: string) => void): Settings {
  if (raw === undefined || raw === null) return { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`settings "cuomin" must be an object, got ${JSON.stringify(raw)}; using defaults`);
    return { ...DEFAULT_SETTINGS };
  }
  const input = raw as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (input.enable !== undefined) {
    if (typeof input.enable === 'boolean') settings.enable = input.enable;
    else warn('setting cuomin.enable must be true or false');
  }
  if (input.categories !== undefined && input.categories !== null) {
    const list = stringList(input.categories);
    const unknown = list?.filter((c) => !(CATEGORIES as readonly string[]).includes(c)) ?? [];
    if (!list || unknown.length > 0) {
      warn(`setting cuomin.categories must list categories from ${CATEGORIES.join(', ')}` + (unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''));
    } else settings.categories = list as Category[];
  }
  if (input.dictionaries !== undefined && input.dictionaries !== null) {
    const list = stringList(input.dictionaries);
    if (list) settings.dictionaries = list;
    else warn('setting cuomin.dictionaries must be a list of file paths');
  }
  if (input.segmentation !== undefined && input.segmentation !== null) {
    if (typeof input.segmentation === 'boolean') settings.segmentation = input.segmentation;
    else warn('setting cuomin.segmentation must be true or false');
  }
  if (input.languageIds !== undefined && input.languageIds !== null) {
    const list = stringList(input.languageIds);
    if (list) settings.languageIds = list;
    else warn('setting cuomin.languageIds must be a list of language ids');
  }
  return settings;
}
