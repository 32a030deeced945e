import { ComposeModel } from './compose/model';
import { composeRules } from './compose/rules';
import type { DocumentKind } from './document-kind';
import { instructionHoverMarkdown } from './dockerfile/instruction-docs';
import { DockerfileModel } from './dockerfile/model';
import { dockerfileRules } from './dockerfile/rules';
import { type FileAccess, noFileAccess } from './files';
import { emptyConfig, loadProjectConfig, type ProjectConfig } from './config';
import { dockerfileSuppressions } from './dockerfile/suppressions';
import { dirname } from './paths';
import { type RuleSettings, runRules } from './rules/engine';
import { applySuppressions, type Suppression, yamlSuppressions } from './rules/suppressions';
import { type Finding } from './rules/rule';
import { findRule } from './rules/registry';
import { containsPosition, type Position, type Range, rangesOverlap, type TextEdit } from './text';

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

export interface Hover {
  markdown: string;
  range: Range;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor';
  /** The finding this action fixes, so the editor can link it to its diagnostic. */
  finding?: Finding;
  isPreferred?: boolean;
  edits: TextEdit[];
}

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
    const analysis = analyzeText(document.kind, document.text, settings, { files: this.files, path: document.path, config });
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
  }

  hover(document: SourceDocument, position: Position, settings?: AnalysisSettings): Hover | undefined {
    const analysis = this.analyze(document, settings);
    if (analysis.kind !== 'dockerfile') return undefined;
    const instruction = analysis.model.instructions.find((i) => containsPosition(i.getRange(), position));
    if (!instruction) return undefined;
    const keywordRange = instruction.getInstructionRange();
    if (!containsPosition(keywordRange, position)) return undefined;
    const markdown = instructionHoverMarkdown(instruction.getKeyword());
    return markdown ? { markdown, range: keywordRange } : undefined;
  }

  codeActions(document: SourceDocument, range: Range, settings?: AnalysisSettings): CodeAction[] {
    const analysis = this.analyze(document, settings);
    const actions: CodeAction[] = [];
    for (const finding of analysis.findings) {
      if (!finding.fix || !rangesOverlap(finding.range, range)) continue;
      actions.push({
        title: finding.fix.title,
        kind: 'quickfix',
        finding,
        isPreferred: findRule(finding.rule)?.fixable === 'safe',
        edits: finding.fix.edits,
      });
    }
    return actions;
  }
}

export interface AnalysisContext {
  files: FileAccess;
  /** Absolute forward-slash path of the document, when it is a file on disk. */
  path: string | undefined;
  /** `.dockhand.yaml` / `.hadolint.yaml` for the document's folder. */
  config?: ProjectConfig;
}

/**
 * Analyses one text. Rule severities come from the rule defaults, then the
 * project configuration, then `settings` (editor settings or CLI flags).
 * Without a context, the document is treated as having no neighbours.
 */
export function analyzeText(kind: DocumentKind, text: string, settings: AnalysisSettings = defaultSettings, context: AnalysisContext = { files: noFileAccess, path: undefined }): Analysis {
  const config = context.config ?? emptyConfig;
  const options = { settings: { ...config.rules, ...settings.rules }, files: context.files, path: context.path, options: config.options };
  if (kind === 'dockerfile') {
    const model = new DockerfileModel(text);
    const all = runRules(dockerfileRules, model, options);
    const suppressions = dockerfileSuppressions(model);
    const check = model.directives.check;
    const effect = check && { skip: check.skip, error: check.error, range: check.directive.range };
    return { kind, model, ...applySuppressions(all, suppressions, effect), suppressions, config };
  }
  const model = new ComposeModel(text);
  const suppressions = yamlSuppressions(model.lines);
  return { kind, model, ...applySuppressions(runRules(composeRules, model, options), suppressions, undefined), suppressions, config };
}
