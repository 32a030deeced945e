// Conversions from the core's plain data to LSP types. The only file besides
// server.ts that knows both.
import { pathToFileURL } from 'node:url';
import {
  type CodeAction as LspCodeAction,
  CodeActionKind,
  type CompletionItem as LspCompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  DocumentHighlightKind,
  type DocumentSymbol as LspDocumentSymbol,
  type FormattingOptions as LspFormattingOptions,
  type Hover as LspHover,
  InsertTextFormat,
  type Location as LspLocation,
  type SignatureHelp as LspSignatureHelp,
  SymbolKind,
  type TextEdit,
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import type { AnalysisSettings, Finding, Severity, SourceDocument } from './core';
import { docsUrl } from './core/rules/rule';
import type { CodeAction, CompletionItem, CompletionKind, DocumentSymbol, FormattingOptions, Highlight, Hover, Location, SignatureHelp, SymbolKind as CoreSymbolKind } from './core/features';

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: lspSeverity[finding.severity],
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    source: 'dockhand',
    message: finding.message,
  };
}

export function toLspHover(hover: Hover | undefined): LspHover | null {
  return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
}

/** A path of another file, or this document's URI, as an LSP URI. */
function uriOf(source: SourceDocument, key: string): string {
  if (key === source.uri || /^[a-z][a-z0-9+.-]*:/i.test(key)) return key;
  return pathToFileURL(key).href;
}

export function toLspWorkspaceEdit(source: SourceDocument, changes: Record<string, TextEdit[]>): LspWorkspaceEdit {
  return { changes: Object.fromEntries(Object.entries(changes).map(([key, edits]) => [uriOf(source, key), edits])) };
}

const codeActionKinds: Record<CodeAction['kind'], string> = {
  quickfix: CodeActionKind.QuickFix,
  refactor: CodeActionKind.Refactor,
  'refactor.rewrite': CodeActionKind.RefactorRewrite,
  'refactor.extract': CodeActionKind.RefactorExtract,
  source: CodeActionKind.Source,
};

export function toLspCodeAction(source: SourceDocument, action: CodeAction): LspCodeAction {
  const result: LspCodeAction = { title: action.title, kind: codeActionKinds[action.kind] };
  if (action.finding) result.diagnostics = [toDiagnostic(action.finding)];
  if (action.isPreferred !== undefined) result.isPreferred = action.isPreferred;
  if (action.disabledReason !== undefined) {
    result.disabled = { reason: action.disabledReason };
    return result;
  }
  const others = Object.entries(action.otherFiles ?? {});
  if (others.some(([, change]) => change.create)) {
    // New files need documentChanges: create, then edit.
    result.edit = {
      documentChanges: [
        { textDocument: { uri: source.uri, version: source.version }, edits: action.edits },
        ...others.flatMap(([path, change]) => {
          const uri = uriOf(source, path);
          return [...(change.create ? [{ kind: 'create' as const, uri, options: { ignoreIfExists: true } }] : []), { textDocument: { uri, version: null }, edits: change.edits }];
        }),
      ],
    };
  } else {
    result.edit = toLspWorkspaceEdit(source, { [source.uri]: action.edits, ...Object.fromEntries(others.map(([path, change]) => [path, change.edits])) });
  }
  return result;
}

const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  module: CompletionItemKind.Module,
  enum: CompletionItemKind.EnumMember,
  file: CompletionItemKind.File,
  constant: CompletionItemKind.Constant,
  class: CompletionItemKind.Class,
  field: CompletionItemKind.Field,
};

export function toLspCompletion(item: CompletionItem): LspCompletionItem {
  const result: LspCompletionItem = { label: item.label, kind: completionKinds[item.kind] };
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation !== undefined) result.documentation = { kind: 'markdown', value: item.documentation };
  if (item.insertTextFormat === 'snippet') result.insertTextFormat = InsertTextFormat.Snippet;
  if (item.range && item.insertText !== undefined) result.textEdit = { range: item.range, newText: item.insertText };
  else if (item.insertText !== undefined) result.insertText = item.insertText;
  if (item.sortText !== undefined) result.sortText = item.sortText;
  if (item.filterText !== undefined) result.filterText = item.filterText;
  if (item.retrigger) result.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return result;
}

const symbolKinds: Record<CoreSymbolKind, SymbolKind> = {
  stage: SymbolKind.Class,
  instruction: SymbolKind.Function,
  variable: SymbolKind.Variable,
  service: SymbolKind.Module,
  network: SymbolKind.Interface,
  volume: SymbolKind.Package,
  secret: SymbolKind.Key,
  config: SymbolKind.File,
  section: SymbolKind.Namespace,
  key: SymbolKind.Property,
};

export function toLspSymbol(symbol: DocumentSymbol): LspDocumentSymbol {
  return {
    name: symbol.name,
    kind: symbolKinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    ...(symbol.detail !== undefined && { detail: symbol.detail }),
    ...(symbol.children && { children: symbol.children.map(toLspSymbol) }),
  };
}

export function toLspLocation(location: Location): LspLocation {
  return { uri: location.uri ?? pathToFileURL(location.path ?? '/').href, range: location.range };
}

export const highlightKind: Record<Highlight['kind'], DocumentHighlightKind> = {
  read: DocumentHighlightKind.Read,
  write: DocumentHighlightKind.Write,
  text: DocumentHighlightKind.Text,
};

export function toLspSignatureHelp(help: SignatureHelp | undefined): LspSignatureHelp | null {
  if (!help) return null;
  return {
    signatures: [
      {
        label: help.label,
        ...(help.documentation !== undefined && { documentation: { kind: 'markdown', value: help.documentation } }),
        parameters: help.parameters.map((p) => ({ label: p.label, ...(p.documentation !== undefined && { documentation: { kind: 'markdown' as const, value: p.documentation } }) })),
      },
    ],
    activeSignature: 0,
    activeParameter: help.activeParameter,
  };
}

export function formattingOptions(options: LspFormattingOptions, settings: AnalysisSettings): FormattingOptions {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces, ...settings.formatting };
}
