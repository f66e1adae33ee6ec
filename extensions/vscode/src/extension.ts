// The cuomin VS Code client: starts the bundled language server (dist/server.js) over IPC and adds
// the commands, the status bar item and the per-category severity. All checking happens in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { applySeverity, countFindings, findingAt, isCuominDiagnostic, mergeEdits, ruleIdOf, type SeverityOverrides } from './diagnostics.js';
import { checkSegmenter, type SegmenterStatus } from './segmenter.js';

const SECTION = 'cuomin';
/** Checked always; `cuomin.languageIds` adds more, checked as plain text. */
const BASE_LANGUAGE_IDS = ['markdown', 'plaintext', 'html'];
/** Commands the server executes (workspace/executeCommand); the client registers them when it starts. */
const SCAN_WORKSPACE = 'cuomin.scanWorkspace';
const FIX_ALL_KIND = 'source.fixAll.cuomin';
const RULE_SCHEME = 'cuomin-rule';

let state: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  state = new Extension(context);
  await state.startWhenNeeded();
}

export async function deactivate(): Promise<void> {
  await state?.stop();
  state = undefined;
}

interface ScanResult {
  files: number;
  findings: number;
  skipped: number;
}

class Extension {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  /** Stands in for the server's scan command until the server runs (the commands activate the extension). */
  private scanPlaceholder: vscode.Disposable | undefined;
  private readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;
  private segmenterStatus: SegmenterStatus | undefined;
  private readonly ruleContent = new Map<string, string>();
  private readonly ruleChanged = new vscode.EventEmitter<vscode.Uri>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('cuomin', { log: true });
    this.status = vscode.window.createStatusBarItem('cuomin.findings', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'cuomin';
    this.status.command = 'workbench.actions.view.problems';
    context.subscriptions.push(
      this.output,
      this.status,
      this.ruleChanged,
      vscode.commands.registerCommand('cuomin.fixAllInFile', () => this.fixAllInFile()),
      vscode.commands.registerCommand('cuomin.explainRule', (ruleId?: unknown) => this.explainRule(ruleId)),
      vscode.commands.registerCommand('cuomin.showOutput', () => this.output.show(true)),
      vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
        onDidChange: this.ruleChanged.event,
        provideTextDocumentContent: (uri) => this.ruleContent.get(uri.toString()) ?? '',
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.updateStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.workspace.onDidChangeConfiguration(async (event) => {
        if (event.affectsConfiguration(`${SECTION}.languageIds`) || event.affectsConfiguration(`${SECTION}.enable`)) {
          await this.restart();
        } else if (event.affectsConfiguration(`${SECTION}.severity`)) {
          // Severity is applied here, on the way in: have the server send everything again.
          await this.restart();
        }
      }),
      { dispose: () => this.scanPlaceholder?.dispose() },
    );
    this.registerScanPlaceholder();
  }

  /**
   * Whether the shipped segmenter loads here, checked when first needed (not at activation, which
   * VS Code may do at start-up). Said once in the output and kept in the status bar tooltip; the
   * server is then told to run without segmentation, so it does not try and report it again.
   */
  private get segmenter(): SegmenterStatus {
    if (!this.segmenterStatus) {
      this.segmenterStatus = checkSegmenter(this.context.asAbsolutePath('dist'));
      if (!this.segmenterStatus.ok) this.output.warn(this.segmenterStatus.message);
    }
    return this.segmenterStatus;
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>('enable') !== false;
  }

  private languageIds(): string[] {
    const extra = vscode.workspace.getConfiguration(SECTION).get<unknown>('languageIds');
    const ids = Array.isArray(extra) ? extra.filter((id): id is string => typeof id === 'string') : [];
    return [...new Set([...BASE_LANGUAGE_IDS, ...ids])];
  }

  private severityOverrides(): SeverityOverrides {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('severity');
    return raw && typeof raw === 'object' ? (raw as SeverityOverrides) : {};
  }

  private checked(document: vscode.TextDocument): boolean {
    return (
      (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') &&
      this.languageIds().includes(document.languageId)
    );
  }

  /**
   * Starts the server once a file it checks is open. VS Code also opens internal plain-text
   * models (not files) at start-up, which fire `onLanguage:plaintext`; those start nothing.
   */
  async startWhenNeeded(): Promise<void> {
    if (vscode.workspace.textDocuments.some((d) => this.checked(d))) {
      await this.start();
    } else {
      const waiting = vscode.workspace.onDidOpenTextDocument(async (document) => {
        if (!this.checked(document) || this.client || this.starting) return;
        waiting.dispose();
        await this.start();
      });
      this.context.subscriptions.push(waiting);
    }
    this.updateStatus();
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    if (!this.enabled()) {
      this.output.info('cuomin is off (the setting cuomin.enable)');
      this.updateStatus();
      return;
    }
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const documentSelector = this.languageIds().flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]);
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      outputChannel: this.output,
      middleware: this.middleware(),
    };
    const client = new LanguageClient('cuomin', 'cuomin', serverOptions, clientOptions);
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) this.registerScanPlaceholder();
      this.updateStatus();
    });
    // The server's commands are registered by the client as it starts.
    this.scanPlaceholder?.dispose();
    this.scanPlaceholder = undefined;
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      this.output.error(`the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      this.registerScanPlaceholder();
    }
    this.updateStatus();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) await client.stop();
    this.registerScanPlaceholder();
  }

  private async restart(): Promise<void> {
    await this.stop();
    if (vscode.workspace.textDocuments.some((d) => this.checked(d))) await this.start();
    this.updateStatus();
  }

  private middleware(): Middleware {
    return {
      // Per-category severity, applied to what the server sends (pushed or pulled).
      handleDiagnostics: (uri, diagnostics, next) => next(uri, applySeverity(diagnostics, this.severityOverrides(), vscode.DiagnosticSeverity)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') {
          report.items = applySeverity(report.items, this.severityOverrides(), vscode.DiagnosticSeverity);
        }
        return report;
      },
      didOpen: (document, next) => {
        // A workspace scan pushed findings for this file while it was closed; open, it is pulled.
        this.client?.diagnostics?.delete(document.uri);
        return next(document);
      },
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (this.segmenter.ok || !Array.isArray(result)) return result;
          // Without the native segmenter the server runs on dictionary rules alone, as it is told here.
          return result.map((value, i) =>
            params.items[i]?.section === SECTION && value && typeof value === 'object'
              ? { ...(value as object), segmentation: false }
              : value,
          );
        },
      },
      executeCommand: async (command, args, next) => {
        if (command !== SCAN_WORKSPACE) return next(command, args);
        const result = (await next(command, args)) as ScanResult | undefined;
        const text = result
          ? `cuomin: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'} that ${result.files === 1 ? 'is' : 'are'} not open` +
            (result.skipped > 0 ? ` (${result.skipped} skipped, see the output)` : '')
          : 'cuomin: the workspace scan did not finish; see the output';
        this.output.info(text);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        void vscode.window.showInformationMessage(text);
        return result;
      },
    };
  }

  /** Until the server runs, `cuomin.scanWorkspace` starts it and then runs the server's command. */
  private registerScanPlaceholder(): void {
    if (this.scanPlaceholder || (this.client && this.client.state !== State.Stopped)) return;
    try {
      this.scanPlaceholder = vscode.commands.registerCommand(SCAN_WORKSPACE, () => this.scanFromPlaceholder());
    } catch {
      // The stopping client still holds the server's command; stop() registers this again afterwards.
    }
  }

  private async scanFromPlaceholder(): Promise<void> {
    if (!this.enabled()) {
      void vscode.window.showWarningMessage('cuomin is off (the setting cuomin.enable).');
      return;
    }
    await this.start();
    if (!this.client) return;
    // Now the server's command: it reports its own progress.
    await vscode.commands.executeCommand(SCAN_WORKSPACE);
  }

  private updateStatus(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.checked(editor.document)) {
      this.status.hide();
      return;
    }
    const lines: string[] = [];
    if (!this.enabled()) {
      this.status.text = '$(circle-slash) 错敏';
      lines.push('cuomin is off (the setting cuomin.enable).');
    } else {
      const count = countFindings(vscode.languages.getDiagnostics(editor.document.uri));
      this.status.text = count === 0 ? '$(check) 错敏 0' : `$(warning) 错敏 ${count}`;
      lines.push(`cuomin: ${count} finding${count === 1 ? '' : 's'} in this file. Click to open the Problems panel.`);
    }
    lines.push(this.segmenter.ok ? 'Word segmentation: on (nodejieba).' : `Word segmentation is off: ${this.segmenter.message}`);
    this.status.tooltip = lines.join('\n\n');
    this.status.show();
  }

  private async fixAllInFile(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.checked(editor.document)) return;
    await this.start();
    const document = editor.document;
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    // The server's fix-all: every automatically fixable finding, never two edits that overlap.
    const fixAll =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND)) ?? [];
    let edits = fixAll.find((action) => action.kind?.value === FIX_ALL_KIND && action.edit)?.edit?.get(document.uri) ?? [];
    if (edits.length === 0) {
      // Otherwise each finding's preferred quick fix (a server without fix-all).
      const collected: vscode.TextEdit[] = [];
      for (const diagnostic of vscode.languages.getDiagnostics(document.uri).filter(isCuominDiagnostic)) {
        const actions =
          (await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            document.uri,
            diagnostic.range,
            vscode.CodeActionKind.QuickFix.value,
          )) ?? [];
        // The command API drops `CodeAction.diagnostics`: keep the preferred action that edits this finding.
        const chosen = actions.find(
          (action) =>
            action.isPreferred &&
            action.edit?.get(document.uri).some((edit) => edit.range.intersection(diagnostic.range) !== undefined),
        );
        if (chosen?.edit) collected.push(...chosen.edit.get(document.uri));
      }
      edits = mergeEdits(collected, (edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)]);
    }
    if (edits.length === 0) {
      void vscode.window.showInformationMessage('cuomin: nothing to fix automatically in this file.');
      return;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.set(document.uri, edits);
    await vscode.workspace.applyEdit(workspaceEdit);
    this.output.info(`fixed ${edits.length} finding${edits.length === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(document.uri)}`);
  }

  /** Opens the explanation of the rule behind the finding at the cursor (or of the rule id given). */
  private async explainRule(arg: unknown): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    let diagnostic: vscode.Diagnostic | undefined;
    if (editor) {
      const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).filter(isCuominDiagnostic);
      diagnostic =
        typeof arg === 'string'
          ? diagnostics.find((d) => ruleIdOf(d) === arg)
          : findingAt(diagnostics, editor.selection.active);
    }
    if (!editor || !diagnostic) {
      void vscode.window.showInformationMessage('cuomin: put the cursor on a finding to see its rule.');
      return;
    }
    // The server's hover is the explanation: category, message, note, source and suggestions.
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, diagnostic.range.start)) ?? [];
    const parts = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .filter((text) => text.includes(ruleIdOf(diagnostic) ?? '\u0000'));
    const ruleId = ruleIdOf(diagnostic) ?? 'rule';
    const body = [`# ${ruleId}`, '', ...(parts.length > 0 ? parts : [diagnostic.message])].join('\n');
    const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${ruleId}.md` });
    this.ruleContent.set(uri.toString(), body);
    this.ruleChanged.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  }
}
