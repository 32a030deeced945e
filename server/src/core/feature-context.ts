import type { CodeAction, CompletionItem, DocumentLink, DocumentSymbol, FoldingRange, FormattingOptions, Highlight, Hover, Location, PrepareRename, SignatureHelp, WorkspaceEdit } from './features';
import type { Analysis, LanguageService, SourceDocument } from './language-service';
import type { Position, Range, TextEdit } from './text';

/** What every feature gets: the document, its analysis (computed once per version) and the service. */
export interface FeatureContext {
  document: SourceDocument;
  analysis: Analysis;
  /** For cross-file features: other documents' analyses, configuration, file access. */
  service: LanguageService;
}

export type DockerfileContext = FeatureContext & { analysis: Extract<Analysis, { kind: 'dockerfile' }> };
export type ComposeContext = FeatureContext & { analysis: Extract<Analysis, { kind: 'compose' }> };

/** The features one document kind implements; each lives in its own module (`dockerfile/hover.ts`). */
export interface LanguageFeatures<Context extends FeatureContext> {
  hover?(context: Context, position: Position): Hover | undefined;
  codeActions?(context: Context, range: Range): CodeAction[];
  completion?(context: Context, position: Position): CompletionItem[];
  documentSymbols?(context: Context): DocumentSymbol[];
  definition?(context: Context, position: Position): Location[];
  references?(context: Context, position: Position, includeDeclaration: boolean): Location[];
  documentHighlights?(context: Context, position: Position): Highlight[];
  prepareRename?(context: Context, position: Position): PrepareRename | undefined;
  rename?(context: Context, position: Position, newName: string): WorkspaceEdit | string | undefined;
  foldingRanges?(context: Context): FoldingRange[];
  documentLinks?(context: Context): DocumentLink[];
  signatureHelp?(context: Context, position: Position): SignatureHelp | undefined;
  semanticTokens?(context: Context): number[];
  format?(context: Context, options: FormattingOptions, range: Range | undefined): TextEdit[];
  formatOnType?(context: Context, position: Position, character: string, options: FormattingOptions): TextEdit[];
}
