// @cuomin/dictionary: dictionary formats, validation, compilation, and the shipped baseline.
export {
  dictionarySchema,
  parseYamlDictionary,
  parseListDictionary,
  type DictionaryProblem,
  type ListFormat,
  type ListOptions,
  type Location,
  type ParsedDictionary,
  type SourceEntry,
} from './source.js';
export { DICTIONARY_EXTENSIONS, loadDictionaryFile, loadSourceTree, readPhraseList, type LoadOptions } from './files.js';
export { validateEntries, type ValidateOptions, type ValidationResult } from './validate.js';
export {
  ARTEFACT_FILES,
  CHECKSUM_FILE,
  buildFromSources,
  checksumMismatches,
  makeArtefact,
  readSources,
  staleFiles,
  writeArtefact,
  type Artefact,
  type BuildResult,
  type ExtraFiles,
  type Generator,
  type SourceTree,
} from './build.js';
export { layerEntries, isCategory, type LayerOptions } from './layer.js';
export { BASELINE_DIR, baselineBytes, createBaselineScanner, readBaseline, type ScannerSetup } from './baseline.js';
export { dictionaryStats, type DictionaryStats } from './stats.js';
