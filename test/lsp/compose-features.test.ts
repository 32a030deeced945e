import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, DocumentHighlight, Hover, Location, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient, serverPath } from '../helpers/lsp-client';

const dockerfile = 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base AS dev\nCMD ["npm", "run", "dev"]\nFROM base AS prod\nARG NODE_ENV=production\nCMD ["node", "server.js"]\n';
const compose = 'x-common: &common\n  restart: unless-stopped\nservices:\n  web:\n    <<: *common\n    build:\n      context: ./app\n      target: prod\n      args:\n        NODE_ENV: production\n    depends_on: [db]\n  db:\n     image: postgres:17   \n';

describe('compose language features over stdio', () => {
  let client: LspClient;
  let folder: string;
  let composeUri: string;
  let dockerfileUri: string;

  before(async () => {
    assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` first');
    folder = fs.realpathSync(fs.mkdtempSync(`${os.tmpdir()}/dockhand-lsp-compose-`));
    fs.mkdirSync(`${folder}/app`);
    fs.writeFileSync(`${folder}/app/Dockerfile`, dockerfile);
    fs.writeFileSync(`${folder}/compose.yaml`, compose);
    composeUri = pathToFileURL(`${folder}/compose.yaml`).href;
    dockerfileUri = pathToFileURL(`${folder}/app/Dockerfile`).href;
    client = new LspClient();
    await client.initialize();
    await client.open(composeUri, 'dockercompose', compose);
    await client.diagnosticsFor(composeUri);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const request = <T>(method: string, params: Record<string, unknown>, uri = composeUri): Promise<T> => client.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });

  it('completes keys and values in context, over the word being typed', async () => {
    const keys = await request<CompletionItem[] | CompletionList>('textDocument/completion', { position: { line: 12, character: 5 } });
    const healthcheck = (Array.isArray(keys) ? keys : keys.items).find((i) => i.label === 'healthcheck');
    assert.deepEqual(healthcheck?.textEdit, { range: { start: { line: 12, character: 5 }, end: { line: 12, character: 5 } }, newText: 'healthcheck:' });
    const preStart = (Array.isArray(keys) ? keys : keys.items).find((i) => i.label === 'pre_start');
    assert.deepEqual(preStart?.documentation, { kind: 'markdown', value: 'Commands to run before the container starts.' }, 'keys the schema patches add are offered and documented');
    const stages = await request<CompletionItem[] | CompletionList>('textDocument/completion', { position: { line: 7, character: 18 } });
    const items = Array.isArray(stages) ? stages : stages.items;
    assert.deepEqual(items.map((i) => i.label), ['base', 'dev', 'prod']);
    assert.deepEqual(items[2]?.textEdit, { range: { start: { line: 7, character: 14 }, end: { line: 7, character: 18 } }, newText: 'prod' });
    const flow = await request<CompletionItem[] | CompletionList>('textDocument/completion', { position: { line: 10, character: 19 } });
    assert.deepEqual((Array.isArray(flow) ? flow : flow.items).map((i) => [i.label, i.textEdit]), [['db', { range: { start: { line: 10, character: 17 }, end: { line: 10, character: 19 } }, newText: 'db' }]], 'a service inside depends_on: [db]');
  });

  it('renames a build.target in the Dockerfile and the compose file in one workspace edit', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', { position: { line: 7, character: 15 }, newName: 'release' });
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [composeUri, dockerfileUri].sort());
    assert.deepEqual(edit.changes?.[dockerfileUri], [{ range: { start: { line: 4, character: 13 }, end: { line: 4, character: 17 } }, newText: 'release' }]);
    assert.deepEqual(edit.changes?.[composeUri], [{ range: { start: { line: 7, character: 14 }, end: { line: 7, character: 18 } }, newText: 'release' }]);
  });

  it('renames a Dockerfile stage into the compose file that targets it', async () => {
    await client.open(dockerfileUri, 'dockerfile', dockerfile);
    await client.diagnosticsFor(dockerfileUri);
    const edit = await request<WorkspaceEdit>('textDocument/rename', { position: { line: 4, character: 14 }, newName: 'release' }, dockerfileUri);
    assert.deepEqual(edit.changes?.[composeUri]?.map((e) => e.newText), ['release']);
    const definition = await request<Location[]>('textDocument/definition', { position: { line: 9, character: 10 } });
    assert.deepEqual(definition, [{ uri: dockerfileUri, range: { start: { line: 5, character: 4 }, end: { line: 5, character: 12 } } }]);
  });

  it('sees a compose edit in the Dockerfile hover that lists the build.args setting an ARG', async () => {
    const argHover = async (): Promise<string> => ((await request<Hover>('textDocument/hover', { position: { line: 5, character: 6 } }, dockerfileUri)).contents as MarkupContent).value;
    assert.match(await argHover(), /- `web` in `compose.yaml`: `production`$/);
    const staging = compose.replace('NODE_ENV: production', 'NODE_ENV: staging');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: composeUri, version: 2 }, contentChanges: [{ text: staging }] });
    assert.match(await argHover(), /- `web` in `compose.yaml`: `staging`$/, 'an open compose document\'s edit');
    fs.writeFileSync(`${folder}/compose.ci.yaml`, 'services:\n  test:\n    build:\n      context: ./app\n      args:\n        NODE_ENV: test\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(`${folder}/compose.ci.yaml`).href, type: 1 }] });
    assert.match(await argHover(), /- `test` in `compose.ci.yaml`: `test`\n- `web` in `compose.yaml`: `staging`$/, 'a compose file created on disk');
    fs.rmSync(`${folder}/compose.ci.yaml`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(`${folder}/compose.ci.yaml`).href, type: 3 }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: composeUri, version: 3 }, contentChanges: [{ text: compose }] });
    assert.match(await argHover(), /- `web` in `compose.yaml`: `production`$/);
  });

  it('finds and highlights a service and an anchor', async () => {
    const references = await request<Location[]>('textDocument/references', { position: { line: 10, character: 17 }, context: { includeDeclaration: true } });
    assert.deepEqual(references.map((r) => r.range.start.line), [10, 11]);
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', { position: { line: 4, character: 9 } });
    assert.deepEqual(highlights.map((h) => [h.range.start.line, h.kind]), [[0, 3], [4, 2]]);
  });

  it('renames a service into the extends of the compose files near it', async () => {
    fs.mkdirSync(`${folder}/ext/common`, { recursive: true });
    const common = 'services:\n  base:\n    image: node:22\n';
    fs.writeFileSync(`${folder}/ext/common/services.yaml`, common);
    fs.writeFileSync(`${folder}/ext/compose.yaml`, 'services:\n  web:\n    extends:\n      file: common/services.yaml\n      service: base\n');
    const commonUri = pathToFileURL(`${folder}/ext/common/services.yaml`).href;
    await client.open(commonUri, 'dockercompose', common);
    await client.diagnosticsFor(commonUri);
    const edit = await request<WorkspaceEdit>('textDocument/rename', { position: { line: 1, character: 3 }, newName: 'node' }, commonUri);
    assert.deepEqual(edit.changes, {
      [commonUri]: [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } }, newText: 'node' }],
      [pathToFileURL(`${folder}/ext/compose.yaml`).href]: [{ range: { start: { line: 4, character: 15 }, end: { line: 4, character: 19 } }, newText: 'node' }],
    });
  });

  it('formats the compose file, whitespace only', async () => {
    const edits = await request<TextEdit[]>('textDocument/formatting', { options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits, [
      { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 5 } }, newText: '    ' },
      { range: { start: { line: 12, character: 23 }, end: { line: 12, character: 26 } }, newText: '' },
    ]);
  });

  it('offers "Add dev and prod stages" on a Dockerfile, with the compose edit in the same workspace edit', async () => {
    const single = 'FROM node:22-slim\nCMD ["node", "server.js"]\n';
    fs.writeFileSync(`${folder}/app/Dockerfile`, single);
    const uri = pathToFileURL(`${folder}/app/Dockerfile`).href;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: single }] });
    await client.diagnosticsFor(uri, (p) => p.version === 2);
    const target = 'services:\n  web:\n    build: ./app\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: composeUri, version: 4 }, contentChanges: [{ text: target }] });
    await client.diagnosticsFor(composeUri, (p) => p.version === 4);
    const actions = await request<CodeAction[]>('textDocument/codeAction', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }, uri);
    const action = actions.find((a) => a.title.startsWith('Add dev and prod stages'));
    assert.equal(action?.kind, 'refactor');
    assert.deepEqual(action?.edit?.changes?.[composeUri], [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 16 } }, newText: ':\n      context: ./app\n      target: prod' }]);
    assert.equal(action?.edit?.changes?.[uri]?.length, 2);
  });
});
