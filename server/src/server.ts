// The language server: adapts the core to LSP. Run `node dist/server.js --stdio`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type CodeActionParams,
  CodeActionKind,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentHighlightParams,
  type DocumentOnTypeFormattingParams,
  type DocumentRangeFormattingParams,
  ErrorCodes,
  type HoverParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  ResponseError,
  type SignatureHelpParams,
  createConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalysisSettings, LanguageService, SourceDocument } from './core';
import { detectKind, isComposeFileName } from './core/document-kind';
import { semanticTokenLegend } from './core/semantic-tokens';
import { formattingOptions, toDiagnostic, highlightKind, toLspCodeAction, toLspCompletion, toLspHover, toLspLocation, toLspSignatureHelp, toLspSymbol, toLspWorkspaceEdit } from './convert';
import { registerCustomRequests } from './custom-requests';
import { loadAnalysis } from './load-analysis';
import { overlayFileAccess } from './node/overlay-file-access';
import { nodeFileAccess, toCorePath } from './node/file-access';
import { readServerSettings, type ServerSettings, defaultServerSettings } from './settings';
import { attachShellcheck, trustFromInitializationOptions } from './shellcheck-runner';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let languageService: LanguageService | undefined;
/** Cancels each document's scheduled validation. */
const pendingValidations = new Map<string, () => void>();
// DOCKHAND_TRACE_TIMING=1: when each document's latest edit arrived, for a log line per publish (see logTiming).
const editArrivals = process.env['DOCKHAND_TRACE_TIMING'] === '1' ? new Map<string, number>() : undefined;
const settingsCache = new Map<string, Promise<ServerSettings>>();

let clientHasConfiguration = false;
let clientWatchesFiles = false;
const reportedConfigProblems = new Set<string>();
let initialSettings: ServerSettings = defaultServerSettings;
const shellcheck = attachShellcheck(connection, documents, {
  currentVersion: (uri) => documents.get(uri)?.version,
  revalidate: (uri) => {
    const document = documents.get(uri);
    if (document) scheduleValidation(document, 0);
  },
  log: (message) => connection.console.info(`[dockhand] ${message}`),
  warn: (message) => {
    connection.console.warn(`[dockhand] ${message}`);
    connection.window.showWarningMessage(`Dockhand: ${message}`);
  },
});

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientHasConfiguration = params.capabilities.workspace?.configuration === true;
  clientWatchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  initialSettings = readServerSettings(undefined, params.initializationOptions);
  shellcheck.trust = trustFromInitializationOptions(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite, CodeActionKind.RefactorExtract] },
      completionProvider: { triggerCharacters: ['$', '{', '-', '=', ':', ' ', '/', '#', ','], resolveProvider: false },
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport === true ? { prepareProvider: true } : true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: [','] },
      semanticTokensProvider: { legend: semanticTokenLegend, full: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
    },
    serverInfo: { name: 'dockhand', version: serverVersion() },
  };
});

connection.onInitialized(() => {
  // The core was left out of startup so that initialize is answered sooner; load it before the first document comes.
  setImmediate(service);
  if (clientHasConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockhand' }).catch(logError('register configuration'));
  }
  if (clientWatchesFiles) {
    // Configuration files and the neighbours rules read: re-analyse when they change. Compose files: Dockerfile features read them.
    const watchers = ['**/.dockhand.{yaml,yml}', '**/.hadolint.{yaml,yml}', '**/.dockerignore', '**/*.dockerignore', '**/.env', '**/*compose*.{yaml,yml}'].map((globPattern) => ({ globPattern }));
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(logError('register file watchers'));
  }
});

connection.onDidChangeWatchedFiles((params) => {
  // A compose file on disk: only what Dockerfiles read from compose files is recomputed.
  const changes = Array.isArray(params?.changes) ? (params.changes as ({ uri?: unknown } | null)[]) : [];
  if (changes.length > 0 && changes.every((change) => typeof change?.uri === 'string' && isComposeFileName(fileNameOf(change.uri)))) {
    languageService?.filesChanged();
    return;
  }
  languageService?.invalidateConfig();
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
  // Opened or edited: other documents' features read open documents' text before the disk (overlayFileAccess).
  languageService?.filesChanged();
  editArrivals?.set(event.document.uri, performance.now());
  void settingsFor(event.document.uri)
    .then((settings) => scheduleValidation(event.document, settings.validationDelayMs))
    .catch(logError('settings'));
});
documents.onDidClose((event) => {
  const uri = event.document.uri;
  pendingValidations.get(uri)?.();
  pendingValidations.delete(uri);
  settingsCache.delete(uri);
  languageService?.forget(uri);
  languageService?.filesChanged();
  void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(logError('clear diagnostics'));
});

// One line per LSP method: fetch the document, call one core function, convert.
connection.onHover(withDocument('hover', (source, settings, params: HoverParams) => toLspHover(service().hover(source, params.position, settings))));
connection.onCodeAction(withDocument('codeAction', (source, settings, params: CodeActionParams) => service().codeActions(source, params.range, settings, shellcheck.publishedFindings(source.uri, source.version)).map((a) => toLspCodeAction(source, a))));
connection.onCompletion(withDocument('completion', (source, settings, params: CompletionParams) => service().completion(source, params.position, settings).map(toLspCompletion)));
connection.onDocumentSymbol(withDocument('documentSymbol', (source, settings) => service().documentSymbols(source, settings).map(toLspSymbol)));
connection.onDefinition(withDocument('definition', (source, settings, params: DefinitionParams) => service().definition(source, params.position, settings).map(toLspLocation)));
connection.onReferences(withDocument('references', (source, settings, params: ReferenceParams) => service().references(source, params.position, params.context.includeDeclaration, settings).map(toLspLocation)));
connection.onDocumentHighlight(withDocument('documentHighlight', (source, settings, params: DocumentHighlightParams) => service().documentHighlights(source, params.position, settings).map((h) => ({ range: h.range, kind: highlightKind[h.kind] }))));
connection.onPrepareRename(withDocument('prepareRename', (source, settings, params: PrepareRenameParams) => service().prepareRename(source, params.position, settings) ?? null));
connection.onRenameRequest(withDocument('rename', (source, settings, params: RenameParams) => {
  const result = service().rename(source, params.position, params.newName, settings);
  if (typeof result === 'string') throw new ResponseError(ErrorCodes.InvalidRequest, result);
  return result ? toLspWorkspaceEdit(source, result.changes) : null;
}));
connection.onFoldingRanges(withDocument('foldingRange', (source, settings) => service().foldingRanges(source, settings)));
connection.onDocumentLinks(withDocument('documentLink', (source, settings) => service().documentLinks(source, settings).map((l) => ({ range: l.range, target: /^[a-z]+:/i.test(l.target) ? l.target : pathToFileURL(l.target).href, ...(l.tooltip !== undefined && { tooltip: l.tooltip }) }))));
connection.onSignatureHelp(withDocument('signatureHelp', (source, settings, params: SignatureHelpParams) => toLspSignatureHelp(service().signatureHelp(source, params.position, settings))));
connection.languages.semanticTokens.on(withDocument('semanticTokens', (source, settings) => ({ data: service().semanticTokens(source, settings) })));
connection.onDocumentFormatting(withDocument('formatting', (source, settings, params: DocumentFormattingParams) => service().format(source, formattingOptions(params.options, settings), undefined, settings)));
connection.onDocumentRangeFormatting(withDocument('rangeFormatting', (source, settings, params: DocumentRangeFormattingParams) => service().format(source, formattingOptions(params.options, settings), params.range, settings)));
connection.onDocumentOnTypeFormatting(withDocument('onTypeFormatting', (source, settings, params: DocumentOnTypeFormattingParams) => service().formatOnType(source, params.position, params.ch, formattingOptions(params.options, settings), settings)));

registerCustomRequests({
  connection, documents, service, toSource, settingsFor, log: logError,
  shellcheck: (source, analysis, settings) => ({ status: shellcheck.status(analysis, settings), findings: shellcheck.publishedFindings(source.uri, source.version) }),
});

documents.listen(inOrderChanges(connection));
connection.listen();

// A last resort: whatever escapes a handler is logged, and the server keeps serving.
process.on('uncaughtException', logError('uncaught exception'));
process.on('unhandledRejection', logError('unhandled rejection'));

/**
 * The document sync of `connection`, minus changes that cannot apply: a
 * didChange whose version is not newer than the document's (a client bug,
 * or a reordered message) would be applied to the wrong text, so it is
 * logged and dropped, and the document stays at its newer version.
 */
function inOrderChanges(connection: Connection): Parameters<TextDocuments<TextDocument>['listen']>[0] {
  return {
    onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument(handler),
    onDidChangeTextDocument: (handler) =>
      connection.onDidChangeTextDocument((params) => {
        const { uri, version } = params.textDocument ?? {};
        const current = typeof uri === 'string' ? documents.get(uri) : undefined;
        if (!current) return;
        if (typeof version !== 'number' || !Array.isArray(params.contentChanges)) {
          connection.console.warn(`[dockhand] ignored a didChange of ${uri} without a version or changes`);
        } else if (version <= current.version) {
          connection.console.warn(`[dockhand] ignored a didChange of ${uri} to version ${version}: the document is already at version ${current.version}`);
        } else {
          try {
            void Promise.resolve(handler(params)).catch(logError(`didChange ${uri}`));
          } catch (error) {
            logError(`didChange ${uri}`)(error);
          }
        }
      }),
    onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument(handler),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
  };
}

/** The language service, created (and the core loaded) on first use. */
function service(): LanguageService {
  // Neighbours are read from the open documents first (unsaved edits count), then from disk.
  languageService ??= new (loadAnalysis().LanguageService)(overlayFileAccess(nodeFileAccess, (path) => openDocumentByPath(path)));
  return languageService;
}

function scheduleValidation(document: TextDocument, delayMs: number): void {
  const uri = document.uri;
  pendingValidations.get(uri)?.();
  const run = (): void => {
    pendingValidations.delete(uri);
    void validate(uri).catch(logError(`validate ${uri}`));
  };
  if (delayMs <= 0) {
    // No delay: after the messages already read (a burst still coalesces), without a timer's 1 ms sleep.
    const immediate = setImmediate(run);
    pendingValidations.set(uri, () => clearImmediate(immediate));
  } else {
    const timer = setTimeout(run, delayMs);
    pendingValidations.set(uri, () => clearTimeout(timer));
  }
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  const source = document && toSource(document);
  if (!source) return;
  const settings = await settingsFor(uri);
  // The document may have changed or closed while the settings were fetched.
  if (documents.get(uri)?.version !== source.version) return;
  const started = performance.now();
  let analysed = started;
  let diagnostics: Diagnostic[];
  let analysis: Analysis | undefined;
  try {
    analysis = service().analyze(source, settings.analysis);
    analysed = performance.now();
    // ShellCheck's findings known for this version now; it runs on the rest after the publish.
    diagnostics = [...analysis.findings, ...shellcheck.findings(source, analysis, settings)].map(toDiagnostic);
    reportConfigProblems(analysis.config.problems);
  } catch (error) {
    logError(`analyze ${uri}`)(error);
    diagnostics = [];
  }
  const converted = performance.now();
  await connection.sendDiagnostics({ uri, version: source.version, diagnostics });
  if (analysis) shellcheck.update(source, analysis, settings);
  if (editArrivals) logTiming(source, { started, analysed, converted, published: performance.now() });
}

/**
 * With DOCKHAND_TRACE_TIMING=1, where the time between an edit's arrival and
 * its diagnostics went: waiting (debounce, settings, other messages), the
 * analysis (0 when a request had already computed it), the conversion to LSP
 * and the publish.
 */
function logTiming(source: SourceDocument, at: Record<'started' | 'analysed' | 'converted' | 'published', number>): void {
  const arrived = editArrivals?.get(source.uri);
  const waited = arrived === undefined ? '' : `waited ${(at.started - arrived).toFixed(2)} ms, `;
  connection.console.log(`[dockhand] timing ${source.uri} v${source.version}: ${waited}analysis ${(at.analysed - at.started).toFixed(2)} ms, conversion ${(at.converted - at.analysed).toFixed(2)} ms, publish ${(at.published - at.converted).toFixed(2)} ms`);
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

function openDocumentByPath(path: string): string | undefined {
  for (const document of documents.all()) {
    if (document.uri.startsWith('file:') && toCorePath(fileURLToPath(document.uri)) === path) return document.getText();
  }
  return undefined;
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

/**
 * Wraps a request handler: checks the parameters (InvalidParams), finds the
 * document (answering null for one that is not open or not ours), fetches its
 * settings, analyses it, then lets queued messages in before answering, so a
 * cancellation (RequestCancelled) or an edit (ContentModified) that arrived
 * during a long analysis is honoured. An exception becomes a log line and a
 * null answer, so that no input can take the server down.
 */
function withDocument<P extends { textDocument: { uri: string } }, R>(
  name: string,
  handler: (source: SourceDocument, settings: AnalysisSettings, params: P) => R,
): (params: P, token: CancellationToken) => Promise<R | null> {
  return async (params, token) => {
    checkParams(params);
    try {
      const document = documents.get(params.textDocument.uri);
      const first = document && toSource(document);
      if (!first) return null;
      const settings = (await settingsFor(first.uri)).analysis;
      if (token.isCancellationRequested) throw cancelled();
      service().analyze(first, settings);
      await letMessagesIn();
      if (token.isCancellationRequested) throw cancelled();
      const source = documents.get(first.uri) && toSource(documents.get(first.uri)!);
      if (!source || source.version !== first.version) throw new ResponseError(LSPErrorCodes.ContentModified, `${first.uri} changed while ${name} was computed`);
      return handler(source, settings, params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logError(name)(error);
      return null;
    }
  };
}

/** The shape every document request shares: InvalidParams rather than an exception deeper down. */
function checkParams(params: unknown): void {
  const record = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : undefined;
  const textDocument = record?.['textDocument'];
  if (typeof textDocument !== 'object' || textDocument === null || typeof (textDocument as Record<string, unknown>)['uri'] !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string');
  }
  if (record && 'position' in record && !isPosition(record['position'])) throw new ResponseError(ErrorCodes.InvalidParams, 'position must be { line, character } with non-negative integers');
  const range = record?.['range'];
  if (record && 'range' in record && !(typeof range === 'object' && range !== null && isPosition((range as Record<string, unknown>)['start']) && isPosition((range as Record<string, unknown>)['end']))) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'range must be { start, end } positions');
  }
}

function isPosition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as Record<string, unknown>;
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/**
 * Two turns of the event loop: the first reads what arrived on the connection
 * during a synchronous analysis, the second lets vscode-jsonrpc dispatch it.
 */
function letMessagesIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
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
