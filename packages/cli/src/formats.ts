import { CATEGORY_LABEL, type Severity } from '@cuomin/types';
import type { FileResult, LocatedFinding } from './analyse.js';

export type Format = 'stylish' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];

export interface Summary {
  files: number;
  filesWithFindings: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  fixed: number;
  skipped: number;
}

export function summarise(results: readonly FileResult[], fixed: number): Summary {
  const summary: Summary = { files: 0, filesWithFindings: 0, findings: 0, errors: 0, warnings: 0, infos: 0, fixed, skipped: 0 };
  for (const r of results) {
    if (r.error || r.hash === undefined && r.findings.length === 0 && r.notices.some((n) => n.startsWith('skipped'))) {
      summary.skipped++;
      continue;
    }
    summary.files++;
    if (r.findings.length > 0) summary.filesWithFindings++;
    for (const f of r.findings) {
      summary.findings++;
      if (f.severity === 'error') summary.errors++;
      else if (f.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

/** The JSON contract (documented in the README): stable key order, nothing else. */
export function toJson(results: readonly FileResult[], summary: Summary): string {
  const files = results
    .filter((r) => !r.error)
    .map((r) => ({
      path: r.path,
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        actual: f.actual,
        expected: f.expected,
        message: f.message,
        start: f.start,
        end: f.end,
        line: f.line,
        column: f.column,
        ...(f.paragraph === undefined ? {} : { paragraph: f.paragraph, character: f.character }),
        fixable: f.fixable,
        ...(f.note ? { note: f.note } : {}),
        ...(f.source ? { source: f.source } : {}),
      })),
      problems: r.problems,
      notices: r.notices,
    }));
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as code-scanning services read it. Columns are UTF-16 code units. */
export function toSarif(results: readonly FileResult[], version: string): string {
  const rules = new Map<string, { id: string; shortDescription: { text: string }; properties: { category: string } ; help?: { text: string } }>();
  const sarifResults: object[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (!rules.has(f.ruleId)) {
        rules.set(f.ruleId, {
          id: f.ruleId,
          shortDescription: { text: `${CATEGORY_LABEL[f.category]}：${f.actual}` },
          properties: { category: f.category },
          ...(f.note ? { help: { text: f.note } } : {}),
        });
      }
      const [endLine, endColumn] = endPosition(f);
      sarifResults.push({
        ruleId: f.ruleId,
        ruleIndex: [...rules.keys()].indexOf(f.ruleId),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(r.path.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line, startColumn: f.column, endLine, endColumn, charOffset: f.start, charLength: f.end - f.start },
            },
          },
        ],
        ...(f.fixable && f.expected.length === 1
          ? {
              fixes: [
                {
                  description: { text: `改为“${f.expected[0]}”` },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: encodeURI(r.path.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                      replacements: [
                        {
                          deletedRegion: { startLine: f.line, startColumn: f.column, endLine, endColumn },
                          insertedContent: { text: f.expected[0] },
                        },
                      ],
                    },
                  ],
                },
              ],
            }
          : {}),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cuomin', version, informationUri: 'https://github.com/cuomin/cuomin', rules: [...rules.values()] } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileUrl(process.cwd())}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function pathToFileUrl(path: string): string {
  return `file://${encodeURI(path.split('\\').join('/'))}`;
}

/** Line and column just after the finding (a term broken across lines ends on a later line). */
function endPosition(f: LocatedFinding): [number, number] {
  const newlines = f.actual.split('\n');
  if (newlines.length === 1) return [f.line, f.column + f.actual.length];
  return [f.line + newlines.length - 1, (newlines.at(-1) as string).length + 1];
}

const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4, green: 32 } as const;

/** Grouped by file: `line:col severity message rule-id`, the suggestion, then a summary. */
export function toStylish(results: readonly FileResult[], summary: Summary, colour: boolean): string {
  const paint = (code: keyof typeof ANSI, text: string) => (colour ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
  const severityColour: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue' };
  let out = '';
  for (const r of results) {
    if (r.findings.length === 0 && r.problems.length === 0) continue;
    out += `\n${paint('underline', r.path)}\n`;
    const rows = [
      ...r.findings.map((f) => ({
        where: f.paragraph === undefined ? `${f.line}:${f.column}` : `¶${f.paragraph}:${f.character}`,
        severity: f.severity,
        message: f.message,
        rule: f.ruleId,
        suggestion: f.expected.length > 0 ? `建议：${f.expected.join(' / ')}${f.fixable && f.expected.length === 1 ? '（可用 --fix 自动修正）' : ''}` : f.category === 'sensitive' ? '' : '建议：改写或删除',
      })),
      ...r.problems.map((p) => ({
        where: p.line === undefined ? '' : `${p.line}:${p.column}`,
        severity: p.severity,
        message: p.message,
        rule: p.kind,
        suggestion: '',
      })),
    ];
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    for (const row of rows) {
      out += `  ${paint('gray', row.where.padEnd(whereWidth))}  ${paint(severityColour[row.severity], row.severity.padEnd(7))}  ${row.message}  ${paint('gray', row.rule)}\n`;
      if (row.suggestion) out += `  ${' '.repeat(whereWidth)}  ${' '.repeat(7)}  ${paint('green', `→ ${row.suggestion}`)}\n`;
    }
  }
  const counts = [
    `${summary.errors} error${summary.errors === 1 ? '' : 's'}`,
    `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`,
    ...(summary.infos > 0 ? [`${summary.infos} info`] : []),
  ];
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'} scanned`;
  const fixed = summary.fixed > 0 ? `, ${summary.fixed} fixed` : '';
  if (summary.findings === 0) out += `\n${paint('green', '✔')} no findings (${files}${fixed})\n`;
  else {
    const mark = summary.errors > 0 ? paint('red', '✖') : paint('yellow', '⚠');
    out += `\n${mark} ${summary.findings} finding${summary.findings === 1 ? '' : 's'} (${counts.join(', ')}) in ${summary.filesWithFindings} of ${files}${fixed}\n`;
  }
  return out;
}
