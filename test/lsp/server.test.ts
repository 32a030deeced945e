import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient, serverPath } from '../helpers/lsp-client';

const dockerfileUri = 'file:///work/app/Dockerfile';
const composeUri = 'file:///work/app/compose.yaml';

describe('language server over stdio', () => {
  let client: LspClient;

  before(async () => {
    assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` first');
    client = new LspClient();
    const result = (await client.initialize()) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    assert.equal(result.serverInfo.name, 'dockhand');
    assert.equal(result.capabilities['textDocumentSync'], 2, 'incremental sync');
    assert.equal(result.capabilities['hoverProvider'], true);
    assert.ok(result.capabilities['codeActionProvider']);
  });

  after(async () => {
    await client.shutdown();
  });

  it('publishes Dockerfile diagnostics with the rule id and a docs link', async () => {
    await client.open(dockerfileUri, 'dockerfile', 'FROM ubuntu\nENV APP=/app\nCMD python app.py\n');
    const diagnostics = await client.diagnosticsFor(dockerfileUri);
    const untagged = diagnostics.find((d) => d.code === 'untagged-base-image');
    assert.ok(untagged, JSON.stringify(diagnostics));
    assert.deepEqual(untagged.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    assert.equal(untagged.source, 'dockhand');
    assert.equal(untagged.severity, 2);
    assert.match(untagged.codeDescription?.href ?? '', /RULES\.md#untagged-base-image$/);
    assert.ok(diagnostics.some((d) => d.code === 'shell-form-command'));
  });

  it('explains ENV on hover', async () => {
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 1, character: 1 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /docker run -e/);
    assert.match(value, /ARG/);
  });

  it('returns a quick fix as a workspace edit', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: dockerfileUri },
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } },
      context: { diagnostics: [] },
    });
    const pin = actions.find((a) => a.title.startsWith('Pin'));
    assert.ok(pin, JSON.stringify(actions));
    assert.equal(pin.kind, 'quickfix');
    const edits = pin.edit?.changes?.[dockerfileUri] as TextEdit[];
    assert.deepEqual(edits, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, newText: ':latest' }]);
    assert.equal(pin.diagnostics?.[0]?.code, 'untagged-base-image');
  });

  it('re-validates after an incremental change', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: dockerfileUri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ':24.04' }],
    });
    const diagnostics = await client.diagnosticsFor(dockerfileUri, (p) => p.version === 2);
    assert.ok(!diagnostics.some((d) => d.code === 'untagged-base-image'), JSON.stringify(diagnostics));
  });

  it('treats YAML named like a compose file as compose, and leaves other YAML alone', async () => {
    const otherUri = 'file:///work/app/.github/workflows/ci.yml';
    await client.open(otherUri, 'yaml', 'version: 2\njobs: {}\n');
    await client.open(composeUri, 'yaml', 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"\n');
    const diagnostics = await client.diagnosticsFor(composeUri);
    const version = diagnostics.find((d) => d.code === 'obsolete-version');
    assert.deepEqual(version?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    const syntax = diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.equal(syntax?.severity, 1);
    assert.equal(syntax?.range.start.line, 5);
    // The server validates in order, so the workflow file would have been published by now.
    await assert.rejects(client.diagnosticsFor(otherUri, () => true, 300));
  });

  it('keeps serving after binary garbage and requests for unknown documents', async () => {
    const junkUri = 'file:///work/app/junk/Dockerfile';
    await client.open(junkUri, 'dockerfile', '\u0000\u0001\u0002\uFFFD\\\n\\\nFROM\u0000 \n<<EOF\n'.repeat(100));
    await client.diagnosticsFor(junkUri);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 2, character: 0 } });
    assert.match((hover.contents as MarkupContent).value, /CMD/);
    assert.equal(client.exitCode, null);
  });

  it('clears diagnostics when a document closes', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: composeUri } });
    await client.diagnosticsFor(composeUri, (p) => p.diagnostics.length === 0);
  });
});

describe('language server settings', () => {
  it('applies dockhand.rules from workspace/configuration', async () => {
    const client = new LspClient();
    try {
      client.configuration = { validation: { delayMs: 0 }, rules: { 'untagged-base-image': 'off', 'maintainer-deprecated': 'error' } };
      await client.initialize({}, true);
      const uri = 'file:///work/settings/Dockerfile';
      await client.open(uri, 'dockerfile', 'FROM ubuntu\nMAINTAINER me\n');
      const diagnostics = await client.diagnosticsFor(uri);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity]),
        [['maintainer-deprecated', 1]],
      );
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server startup', () => {
  it('leaves the analysis core out of dist/server.js: it is loaded from server-analysis.js after initialize', () => {
    const bundle = fs.readFileSync(serverPath, 'utf8');
    for (const heavy of ['dockerfile-ast', 'node_modules/yaml/', 'node_modules/ajv/', 'server/src/core/language-service.ts']) {
      assert.ok(!bundle.includes(heavy), `dist/server.js bundles ${heavy}: import the core's values through load-analysis.ts`);
    }
  });

  it('turns a language off from the initialization options, which loads the rule list at initialize', async () => {
    const client = new LspClient();
    try {
      await client.initialize({ validationDelayMs: 0, dockerfile: { enable: false } });
      const dockerfile = 'file:///work/startup/Dockerfile';
      const compose = 'file:///work/startup/compose.yaml';
      await client.open(dockerfile, 'dockerfile', 'FROM ubuntu\nMAINTAINER me\n');
      await client.open(compose, 'dockercompose', 'version: "3"\nservices:\n  web:\n    image: nginx\n');
      assert.deepEqual(await client.diagnosticsFor(dockerfile), []);
      const composeDiagnostics = await client.diagnosticsFor(compose);
      assert.ok(composeDiagnostics.some((d) => d.code === 'obsolete-version'), JSON.stringify(composeDiagnostics));
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server validation without delay', () => {
  it('publishes for the last of a burst of edits, and logs where the time went when DOCKHAND_TRACE_TIMING=1', async () => {
    process.env['DOCKHAND_TRACE_TIMING'] = '1';
    const client = new LspClient();
    delete process.env['DOCKHAND_TRACE_TIMING'];
    try {
      await client.initialize({ validationDelayMs: 0 });
      const uri = 'file:///work/burst/Dockerfile';
      await client.open(uri, 'dockerfile', 'FROM ubuntu\n');
      await client.diagnosticsFor(uri);
      const tag = ':24.04';
      await Promise.all(
        [...tag].map((character, index) =>
          client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: index + 2 },
            contentChanges: [{ range: { start: { line: 0, character: 11 + index }, end: { line: 0, character: 11 + index } }, text: character }],
          }),
        ),
      );
      const last = tag.length + 1;
      const diagnostics = await client.diagnosticsFor(uri, (p) => p.version === last);
      assert.ok(!diagnostics.some((d) => d.code === 'untagged-base-image'), JSON.stringify(diagnostics));
      // The line is logged once the publish is written, so it may arrive just after the diagnostics.
      const deadline = Date.now() + 5_000;
      const timingLines = (): string[] => client.logs.filter((line) => line.includes(`timing ${uri} v${last}:`));
      while (timingLines().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      const timing = timingLines();
      assert.equal(timing.length, 1, client.logs.join('\n'));
      assert.match(timing[0]!, /waited [\d.]+ ms, analysis [\d.]+ ms, conversion [\d.]+ ms, publish [\d.]+ ms$/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server and project configuration', () => {
  it('reads .dockhand.yaml next to the file and re-reads it when it changes', async () => {
    const folder = fs.mkdtempSync(`${os.tmpdir()}/dockhand-lsp-config-`);
    const client = new LspClient();
    try {
      fs.writeFileSync(`${folder}/.dockhand.yaml`, 'rules:\n  untagged-base-image: off\n');
      fs.writeFileSync(`${folder}/Dockerfile`, 'FROM ubuntu\nMAINTAINER me\n');
      await client.initialize({ validationDelayMs: 0 });
      const uri = pathToFileURL(`${folder}/Dockerfile`).href;
      await client.open(uri, 'dockerfile', 'FROM ubuntu\nMAINTAINER me\n');
      const first = await client.diagnosticsFor(uri);
      assert.ok(!first.some((d) => d.code === 'untagged-base-image'), JSON.stringify(first));
      assert.ok(first.some((d) => d.code === 'maintainer-deprecated'));

      fs.writeFileSync(`${folder}/.dockhand.yaml`, 'rules:\n  maintainer-deprecated: off\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(`${folder}/.dockhand.yaml`).href, type: 2 }] });
      const second = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'untagged-base-image'));
      assert.ok(!second.some((d) => d.code === 'maintainer-deprecated'), JSON.stringify(second));
    } finally {
      await client.shutdown();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('language server navigation', () => {
  it('answers documentSymbol, definition, references, rename and foldingRange for a Dockerfile', async () => {
    const client = new LspClient();
    try {
      await client.initialize();
      const uri = 'file:///work/nav/Dockerfile';
      await client.open(uri, 'dockerfile', 'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out/app /app\n');
      await client.diagnosticsFor(uri);
      const symbols = await client.connection.sendRequest<{ name: string; children?: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((s) => s.name), ['build', 'stage 1']);
      const position = { line: 3, character: 14 };
      const definition = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri }, position });
      assert.equal(definition[0]?.range.start.line, 0);
      const references = await client.connection.sendRequest<unknown[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
      assert.equal(references.length, 2);
      const rename = await client.connection.sendRequest<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', { textDocument: { uri }, position, newName: 'compile' });
      assert.deepEqual(rename.changes[uri]?.map((e) => e.newText), ['compile', 'compile']);
      await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: 'Bad Name' }), /not a valid stage name/);
      const folds = await client.connection.sendRequest<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.length >= 2);
    } finally {
      await client.shutdown();
    }
  });
});
