import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createScanner } from '@cuomin/core';
import { buildFromSources, checksumMismatches, readSources, staleFiles, writeArtefact } from '../src/index.js';

const ENTRY = `category: typo
source: 常见错别字
entries:
  - id: typo/zai-jie-zai-li
    term: 再接再励
    suggestions: [再接再厉]
    note: “厉”同“砺”。
    examples: [我们要再接再励。]
    counter_examples: [我们要再接再厉。]
`;

function tree(yaml: string, allow = '') {
  const root = mkdtempSync(join(tmpdir(), 'cuomin-dict-'));
  mkdirSync(join(root, 'src', 'typo'), { recursive: true });
  writeFileSync(join(root, 'src', 'typo', 'a.yaml'), yaml);
  if (allow) writeFileSync(join(root, 'src', 'allow.txt'), allow);
  return root;
}

describe('build', () => {
  test('is deterministic, and check mode finds stale and tampered files', () => {
    const root = tree(ENTRY, '# 全局白名单\n再接再励吧\n');
    const first = buildFromSources(readSources(join(root, 'src'), root), { segmenter: null });
    const second = buildFromSources(readSources(join(root, 'src'), root), { segmenter: null });
    expect(first.problems).toEqual([]);
    expect(first.examplesRun).toBe(2);
    expect(Buffer.from(first.artefact!.files['baseline.bin']).equals(Buffer.from(second.artefact!.files['baseline.bin']))).toBe(true);

    const out = join(root, 'out');
    expect(staleFiles(first.artefact!, out)).toEqual(['entries.json', 'baseline.bin', 'SHA256SUMS']);
    writeArtefact(first.artefact!, out);
    expect(staleFiles(first.artefact!, out)).toEqual([]);
    expect(checksumMismatches(out)).toEqual([]);

    // The artefact scans like the sources, global allow-list included.
    const scanner = createScanner({ compiled: new Uint8Array(readFileSync(join(out, 'baseline.bin'))), segmenter: null });
    expect(scanner.scan('要再接再励，再接再励吧').findings.map((f) => f.start)).toEqual([1]);

    // A source edit makes the committed artefact stale; a hand edit breaks its checksum.
    writeFileSync(join(root, 'src', 'typo', 'a.yaml'), ENTRY.replace('再接再厉]', '再接再厉, 再接再砺]'));
    const edited = buildFromSources(readSources(join(root, 'src'), root), { segmenter: null });
    expect(staleFiles(edited.artefact!, out)).toContain('entries.json');
    writeFileSync(join(out, 'entries.json'), '{}');
    expect(checksumMismatches(out)).toEqual(['entries.json']);
  });

  test('a bad source builds nothing and says where', () => {
    const root = tree(ENTRY.replace('examples: [我们要再接再励。]', 'examples: [我们要再接再厉。]'));
    const result = buildFromSources(readSources(join(root, 'src'), root), { segmenter: null });
    expect(result.artefact).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ file: join('src', 'typo', 'a.yaml'), line: 4, message: expect.stringMatching(/example not flagged/) }),
    ]);
  });
});
