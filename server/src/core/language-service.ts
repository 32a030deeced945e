import { ComposeModel } from './compose/model';
import { composeRules } from './compose/rules';
import type { DocumentKind } from './document-kind';
import { DockerfileModel } from './dockerfile/model';
import { dockerfileRules } from './dockerfile/rules';
import { type FileAccess, noFileAccess } from './files';
import { emptyConfig, loadProjectConfig, type ProjectConfig } from './config';
import { dockerfileSuppressions } from './dockerfile/suppressions';
import { dirname } from './paths';
import { oversizeAnalysis } from './oversize';
import { type RuleSettings, runRules } from './rules/engine';
import { applySuppressions, type Suppression, yamlSuppressions } from './rules/suppressions';
import { type Finding } from './rules/rule';
import { composeFeatures } from './compose/features';
import { type BuildingService, servicesBuilding } from './compose/builders';
import { dockerfileFeatures, dockerfileHover } from './dockerfile/features';
import { fixActions, ignoreActions, suppressionHover } from './common-features';
import type { CodeAction, CompletionItem, DocumentLink, DocumentSymbol, FoldingRange, FormattingOptions, Highlight, Hover, Location, PrepareRename, SignatureHelp, WorkspaceEdit } from './features';
import type { ComposeContext, DockerfileContext, FeatureContext, LanguageFeatures } from './feature-context';
import type { Position, Range, TextEdit } from './text';

export interface SourceDocument {
  /** Identifies the document in the cache (an LSP URI, or a file path in the CLI). */
  uri: string;
  /** Absolute forward-slash path when the document is a file on disk, for reading its neighbours. */
  path?: string;
  kind: DocumentKind;
  version: number;
  text: string;
}

export interface AnalysisSettings {
  rules: RuleSettings;
  /** Formatting preferences (`dockhand.format.*`). */
  formatting?: Partial<Pick<FormattingOptions, 'uppercaseKeywords' | 'continuationIndent' | 'compose'>>;
}

export const defaultSettings: AnalysisSettings = { rules: {} };

interface AnalysisResult {
  /** What the editor shows: enabled rules, severities from configuration, suppressions applied. */
  findings: Finding[];
  /** Findings that a suppression comment or `# check=skip` removed. */
  suppressed: Finding[];
  suppressions: Suppression[];
  config: ProjectConfig;
}

export type Analysis = ({ kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; model: ComposeModel }) & AnalysisResult;


/**
 * The core's entry point for every face: analyses documents once per version
 * and answers language-feature questions from that analysis.
 */
export class LanguageService {
  private readonly cache = new Map<string, { version: number; text: string; settings: AnalysisSettings; analysis: Analysis }>();

  /**
   * @param files how neighbours of a document are read
   * @param fixedConfig a configuration to use for every document instead of the
   *   `.dockhand.yaml` / `.hadolint.yaml` found upward (the CLI's `--config`)
   */
  constructor(
    readonly files: FileAccess,
    private readonly fixedConfig?: ProjectConfig,
  ) {}

  analyze(document: SourceDocument, settings: AnalysisSettings = defaultSettings): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === document.text && cached.settings === settings) {
      return cached.analysis;
    }
    const config = document.path === undefined ? emptyConfig : this.configFor(dirname(document.path));
    // The previous version's model: a compose edit parses again only the entry it changed.
    const previous = cached?.analysis.kind === 'compose' && document.kind === 'compose' ? cached.analysis.model : undefined;
    const analysis = analyzeText(document.kind, document.text, settings, { files: this.files, path: document.path, config, previous });
    this.cache.set(document.uri, { version: document.version, text: document.text, settings, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private readonly configs = new Map<string, ProjectConfig>();

  /** The merged `.dockhand.yaml` / `.hadolint.yaml` for a folder, read once until invalidated. */
  configFor(folder: string): ProjectConfig {
    if (this.fixedConfig) return this.fixedConfig;
    let config = this.configs.get(folder);
    if (!config) {
      config = loadProjectConfig(this.files, folder);
      this.configs.set(folder, config);
    }
    return config;
  }

  /** Call when a configuration file changes; cached analyses are recomputed on next use. */
  invalidateConfig(): void {
    this.configs.clear();
    this.cache.clear();
    this.building.clear();
  }

  private readonly building = new Map<string, readonly BuildingService[]>();

  /**
   * The compose services near a Dockerfile that build it (for its hovers,
   * references and renames), read once until `filesChanged`: each look lists
   * folders and reads every compose file in them.
   */
  servicesBuilding(dockerfilePath: string): readonly BuildingService[] {
    let found = this.building.get(dockerfilePath);
    if (!found) {
      found = servicesBuilding(this.files, dockerfilePath);
      this.building.set(dockerfilePath, found);
    }
    return found;
  }

  /**
   * Call when a file that features of other documents read may have changed:
   * an open document's text (opened, edited, closed) or a file on disk.
   */
  filesChanged(): void {
    this.building.clear();
  }

  /** A document's analysis together with what features need besides it. */
  context(document: SourceDocument, settings?: AnalysisSettings): FeatureContext {
    return { document, analysis: this.analyze(document, settings), service: this };
  }

  hover(document: SourceDocument, position: Position, settings?: AnalysisSettings): Hover | undefined {
    const context = this.context(document, settings);
    return suppressionHover(context, position) ?? (context.analysis.kind === 'dockerfile' ? dockerfileHover(context as DockerfileContext, position) : composeFeatures.hover?.(context as ComposeContext, position));
  }

  /** `extraFindings`: an external linter's (ShellCheck's), shown with the document's, to ignore like them. */
  codeActions(document: SourceDocument, range: Range, settings?: AnalysisSettings, extraFindings: readonly Finding[] = []): CodeAction[] {
    const context = this.context(document, settings);
    const languageActions = context.analysis.kind === 'dockerfile' ? dockerfileFeatures.codeActions?.(context as DockerfileContext, range) : composeFeatures.codeActions?.(context as ComposeContext, range);
    return [...fixActions(context, range), ...(languageActions ?? []), ...ignoreActions(context, range, extraFindings)];
  }

  completion(document: SourceDocument, position: Position, settings?: AnalysisSettings): CompletionItem[] {
    return this.dispatch(document, settings, 'completion', position) ?? [];
  }

  documentSymbols(document: SourceDocument, settings?: AnalysisSettings): DocumentSymbol[] {
    return this.dispatch(document, settings, 'documentSymbols') ?? [];
  }

  definition(document: SourceDocument, position: Position, settings?: AnalysisSettings): Location[] {
    return this.dispatch(document, settings, 'definition', position) ?? [];
  }

  references(document: SourceDocument, position: Position, includeDeclaration: boolean, settings?: AnalysisSettings): Location[] {
    return this.dispatch(document, settings, 'references', position, includeDeclaration) ?? [];
  }

  documentHighlights(document: SourceDocument, position: Position, settings?: AnalysisSettings): Highlight[] {
    return this.dispatch(document, settings, 'documentHighlights', position) ?? [];
  }

  prepareRename(document: SourceDocument, position: Position, settings?: AnalysisSettings): PrepareRename | undefined {
    return this.dispatch(document, settings, 'prepareRename', position);
  }

  /** The edits of a rename, or a message saying why the new name is not allowed. */
  rename(document: SourceDocument, position: Position, newName: string, settings?: AnalysisSettings): WorkspaceEdit | string | undefined {
    return this.dispatch(document, settings, 'rename', position, newName);
  }

  foldingRanges(document: SourceDocument, settings?: AnalysisSettings): FoldingRange[] {
    return this.dispatch(document, settings, 'foldingRanges') ?? [];
  }

  documentLinks(document: SourceDocument, settings?: AnalysisSettings): DocumentLink[] {
    return this.dispatch(document, settings, 'documentLinks') ?? [];
  }

  signatureHelp(document: SourceDocument, position: Position, settings?: AnalysisSettings): SignatureHelp | undefined {
    return this.dispatch(document, settings, 'signatureHelp', position);
  }

  /** Semantic tokens in LSP's relative encoding, with `semanticTokenLegend`. */
  semanticTokens(document: SourceDocument, settings?: AnalysisSettings): number[] {
    return this.dispatch(document, settings, 'semanticTokens') ?? [];
  }

  format(document: SourceDocument, options: FormattingOptions, range?: Range, settings?: AnalysisSettings): TextEdit[] {
    return this.dispatch(document, settings, 'format', options, range) ?? [];
  }

  formatOnType(document: SourceDocument, position: Position, character: string, options: FormattingOptions, settings?: AnalysisSettings): TextEdit[] {
    return this.dispatch(document, settings, 'formatOnType', position, character, options) ?? [];
  }

  private dispatch<K extends keyof LanguageFeatures<DockerfileContext>>(
    document: SourceDocument,
    settings: AnalysisSettings | undefined,
    feature: K,
    ...args: DropFirst<Parameters<NonNullable<LanguageFeatures<DockerfileContext>[K]>>>
  ): ReturnType<NonNullable<LanguageFeatures<DockerfileContext>[K]>> | undefined {
    const context = this.context(document, settings);
    const features = (context.analysis.kind === 'dockerfile' ? dockerfileFeatures : composeFeatures) as unknown as Record<K, ((context: FeatureContext, ...rest: unknown[]) => unknown) | undefined>;
    const handler = features[feature];
    return handler ? (handler(context, ...args) as ReturnType<NonNullable<LanguageFeatures<DockerfileContext>[K]>>) : undefined;
  }
}

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;

export interface AnalysisContext {
  files: FileAccess;
  /** Absolute forward-slash path of the document, when it is a file on disk. */
  path: string | undefined;
  /** `.dockhand.yaml` / `.hadolint.yaml` for the document's folder. */
  config?: ProjectConfig;
  /** The model of the document's previous version, whose unchanged parts may be reused (compose files). */
  previous?: ComposeModel;
}

/**
 * The project's rule settings overridden by the editor's. Without project
 * settings (the usual case), the editor's object itself: rules only read it,
 * and copying its 100-odd entries for every analysis showed in profiles.
 */
function ruleSettings(project: RuleSettings, editor: RuleSettings): RuleSettings {
  return Object.keys(project).length === 0 && editor ? editor : { ...project, ...editor };
}

/**
 * Analyses one text. Rule severities come from the rule defaults, then the
 * project configuration, then `settings` (editor settings or CLI flags).
 * Without a context, the document is treated as having no neighbours.
 */
export function analyzeText(kind: DocumentKind, text: string, settings: AnalysisSettings = defaultSettings, context: AnalysisContext = { files: noFileAccess, path: undefined }): Analysis {
  const config = context.config ?? emptyConfig;
  const options = { settings: ruleSettings(config.rules, settings.rules), files: context.files, path: context.path, options: config.options };
  // A file over the limits is not parsed: one finding, and features see an empty model.
  const oversize = oversizeAnalysis(kind, text, options.settings);
  if (oversize) return kind === 'dockerfile' ? { kind, model: new DockerfileModel(''), ...oversize, config } : { kind, model: new ComposeModel(''), ...oversize, config };
  if (kind === 'dockerfile') {
    const model = new DockerfileModel(text);
    const all = runRules(dockerfileRules, model, options);
    const suppressions = dockerfileSuppressions(model);
    const check = model.directives.check;
    const effect = check && { skip: check.skip, error: check.error, range: check.directive.range };
    return { kind, model, ...applySuppressions(all, suppressions, effect), suppressions, config };
  }
  const model = new ComposeModel(text, context.previous);
  const suppressions = yamlSuppressions(model.lines);
  return { kind, model, ...applySuppressions(runRules(composeRules, model, options), suppressions, undefined), suppressions, config };
}
