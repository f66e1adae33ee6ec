// Pure helpers over diagnostics and edits, shaped structurally so tests can run without VS Code.

interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number; target: unknown };
  range: { contains(position: never): boolean };
}

export function isCuominDiagnostic(diagnostic: { source?: string }): boolean {
  return diagnostic.source === 'cuomin';
}

export function countFindings(diagnostics: readonly { source?: string }[]): number {
  return diagnostics.filter(isCuominDiagnostic).length;
}

/** The rule id a cuomin diagnostic carries as its code. */
export function ruleIdOf(diagnostic: Pick<DiagnosticLike, 'code'>): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

export function findingAt<D extends { range: { contains(position: P): boolean } }, P>(
  diagnostics: readonly D[],
  position: P,
): D | undefined {
  return diagnostics.find((d) => d.range.contains(position));
}

/**
 * Edits sorted by position with overlapping ones dropped (the first one wins), so that
 * they can be applied together. `span` gives an edit's [start, end) offsets.
 */
export function mergeEdits<E>(edits: readonly E[], span: (edit: E) => [number, number]): E[] {
  const sorted = edits
    .map((edit) => ({ edit, at: span(edit) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
  const kept: E[] = [];
  let end = -1;
  for (const { edit, at } of sorted) {
    if (at[0] < end) continue;
    // Two insertions at one point would interleave: keep the first.
    if (at[0] === end && at[0] === at[1] && kept.length > 0) continue;
    kept.push(edit);
    end = Math.max(end, at[1]);
  }
  return kept;
}

export const CATEGORIES = ['serious', 'banned', 'outdated', 'typo', 'sensitive', 'custom'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The project's severities (`Severity` in @cuomin/types). */
export type SeverityName = 'error' | 'warning' | 'info';
export type SeverityOverrides = Partial<Record<Category, SeverityName>>;

/** The category of a cuomin diagnostic: from its data when the server sends it, else from the rule id. */
export function categoryOf(diagnostic: { code?: DiagnosticLike['code']; data?: unknown }): Category | undefined {
  const data = diagnostic.data as { category?: unknown } | undefined;
  const fromData = typeof data?.category === 'string' ? data.category : undefined;
  const candidate = fromData ?? ruleIdOf(diagnostic)?.split('/')[0];
  return (CATEGORIES as readonly string[]).includes(candidate ?? '') ? (candidate as Category) : undefined;
}

/**
 * The setting `cuomin.severity`: each listed category's findings take the severity given.
 * `severities` maps names to the editor's values (vscode.DiagnosticSeverity).
 */
export function applySeverity<D extends { source?: string; code?: DiagnosticLike['code']; severity: S }, S>(
  diagnostics: D[],
  overrides: SeverityOverrides,
  severities: NoInfer<{ Error: S; Warning: S; Information: S }>,
): D[] {
  const byName: Record<SeverityName, S> = {
    error: severities.Error,
    warning: severities.Warning,
    info: severities.Information,
  };
  for (const diagnostic of diagnostics) {
    if (!isCuominDiagnostic(diagnostic)) continue;
    const category = categoryOf(diagnostic);
    const wanted = category ? overrides[category] : undefined;
    if (wanted && wanted in byName) diagnostic.severity = byName[wanted];
  }
  return diagnostics;
}
