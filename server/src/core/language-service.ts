import { ComposeModel } from './compose/model';
import { composeRules } from './compose/rules';
import type { DocumentKind } from './document-kind';
import { instructionHoverMarkdown } from './dockerfile/instruction-docs';
import { DockerfileModel } from './dockerfile/model';
import { dockerfileRules } from './dockerfile/rules';
import { type FileAccess, noFileAccess } from './files';
import { type RuleSettings, runRules } from './rules/engine';
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

export type Analysis =
  | { kind: 'dockerfile'; model: DockerfileModel; findings: Finding[] }
  | { kind: 'compose'; model: ComposeModel; findings: Finding[] };

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

  constructor(readonly files: FileAccess) {}

  analyze(document: SourceDocument, settings: AnalysisSettings = defaultSettings): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === document.text && cached.settings === settings) {
      return cached.analysis;
    }
    const analysis = analyzeText(document.kind, document.text, settings, { files: this.files, path: document.path });
    this.cache.set(document.uri, { version: document.version, text: document.text, settings, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
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
}

/** Analyses one text. Without a context, the document is treated as having no neighbours. */
export function analyzeText(kind: DocumentKind, text: string, settings: AnalysisSettings = defaultSettings, context: AnalysisContext = { files: noFileAccess, path: undefined }): Analysis {
  const options = { settings: settings.rules, ...context };
  if (kind === 'dockerfile') {
    const model = new DockerfileModel(text);
    return { kind, model, findings: runRules(dockerfileRules, model, options) };
  }
  const model = new ComposeModel(text);
  return { kind, model, findings: runRules(composeRules, model, options) };
}
