import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, DocumentLink, SemanticTokens, SignatureHelp, TextEdit } from 'vscode-languageserver-types';
import { LspClient, serverPath } from '../helpers/lsp-client';

const uri = 'file:///work/features/Dockerfile';
const text = [
  'from python:3.12-slim   as build',
  'run --mount=type=cache,target=/root/.cache/pip \\',
  '  pip install -r requirements.txt',
  'FROM gcr.io/distroless/python3-debian12:nonroot',
  'COPY --from=build /app /app',
  '',
].join('\n');

describe('Dockerfile language features over stdio', () => {
  let client: LspClient;
  let capabilities: Record<string, unknown>;

  before(async () => {
    assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` first');
    client = new LspClient();
    capabilities = ((await client.initialize()) as { capabilities: Record<string, unknown> }).capabilities;
    await client.open(uri, 'dockerfile', text);
    await client.diagnosticsFor(uri);
  });

  after(async () => {
    await client.shutdown();
  });

  const request = <T>(method: string, params: Record<string, unknown>): Promise<T> => client.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });

  it('completes a flag over the word being typed, with markdown docs', async () => {
    const result = await request<CompletionItem[] | CompletionList>('textDocument/completion', { position: { line: 4, character: 7 } });
    const items = Array.isArray(result) ? result : result.items;
    const from = items.find((i) => i.label === '--from');
    assert.ok(from, JSON.stringify(items.map((i) => i.label)));
    assert.deepEqual(from.textEdit, { range: { start: { line: 4, character: 5 }, end: { line: 4, character: 11 } }, newText: '--from' });
    assert.equal((from.documentation as { kind: string }).kind, 'markdown');
  });

  it('completes instructions with snippets and a re-trigger command', async () => {
    const result = await request<CompletionItem[] | CompletionList>('textDocument/completion', { position: { line: 5, character: 0 } });
    const items = Array.isArray(result) ? result : result.items;
    const snippet = items.find((i) => i.label === 'RUN --mount=type=cache');
    assert.equal(snippet?.insertTextFormat, 2);
    assert.equal(snippet?.kind, 15);
    assert.equal(items.find((i) => i.label === 'FROM')?.command?.command, 'editor.action.triggerSuggest');
  });

  it('formats the document with minimal edits, and indents after a continuation on type', async () => {
    assert.ok(capabilities['documentFormattingProvider']);
    const edits = await request<TextEdit[]>('textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(edits, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 26 } }, newText: 'FROM python:3.12-slim   AS' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'RUN' },
      { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } }, newText: '  ' },
    ]);
    const onType = await request<TextEdit[]>('textDocument/onTypeFormatting', { position: { line: 2, character: 0 }, ch: '\n', options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(onType, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, newText: '    ' }]);
  });

  it('returns semantic tokens in the advertised legend', async () => {
    const legend = (capabilities['semanticTokensProvider'] as { legend: { tokenTypes: string[] } }).legend;
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', {});
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    assert.deepEqual(tokens.data.slice(0, 5), [0, 0, 4, legend.tokenTypes.indexOf('keyword'), 0]);
  });

  it('shows the signature of COPY with the active parameter', async () => {
    const help = await request<SignatureHelp>('textDocument/signatureHelp', { position: { line: 4, character: 23 } });
    assert.match(help.signatures[0]!.label, /^COPY \[--from=<stage>\]/);
    const parameter = help.signatures[0]!.parameters![help.activeParameter!]!;
    assert.equal(parameter.label, '<dest>');
  });

  it('links base images to their registry pages', async () => {
    const links = await request<DocumentLink[]>('textDocument/documentLink', {});
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [[0, 'https://hub.docker.com/_/python']],
    );
    assert.match(links[0]!.tooltip ?? '', /Docker Hub/);
  });
});
