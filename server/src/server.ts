// The language server: adapts the core to LSP. Run `node dist/server.js --stdio`.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  type CodeAction as LspCodeAction,
  type Connection,
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type AnalysisSettings,
  detectKind,
  docsUrl,
  type Finding,
  LanguageService,
  type Severity,
  type SourceDocument,
} from './core';
import { nodeFileAccess, toCorePath } from './node/file-access';
import { readServerSettings, type ServerSettings, defaultServerSettings } from './settings';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new LanguageService(nodeFileAccess);
const pendingValidations = new Map<string, NodeJS.Timeout>();
const settingsCache = new Map<string, Promise<ServerSettings>>();

let clientHasConfiguration = false;
let clientWatchesFiles = false;
const reportedConfigProblems = new Set<string>();
let initialSettings: ServerSettings = defaultServerSettings;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientHasConfiguration = params.capabilities.workspace?.configuration === true;
  clientWatchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  initialSettings = readServerSettings(undefined, params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'dockhand', version: serverVersion() },
  };
});

connection.onInitialized(() => {
  if (clientHasConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockhand' }).catch(logError('register configuration'));
  }
  if (clientWatchesFiles) {
    // Configuration files and the neighbours rules read: re-analyse when they change.
    const watchers = ['**/.dockhand.{yaml,yml}', '**/.hadolint.{yaml,yml}', '**/.dockerignore', '**/*.dockerignore', '**/.env'].map((globPattern) => ({ globPattern }));
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(logError('register file watchers'));
  }
});

connection.onDidChangeWatchedFiles(() => {
  service.invalidateConfig();
  reportedConfigProblems.clear();
  for (const document of documents.all()) scheduleValidation(document, 0);
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!clientHasConfiguration) initialSettings = readServerSettings((change.settings as { dockhand?: unknown } | undefined)?.dockhand, undefined);
  for (const document of documents.all()) scheduleValidation(document, 0);
});

documents.onDidOpen((event) => scheduleValidation(event.document, 0));
documents.onDidChangeContent((event) => {
  void settingsFor(event.document.uri)
    .then((settings) => scheduleValidation(event.document, settings.validationDelayMs))
    .catch(logError('settings'));
});
documents.onDidClose((event) => {
  const uri = event.document.uri;
  clearTimeout(pendingValidations.get(uri));
  pendingValidations.delete(uri);
  settingsCache.delete(uri);
  service.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(logError('clear diagnostics'));
});

connection.onHover(
  guarded('hover', async (params) => {
    const document = documents.get(params.textDocument.uri);
    const source = document && toSource(document);
    if (!source) return null;
    const hover = service.hover(source, params.position, (await settingsFor(source.uri)).analysis);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  }),
);

connection.onCodeAction(
  guarded('codeAction', async (params) => {
    const document = documents.get(params.textDocument.uri);
    const source = document && toSource(document);
    if (!source) return null;
    const actions = service.codeActions(source, params.range, (await settingsFor(source.uri)).analysis);
    return actions.map((action): LspCodeAction => ({
      title: action.title,
      kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
      ...(action.finding && { diagnostics: [toDiagnostic(action.finding)] }),
      ...(action.isPreferred !== undefined && { isPreferred: action.isPreferred }),
      edit: { changes: { [source.uri]: action.edits } },
    }));
  }),
);

documents.listen(connection);
connection.listen();

function scheduleValidation(document: TextDocument, delayMs: number): void {
  const uri = document.uri;
  clearTimeout(pendingValidations.get(uri));
  pendingValidations.set(
    uri,
    setTimeout(() => {
      pendingValidations.delete(uri);
      void validate(uri).catch(logError(`validate ${uri}`));
    }, delayMs),
  );
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  const source = document && toSource(document);
  if (!source) return;
  const settings = await settingsFor(uri);
  // The document may have changed or closed while the settings were fetched.
  if (documents.get(uri)?.version !== source.version) return;
  let diagnostics: Diagnostic[];
  try {
    const analysis = service.analyze(source, settings.analysis);
    diagnostics = analysis.findings.map(toDiagnostic);
    reportConfigProblems(analysis.config.problems);
  } catch (error) {
    logError(`analyze ${uri}`)(error);
    diagnostics = [];
  }
  await connection.sendDiagnostics({ uri, version: source.version, diagnostics });
}

/** Tells the user once about each mistake in a `.dockhand.yaml` or `.hadolint.yaml`. */
function reportConfigProblems(problems: readonly { file: string; message: string }[]): void {
  for (const problem of problems) {
    const text = `${problem.file}: ${problem.message}`;
    if (reportedConfigProblems.has(text)) continue;
    reportedConfigProblems.add(text);
    connection.console.warn(`[dockhand] configuration: ${text}`);
    connection.window.showWarningMessage(`Dockhand configuration: ${text}`);
  }
}

function toSource(document: TextDocument): SourceDocument | undefined {
  const fileName = fileNameOf(document.uri);
  const kind = detectKind(document.languageId, fileName);
  if (!kind) return undefined;
  const path = document.uri.startsWith('file:') ? toCorePath(fileURLToPath(document.uri)) : undefined;
  return { uri: document.uri, kind, version: document.version, text: document.getText(), ...(path !== undefined && { path }) };
}

function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: lspSeverity[finding.severity],
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    source: 'dockhand',
    message: finding.message,
  };
}

function settingsFor(uri: string): Promise<ServerSettings> {
  if (!clientHasConfiguration) return Promise.resolve(initialSettings);
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'dockhand' })
      .then((value: unknown) => readServerSettings(value, undefined, initialSettings))
      .catch((error: unknown) => {
        logError('workspace/configuration')(error);
        return initialSettings;
      });
    settingsCache.set(uri, settings);
  }
  return settings;
}

/** Wraps a request handler so that an exception is logged and answered with null. */
function guarded<P, R>(name: string, handler: (params: P) => Promise<R | null>): (params: P) => Promise<R | null> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      logError(name)(error);
      return null;
    }
  };
}

function logError(context: string): (error: unknown) => void {
  return (error) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`[dockhand] ${context}: ${detail}`);
  };
}

function serverVersion(): string {
  return typeof DOCKHAND_VERSION === 'string' ? DOCKHAND_VERSION : '0.0.0-dev';
}

declare const DOCKHAND_VERSION: string | undefined;

export type { AnalysisSettings };
