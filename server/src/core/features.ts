// Plain-data shapes of the language features, close to LSP's so the server's
// conversion is trivial, but owned by the core (no LSP runtime import).
import type { Finding } from './rules/rule';
import type { Position, Range, TextEdit } from './text';

export interface Hover {
  markdown: string;
  range: Range;
}

/** A place in this document (`uri`) or in another file (`path`). */
export interface Location {
  uri?: string;
  path?: string;
  range: Range;
}

/** Edits per document: `uri` keys for open documents, absolute paths for other files. */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'refactor.rewrite' | 'refactor.extract' | 'source';
  /** The finding this action fixes, so the editor can link it to its diagnostic. */
  finding?: Finding;
  isPreferred?: boolean;
  /** Edits of this document. */
  edits: TextEdit[];
  /** Edits or new files elsewhere (a `.dockerignore`, the compose file of a Dockerfile). */
  otherFiles?: Record<string, { create?: boolean; edits: TextEdit[] }>;
  /** Why the action cannot apply here, shown instead of running it. */
  disabledReason?: string;
}

export type CompletionKind = 'keyword' | 'property' | 'value' | 'variable' | 'reference' | 'snippet' | 'module' | 'enum' | 'file' | 'constant' | 'class' | 'field';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range` (or the word at the cursor when absent). */
  insertText?: string;
  /** `snippet`: insertText uses `${1:placeholder}` syntax. */
  insertTextFormat?: 'plain' | 'snippet';
  range?: Range;
  sortText?: string;
  filterText?: string;
  /** Re-trigger completion after accepting (e.g. after `--mount=`). */
  retrigger?: boolean;
}

export type SymbolKind = 'stage' | 'instruction' | 'variable' | 'service' | 'network' | 'volume' | 'secret' | 'config' | 'section' | 'key';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface Highlight {
  range: Range;
  kind: 'read' | 'write' | 'text';
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region' | 'imports';
}

export interface DocumentLink {
  range: Range;
  /** A URL or an absolute file path. */
  target: string;
  tooltip?: string;
}

export interface SignatureHelp {
  label: string;
  documentation?: string;
  parameters: { label: string; documentation?: string }[];
  activeParameter: number;
}

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** Dockerfile: instruction keywords in upper case (default true). */
  uppercaseKeywords?: boolean;
  /** Dockerfile: indentation of continuation lines, in spaces (default 4). */
  continuationIndent?: number;
  /** Compose: format compose files at all (default true). */
  compose?: boolean;
}

export interface PrepareRename {
  range: Range;
  placeholder: string;
}

export type { Position, Range, TextEdit };
