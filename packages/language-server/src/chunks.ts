import type { ScanResult } from '@cuomin/types';

export type ChunkKind = 'text' | 'markdown' | 'html';

/**
 * Offsets where `text` can be cut into pieces that scan the same alone as in the whole
 * document: blank lines between top-level blocks. Conservative: when in doubt it does not cut.
 * HTML is never cut (elements span blank lines freely).
 */
export function chunkStarts(text: string, kind: ChunkKind): number[] {
  if (kind === 'html') return [0];
  // A disable … enable range spans blocks; the whole document must see it.
  if (/cuomin-(disable|enable)(?!-next-line)/.test(text)) return [0];
  const starts = [0];
  let fence: string | undefined;
  let openComments = 0;
  let rawBlock: string | undefined;
  let frontMatter = kind === 'markdown' && /^---\r?\n/.test(text);
  let afterBlank = false;
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, nl < 0 ? text.length : nl);
    const blank = line.trim() === '';
    if (kind === 'markdown') {
      if (afterBlank && !blank && !fence && openComments === 0 && !rawBlock && !frontMatter && !/^[ \t]/.test(line)) {
        starts.push(pos);
      }
      if (frontMatter && lineNo > 0 && /^(---|\.\.\.)\s*$/.test(line)) frontMatter = false;
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      } else if (fenceMatch && !rawBlock && openComments === 0) {
        fence = fenceMatch[1];
      } else {
        openComments += count(line, '<!--') - count(line, '-->');
        if (openComments < 0) openComments = 0;
        if (rawBlock) {
          if (new RegExp(`</${rawBlock}\\s*>`, 'i').test(line)) rawBlock = undefined;
        } else {
          const raw = /<(pre|script|style|textarea)[\s>]/i.exec(line);
          if (raw && !new RegExp(`</${raw[1]}\\s*>`, 'i').test(line.slice(raw.index))) rawBlock = raw[1]!.toLowerCase();
        }
      }
    } else if (afterBlank && !blank) {
      starts.push(pos);
    }
    afterBlank = blank;
    pos = end;
    lineNo++;
  }
  return starts;
}

function count(line: string, what: string): number {
  let n = 0;
  for (let i = line.indexOf(what); i >= 0; i = line.indexOf(what, i + what.length)) n++;
  return n;
}

/**
 * Scans a long document piece by piece and remembers each piece's result by its text, so that
 * after an edit only the pieces that changed are scanned again. One instance per document and
 * scanner setup: results are only valid for the scan function they came from.
 */
export class ChunkedScan {
  private memo = new Map<string, ScanResult>();

  constructor(
    private readonly kind: ChunkKind,
    private readonly scanPiece: (text: string) => ScanResult,
  ) {}

  /** Pieces scanned by the last call, for tests and measurements. */
  lastScanned = 0;

  scan(text: string): ScanResult {
    const run = this.run(text);
    for (let step = run.next(); ; step = run.next()) if (step.done) return step.value as ScanResult;
  }

  /**
   * The same, giving the event loop a turn every `sliceMs` of work so that other requests are
   * answered meanwhile. Resolves undefined, keeping the pieces done so far, once `current()` is false.
   */
  async scanAsync(text: string, current: () => boolean, sliceMs = 15): Promise<ScanResult | undefined> {
    const run = this.run(text);
    let since = performance.now();
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value as ScanResult;
      if (performance.now() - since < sliceMs) continue;
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
      if (!current()) {
        run.return(undefined);
        return undefined;
      }
    }
  }

  /** Yields after each piece it had to scan; returns the whole result. */
  private *run(text: string): Generator<void, ScanResult | undefined> {
    const starts = chunkStarts(text, this.kind);
    const next = new Map<string, ScanResult>();
    const result: ScanResult = { findings: [], problems: [] };
    this.lastScanned = 0;
    let complete = false;
    try {
      for (let i = 0; i < starts.length; i++) {
        const from = starts[i]!;
        const piece = text.slice(from, starts[i + 1] ?? text.length);
        let pieceResult = next.get(piece) ?? this.memo.get(piece);
        const fresh = !pieceResult;
        if (!pieceResult) {
          pieceResult = this.scanPiece(piece);
          this.lastScanned++;
        }
        next.set(piece, pieceResult);
        for (const f of pieceResult.findings) result.findings.push({ ...f, start: f.start + from, end: f.end + from });
        for (const p of pieceResult.problems) {
          // Problems about the scanner (no position) are reported once, by the piece that raised them.
          if (p.start === undefined) {
            if (fresh) result.problems.push(p);
            continue;
          }
          result.problems.push({ ...p, start: p.start + from, ...(p.end !== undefined ? { end: p.end + from } : {}) });
        }
        if (fresh) yield;
      }
      complete = true;
      return result;
    } finally {
      // An abandoned run keeps what it scanned: the next run probably needs most of it.
      if (complete) this.memo = next;
      else for (const [piece, value] of next) this.memo.set(piece, value);
    }
  }
}
