// Dockhand's own LSP requests (typed once in protocol.ts, used by the client too).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, LanguageService, SourceDocument } from './core';
import { loadAnalysis } from './load-analysis';
import {
  type DocumentParams,
  type DocumentStatus,
  DocumentStatusRequest,
  type EffectiveConfiguration,
  type RequestDefinition,
  EffectiveConfigurationRequest,
  type ShellcheckStatus,
  type StageConfiguration,
} from './protocol';
import type { ServerSettings } from './settings';

export interface ServerParts {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The language service, created on first use. */
  service(): LanguageService;
  toSource(document: TextDocument): SourceDocument | undefined;
  settingsFor(uri: string): Promise<ServerSettings>;
  log(context: string): (error: unknown) => void;
  /** ShellCheck's state for a document and its findings shown now (server/src/shellcheck-runner.ts). */
  shellcheck?(source: SourceDocument, analysis: Analysis, settings: ServerSettings): ShellcheckPart;
}

export interface ShellcheckPart {
  status: ShellcheckStatus | null;
  findings: readonly Finding[];
}

/** Registers the custom requests; each handler fetches the document and calls the core, as the standard ones do. */
export function registerCustomRequests(parts: ServerParts): void {
  onDocumentRequest(parts, EffectiveConfigurationRequest, (analysis, source) => (analysis.kind === 'dockerfile' ? effectiveConfiguration(source.uri, analysis) : null));
  onDocumentRequest(parts, DocumentStatusRequest, (analysis, source, settings) => documentStatus(source.uri, analysis, settings, parts.shellcheck?.(source, analysis, settings)));
}

/**
 * Registers a request about one open document, answering null for a document
 * that is not open or not ours, and for an exception (which is logged).
 */
function onDocumentRequest<R>(
  parts: ServerParts,
  type: RequestDefinition<DocumentParams, R | null>,
  handler: (analysis: Analysis, source: SourceDocument, settings: ServerSettings) => R | null,
): void {
  parts.connection.onRequest(type.method, async (params: DocumentParams): Promise<R | null> => {
    const uri: unknown = (params as Partial<DocumentParams> | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') return null;
    try {
      const document = parts.documents.get(uri);
      const source = document && parts.toSource(document);
      if (!source) return null;
      const settings = await parts.settingsFor(source.uri);
      return handler(parts.service().analyze(source, settings.analysis), source, settings);
    } catch (error) {
      parts.log(type.method)(error);
      return null;
    }
  });
}

type DockerfileAnalysis = Extract<Analysis, { kind: 'dockerfile' }>;

/** Each stage as its container would see it: the final USER, WORKDIR, ENV, ports and command. */
export function effectiveConfiguration(uri: string, analysis: DockerfileAnalysis): EffectiveConfiguration {
  const model = analysis.model;
  const last = model.stages[model.stages.length - 1];
  const stages = model.stages.map((stage): StageConfiguration => {
    const state = model.finalState(stage);
    const env = [...model.variables.finalEnv(stage).values()].map((definition) => ({
      name: definition.name,
      value: definition.resolvedValue ?? definition.value ?? '',
      line: definition.instruction.getRange().start.line,
    }));
    const dependsOn = [...new Set(model.stageLinks.filter((link) => link.user === stage).map((link) => link.used.name ?? `#${link.used.index}`))];
    const command = state.commandsFromBaseImage && !state.cmd && !state.entrypoint ? null : (loadAnalysis().effectiveCommandLine(state) ?? null);
    return {
      index: stage.index,
      name: stage.name ?? null,
      base: stage.baseText,
      line: stage.from.getRange().start.line,
      isFinal: stage === last,
      dependsOn,
      user: state.user?.value ?? null,
      workdir: state.workdir?.value ?? null,
      env,
      ports: state.exposes.map((expose) => expose.port),
      entrypoint: state.entrypoint?.argv ?? null,
      cmd: state.cmd?.argv ?? null,
      command,
      commandFromBaseImage: state.commandsFromBaseImage,
      healthcheck: state.healthcheck !== undefined && !/^\s*NONE\s*$/i.test(state.healthcheck.getArgumentsContent() ?? ''),
    };
  });
  return { uri, stages };
}

/** What the language status item shows: rules that run, problems (ShellCheck's too), and what configuration hides. */
export function documentStatus(uri: string, analysis: Analysis, settings: ServerSettings, shellcheck: ShellcheckPart = { status: null, findings: [] }): DocumentStatus {
  const rules = loadAnalysis().allRules.filter((rule) => rule.language === analysis.kind);
  const configured = { ...analysis.config.rules, ...settings.userRules };
  const enabled = settings.enabled[analysis.kind];
  let enabledRules = 0;
  let rulesOffByConfiguration = 0;
  for (const rule of rules) {
    const byDefault = rule.enabledByDefault === false ? 'off' : rule.defaultSeverity;
    const severity = configured[rule.id] ?? byDefault;
    if (severity !== 'off' && enabled) enabledRules++;
    if (severity === 'off' && byDefault !== 'off') rulesOffByConfiguration++;
  }
  const problems = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of [...analysis.findings, ...shellcheck.findings]) problems[finding.severity]++;
  return {
    uri,
    kind: analysis.kind,
    enabled,
    enabledRules,
    totalRules: rules.length,
    rulesOffByConfiguration,
    problems,
    suppressed: analysis.suppressed.length,
    configFiles: [...analysis.config.sources],
    shellcheck: shellcheck.status,
  };
}
