import type { Finding } from '@cuomin/types';
import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isFindingData, SOURCE, type FindingData } from './convert.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cuomin`;

interface State {
  version: number;
  kind: 'text' | 'markdown' | 'html';
  findings: Finding[];
}

export interface ActionContext {
  documents: TextDocuments<TextDocument>;
  states: Map<string, State>;
  currentState(uri: string): Promise<State | undefined>;
  capabilities: ClientCapabilities;
}

function workspaceEdit(context: ActionContext, doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  // A versioned edit is refused by the client if the document moved on meanwhile.
  if (context.capabilities.workspace?.workspaceEdit?.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  }
  return { changes: { [doc.uri]: edits } };
}

/** The finding's span in the current text, or undefined when the text there is no longer what was found. */
function currentSpan(doc: TextDocument, diagnostic: Diagnostic, data: FindingData): { start: number; end: number } | undefined {
  const text = doc.getText();
  if (data.version === doc.version && text.slice(data.start, data.end) === data.actual) return data;
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  return text.slice(start, end) === data.actual ? { start, end } : undefined;
}

/** Data from the diagnostic, or, for clients that drop `data`, from the findings of the current version. */
function dataFor(doc: TextDocument, diagnostic: Diagnostic, state: State | undefined): FindingData | undefined {
  if (isFindingData(diagnostic.data)) return diagnostic.data;
  if (!state || state.version !== doc.version) return undefined;
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  const finding = state.findings.find((f) => f.start === start && f.end === end && f.ruleId === diagnostic.code);
  if (!finding) return undefined;
  return { version: doc.version, ruleId: finding.ruleId, category: finding.category, actual: finding.actual, expected: finding.expected, start, end, fixable: finding.fixable };
}

/** Edits that apply every automatically fixable finding, never two that overlap. */
export function fixAllEdits(doc: TextDocument, findings: readonly Finding[]): TextEdit[] {
  const text = doc.getText();
  const edits: TextEdit[] = [];
  let reach = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (!f.fixable || f.expected.length !== 1 || f.start < reach || text.slice(f.start, f.end) !== f.actual) continue;
    edits.push({ range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) }, newText: f.expected[0] as string });
    reach = f.end;
  }
  return edits;
}

function directiveEdit(doc: TextDocument, kind: State['kind'], offset: number, ruleId: string): TextEdit {
  const line = doc.positionAt(offset).line;
  const lineStart = doc.offsetAt({ line, character: 0 });
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const directive = kind === 'text' ? `cuomin-disable-next-line ${ruleId}` : `<!-- cuomin-disable-next-line ${ruleId} -->`;
  const position = doc.positionAt(lineStart);
  return { range: { start: position, end: position }, newText: `${indent}${directive}${eol}` };
}

const wants = (only: readonly string[] | undefined, kind: string) =>
  !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

export async function codeActions(context: ActionContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params?.textDocument?.uri;
  const doc = typeof uri === 'string' ? context.documents.get(uri) : undefined;
  if (!doc) return [];
  const only = Array.isArray(params.context?.only) ? params.context.only : undefined;
  const actions: CodeAction[] = [];
  const stateNow = context.states.get(doc.uri);
  const state = stateNow?.version === doc.version ? stateNow : undefined;
  const kind = stateNow?.kind ?? 'text';

  const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of diagnostics) {
      if (diagnostic?.source !== SOURCE || !diagnostic.range) continue;
      const data = dataFor(doc, diagnostic, state);
      if (!data) continue;
      const span = currentSpan(doc, diagnostic, data);
      if (!span) continue;
      const range = { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
      data.expected.forEach((suggestion, i) => {
        actions.push({
          title: `替换为“${suggestion}”`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          // Only a fix a tool may apply unasked is preferred: auto-fix applies preferred actions.
          isPreferred: i === 0 && data.fixable,
          edit: workspaceEdit(context, doc, [{ range, newText: suggestion }]),
        });
      });
      actions.push({
        title: `将“${data.actual}”加入工作区允许列表`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: '加入允许列表', command: 'cuomin.allowPhrase', arguments: [doc.uri, data.actual] },
      });
      actions.push({
        title: `在下一行停用规则 ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(context, doc, [directiveEdit(doc, kind, span.start, data.ruleId)]),
      });
    }
  }

  const fixAll = wants(only, FIX_ALL_KIND);
  const fixAllQuick = wants(only, CodeActionKind.QuickFix) && actions.length > 0;
  if (fixAll || fixAllQuick) {
    // Fix-all is an explicit request: scan now if the findings are behind the text.
    const fresh = state ?? (await context.currentState(doc.uri));
    const current = context.documents.get(doc.uri);
    if (fresh && current && fresh.version === current.version) {
      const edits = fixAllEdits(current, fresh.findings);
      if (edits.length > 0) {
        const title = `修正本文档中所有可自动修正的问题（${edits.length} 处）`;
        if (fixAllQuick) actions.push({ title, kind: CodeActionKind.QuickFix, edit: workspaceEdit(context, current, edits) });
        if (fixAll && only) actions.push({ title, kind: FIX_ALL_KIND, edit: workspaceEdit(context, current, edits) });
      }
    }
  }
  return actions;
}
