// The language server as a process, under hostile input: malformed JSON-RPC,
// unknown methods, bad parameters, cancellation, out-of-order changes, huge,
// binary and deeply nested files, a file changing 50 times a second, and a
// workspace with symlink loops. It must answer properly and keep serving.
// Speaks raw JSON-RPC over stdio, so it can also send what no library would.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { serverPath } from '../helpers/lsp-client';

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

interface Diagnostics {
  uri: string;
  version?: number;
  diagnostics: { code?: string | number; severity?: number; message: string }[];
}

function frame(body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** A JSON-RPC peer on the server's stdio that can also write raw bytes. */
class RawServer {
  readonly process: ChildProcess;
  readonly logs: string[] = [];
  readonly published: Diagnostics[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly configuration: unknown = { validation: { delayMs: 0 } }) {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: configuration, capability registration.
      const result = message.method === 'workspace/configuration' ? (message.params as { items: unknown[] }).items.map(() => this.configuration) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method === 'window/logMessage') {
      this.logs.push((message.params as { message: string }).message);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.published.push(message.params as Diagnostics);
    } else if (typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    }
    for (const wake of this.listeners.splice(0)) wake();
  }

  send(message: Message): void {
    this.process.stdin!.write(frame(JSON.stringify(message)));
  }

  writeRaw(bytes: Buffer | string): void {
    this.process.stdin!.write(bytes);
  }

  /** Sends a request and resolves with the whole response, error or result. */
  request(method: string, params: unknown): Promise<Message> {
    return this.start(method, params).answer;
  }

  /** Sends a request; its id serves to cancel it. */
  start(method: string, params: unknown): { id: number; answer: Promise<Message> } {
    const id = this.nextId++;
    const answer = new Promise<Message>((resolve) => this.pending.set(id, resolve));
    this.send({ jsonrpc: '2.0', id, method, params });
    return { id, answer };
  }

  /** Request and cancellation in one write, so the server reads both before it answers. */
  requestAndCancel(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    const answer = new Promise<Message>((resolve) => this.pending.set(id, resolve));
    this.writeRaw(Buffer.concat([frame(JSON.stringify({ jsonrpc: '2.0', id, method, params })), frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }))]));
    return answer;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(initializationOptions: unknown = { validationDelayMs: 0 }): Promise<void> {
    const response = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    assert.ok(response.result, JSON.stringify(response));
    this.notify('initialized', {});
  }

  open(uri: string, text: string, languageId = 'dockerfile', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async hover(uri: string, line = 0, character = 1): Promise<{ ms: number; response: Message }> {
    const started = performance.now();
    const response = await this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return { ms: performance.now() - started, response };
  }

  /** Waits for a publication about `uri` that `accept` likes. */
  async diagnosticsFor(uri: string, accept: (d: Diagnostics) => boolean = () => true, timeoutMs = 20_000): Promise<Diagnostics> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.published].reverse().find((d) => d.uri === uri && accept(d));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published.filter((d) => d.uri === uri).slice(-2)).slice(0, 500)}; logs: ${this.logs.join('\n').slice(-2_000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resident memory of the server process in MB (Linux), or undefined. */
  rssMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async close(): Promise<void> {
    if (this.alive) {
      await Promise.race([this.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      this.notify('exit', null);
    }
    this.process.kill();
  }
}

const mainUri = 'file:///hostile/app/Dockerfile';
const mainText = 'FROM alpine:3.20\nENV APP=/app\nCMD ["sh"]\n';

/** Median hover latency on the main document, over `count` hovers. */
async function hoverLatency(server: RawServer, count = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { ms, response } = await server.hover(mainUri, 1, 1);
    assert.ok(response.result, `hover on ENV: ${JSON.stringify(response)}`);
    times.push(ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

describe('the server and malformed JSON-RPC', () => {
  let server: RawServer;
  before(async () => {
    assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` first');
    server = new RawServer();
    await server.initialize();
    server.open(mainUri, mainText);
    await server.diagnosticsFor(mainUri);
  });
  after(() => server.close());

  it('answers MethodNotFound for an unknown request and ignores unknown notifications', async () => {
    const response = await server.request('dockhand/noSuchRequest', { x: 1 });
    assert.equal(response.error?.code, -32601, JSON.stringify(response));
    server.notify('dockhand/noSuchNotification', { x: 1 });
    server.notify('$/noSuchNotification', null);
    server.notify('workspace/didChangeWatchedFiles', { changes: [null, { uri: 42 }, { uri: 'not a uri compose.yaml' }] });
    server.notify('workspace/didChangeWatchedFiles', {});
    assert.ok((await server.hover(mainUri, 1, 1)).response.result);
  });

  it('answers InvalidParams for requests whose parameters are the wrong shape', async () => {
    for (const [method, params] of [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: mainUri }, position: { line: -1, character: 'x' } }],
      ['textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri: mainUri }, range: { start: { line: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/documentSymbol', { textDocument: 'file:///x' }],
    ] as const) {
      const response = await server.request(method, params);
      assert.equal(response.error?.code, -32602, `${method} ${JSON.stringify(params)}: ${JSON.stringify(response)}`);
    }
    assert.ok(server.alive);
  });

  it('keeps serving after bodies that are not JSON, not JSON-RPC, or not UTF-8', async () => {
    server.writeRaw(frame('{this is not json'));
    server.writeRaw(frame('[1, 2, 3]'));
    server.writeRaw(frame('"a string"'));
    server.writeRaw(frame('{"jsonrpc":"2.0"}'));
    server.writeRaw(frame('{"jsonrpc":"2.0","id":7}'));
    server.writeRaw(frame('{"jsonrpc":"2.0","method":42,"params":{}}'));
    server.writeRaw(frame('{"jsonrpc":"2.0","id":123456,"result":{"unexpected":true}}'));
    server.writeRaw(frame('{"jsonrpc":"2.0","id":123457,"error":{"code":1,"message":"a response to nothing"}}'));
    server.writeRaw(frame(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])));
    server.writeRaw(frame(''));
    const { response } = await server.hover(mainUri, 1, 1);
    assert.ok(response.result, JSON.stringify(response));
    assert.ok(server.alive);
  });

  it('reads a document sent as invalid UTF-8', async () => {
    const uri = 'file:///hostile/utf8/Dockerfile';
    const prefix = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN echo ' } } }).replace(/"}}}$/, ''), 'utf8');
    const invalid = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xed, 0xa0, 0x80]);
    server.writeRaw(frame(Buffer.concat([prefix, invalid, Buffer.from('"}}}', 'utf8')])));
    const published = await server.diagnosticsFor(uri);
    assert.ok(Array.isArray(published.diagnostics));
    assert.ok((await server.hover(uri, 0, 1)).response.result !== undefined);
  });

  it('answers null for documents that are not open, and ignores changes to them', async () => {
    const uri = 'file:///hostile/never-opened/Dockerfile';
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
    ] as const) {
      const response = await server.request(method, params);
      assert.equal(response.error, undefined, `${method}: ${JSON.stringify(response)}`);
      assert.equal(response.result, null, method);
    }
    server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM x\n' }] });
    server.notify('textDocument/didClose', { textDocument: { uri } });
    server.notify('textDocument/didChange', { textDocument: { uri: mainUri }, contentChanges: [{ text: 'x' }] });
    assert.ok((await server.hover(mainUri, 1, 1)).response.result);
  });

  it('answers RequestCancelled for a request cancelled before it is answered', async () => {
    const response = await server.requestAndCancel('textDocument/hover', { textDocument: { uri: mainUri }, position: { line: 1, character: 1 } });
    assert.equal(response.error?.code, -32800, JSON.stringify(response));
    assert.ok((await server.hover(mainUri, 1, 1)).response.result);
  });

  it('drops a didChange whose version is not newer than the document', async () => {
    const uri = 'file:///hostile/versions/Dockerfile';
    server.open(uri, 'FROM alpine:3.20\n');
    await server.diagnosticsFor(uri, (d) => d.version === 1);
    server.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'FROM ubuntu\n' }] });
    server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM debian:12\nMAINTAINER me\n' }] });
    server.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, text: 'XXXX' }] });
    server.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'FROM debian:12\n' }] });
    const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.error, undefined);
    const latest = await server.diagnosticsFor(uri, (d) => d.version === 3);
    assert.ok(latest.diagnostics.some((d) => d.code === 'untagged-base-image'), JSON.stringify(latest));
    assert.ok(!server.published.some((d) => d.uri === uri && d.version === 2), 'the stale version was not analysed');
    assert.ok(server.logs.some((line) => /ignored a didChange .* to version 2: the document is already at version 3/.test(line)), server.logs.join('\n'));
    // Versions only move forward: the next change applies.
    server.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: 'FROM debian:12\n' }] });
    const next = await server.diagnosticsFor(uri, (d) => d.version === 4);
    assert.ok(!next.diagnostics.some((d) => d.code === 'untagged-base-image'), JSON.stringify(next));
  });
});

describe('the server and hostile documents', () => {
  let server: RawServer;
  before(async () => {
    server = new RawServer();
    await server.initialize();
    server.open(mainUri, mainText);
    await server.diagnosticsFor(mainUri);
    await hoverLatency(server, 3);
  });
  after(() => server.close());

  const tenMegabytes = 10 * 1024 * 1024;
  const bigDockerfile = `FROM alpine:3.20\n${'RUN echo "a line of a generated Dockerfile" && true\n'.repeat(Math.ceil(tenMegabytes / 52))}`;
  const bigCompose = `services:\n${Array.from({ length: Math.ceil(tenMegabytes / 60) }, (_, i) => `  s${i}:\n    image: example/service:${i}\n`).join('')}`;

  for (const [name, uri, languageId, text] of [
    ['a 10 MB Dockerfile', 'file:///hostile/big/Dockerfile', 'dockerfile', bigDockerfile],
    ['a 10 MB compose file', 'file:///hostile/big/compose.yaml', 'dockercompose', bigCompose],
    ['a 1 MB single line', 'file:///hostile/line/Dockerfile', 'dockerfile', `FROM alpine:3.20\nRUN echo ${'x'.repeat(1024 * 1024)}`],
  ] as const) {
    it(`declines ${name} with one info diagnostic, and hovers elsewhere stay under 100 ms`, async () => {
      server.open(uri, text, languageId);
      const during = await server.hover(mainUri, 1, 1);
      const published = await server.diagnosticsFor(uri);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.severity]),
        [['file-too-large', 3]],
      );
      assert.match(published.diagnostics[0]!.message, /no other problems are reported/);
      // The first hover waited for the document itself to arrive through the pipe; analysing it must not add to that.
      assert.ok(during.ms < 2_000, `hover while ${name} was read and analysed: ${Math.round(during.ms)} ms`);
      const median = await hoverLatency(server);
      assert.ok(median < 100, `median hover after ${name}: ${Math.round(median)} ms`);
      const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.result, []);
      server.notify('textDocument/didClose', { textDocument: { uri } });
    });
  }

  it('analyses a binary file opened by mistake without failing', async () => {
    const uri = 'file:///hostile/binary/Dockerfile';
    let state = 7;
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => (state = (state * 1_103_515_245 + 12_345) >>> 0) >>> 24));
    server.open(uri, bytes.toString('latin1'));
    const published = await server.diagnosticsFor(uri);
    assert.ok(!published.diagnostics.some((d) => d.code === 'internal-error'), JSON.stringify(published.diagnostics.filter((d) => d.code === 'internal-error')));
    assert.ok((await hoverLatency(server, 3)) < 100);
  });

  it('survives a YAML alias bomb and 10,000 levels of nesting', async () => {
    const bomb = ['x-l0: &l0 "lol"', ...Array.from({ length: 9 }, (_, i) => `x-l${i + 1}: &l${i + 1} [${Array.from({ length: 10 }, () => `*l${i}`).join(', ')}]`), 'services:', '  web:', '    image: nginx:1.27', '    labels: *l9', ''].join('\n');
    const deep = `x-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nservices:\n  web:\n    image: nginx:1.27\n`;
    for (const [uri, text] of [
      ['file:///hostile/bomb/compose.yaml', bomb],
      ['file:///hostile/deep/compose.yaml', deep],
    ] as const) {
      server.open(uri, text, 'dockercompose');
      const published = await server.diagnosticsFor(uri);
      assert.ok(published.diagnostics.some((d) => d.code === 'yaml-syntax'), JSON.stringify(published.diagnostics));
      const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.error, undefined);
    }
    assert.ok((await hoverLatency(server, 3)) < 100);
  });

  it('keeps memory bounded while 10 MB documents open and close', async () => {
    const uri = 'file:///hostile/churn/Dockerfile';
    const start = server.rssMb();
    for (let round = 0; round < 5; round++) {
      server.open(uri, bigDockerfile, 'dockerfile', 1);
      await server.diagnosticsFor(uri, (d) => d.version === 1 && d.diagnostics.length === 1);
      server.notify('textDocument/didClose', { textDocument: { uri } });
      await server.diagnosticsFor(uri, (d) => d.diagnostics.length === 0);
      server.published.length = 0;
    }
    const end = server.rssMb();
    if (start !== undefined && end !== undefined) assert.ok(end - start < 400, `resident memory grew from ${Math.round(start)} to ${Math.round(end)} MB`);
    assert.ok(server.alive);
  });
});

describe('the server and a file that changes 50 times a second', () => {
  it('answers hovers promptly during the storm and settles on the last version', async () => {
    // The editor's default debounce: validation waits for a pause in typing.
    const server = new RawServer({ validation: { delayMs: 200 } });
    try {
      await server.initialize({ validationDelayMs: 200 });
      server.open(mainUri, mainText);
      const uri = 'file:///hostile/storm/Dockerfile';
      const lines = ['FROM alpine:3.20 AS build', ...Array.from({ length: 150 }, (_, i) => `RUN echo step-${i} && apk add --no-cache curl`), 'CMD ["sh"]'];
      server.open(uri, `${lines.join('\n')}\n`);
      await server.diagnosticsFor(uri);
      const elsewhere: number[] = [];
      const here: number[] = [];
      let version = 1;
      const storm = (async () => {
        for (let i = 0; i < 100; i++) {
          version++;
          server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 1 + (i % 100), character: 0 }, end: { line: 1 + (i % 100), character: 3 } }, text: i % 2 === 0 ? 'RUN' : 'run' }] });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const hovers = (async () => {
        for (let i = 0; i < 15; i++) {
          elsewhere.push((await server.hover(mainUri, 1, 1)).ms);
          // A hover on the changing file analyses its newest version first, or answers ContentModified.
          const { ms, response } = await server.hover(uri, 2, 1);
          assert.ok(response.error === undefined || response.error.code === -32801, JSON.stringify(response));
          here.push(ms);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await Promise.all([storm, hovers]);
      const p90 = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)]!;
      assert.ok(p90(elsewhere) < 100, `90th percentile hover on another file during the storm: ${Math.round(p90(elsewhere))} ms (${elsewhere.map(Math.round).join(', ')})`);
      assert.ok(Math.max(...here) < 2_000, `hovers on the changing file: ${here.map(Math.round).join(', ')} ms`);
      const final = await server.diagnosticsFor(uri, (d) => d.version === version);
      assert.ok(Array.isArray(final.diagnostics));
      assert.ok(server.alive);
    } finally {
      await server.close();
    }
  });
});

describe('the server and a request cancelled during a long analysis', () => {
  it('answers RequestCancelled once the analysis ends, and keeps the analysis for the next request', async () => {
    // No validation on its own: the hover is what analyses the document.
    const server = new RawServer({ validation: { delayMs: 60_000 } });
    try {
      await server.initialize({ validationDelayMs: 60_000 });
      // The core loads after initialize: a first request waits for it, so that the cancellation below lands during the analysis.
      server.open('file:///hostile/short/Dockerfile', 'FROM debian:12\n');
      await server.hover('file:///hostile/short/Dockerfile', 0, 1);
      const uri = 'file:///hostile/long/Dockerfile';
      server.open(uri, `FROM debian:12\n${Array.from({ length: 3_000 }, (_, i) => `RUN apt-get update && apt-get install -y pkg${i} && rm -rf /var/lib/apt/lists/*`).join('\n')}\n`);
      const sent = performance.now();
      const { id, answer } = server.start('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.notify('$/cancelRequest', { id });
      const response = await answer;
      // Only an analysis faster than the cancellation may answer normally.
      if (response.error?.code !== -32800) assert.ok(performance.now() - sent < 60, `not cancelled: ${JSON.stringify(response).slice(0, 300)}`);
      const again = await server.hover(uri, 1, 1);
      assert.ok(again.response.result, JSON.stringify(again.response).slice(0, 300));
      assert.ok(again.ms < 1_000, `the second hover took ${Math.round(again.ms)} ms: the analysis was not kept`);
    } finally {
      await server.close();
    }
  });
});

describe('the server and a hostile workspace', () => {
  it('reads neighbours that are symlink loops, folders, FIFOs or cycles without hanging', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-hostile-'));
    const server = new RawServer();
    try {
      fs.symlinkSync(path.join(folder, '.dockerignore'), path.join(folder, '.dockerignore'));
      fs.mkdirSync(path.join(folder, '.env'));
      fs.symlinkSync(folder, path.join(folder, 'loop'));
      const fifo = spawnSync('mkfifo', [path.join(folder, 'Dockerfile.dockerignore')]).status === 0;
      fs.writeFileSync(path.join(folder, 'a.yaml'), 'include:\n  - compose.yaml\nservices:\n  a:\n    extends:\n      file: compose.yaml\n      service: web\n');
      const compose = 'include:\n  - a.yaml\n  - compose.yaml\n  - /dev/zero\n  - ../../../../../../etc/passwd\nservices:\n  web:\n    image: nginx:1.27\n    env_file: [.env, loop/.env]\n    extends:\n      file: a.yaml\n      service: a\n    build:\n      context: loop/loop/loop\n      dockerfile: Dockerfile\n';
      fs.writeFileSync(path.join(folder, 'compose.yaml'), compose);
      fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . .\n');
      await server.initialize();
      const dockerfileUri = pathToFileURL(path.join(folder, 'Dockerfile')).href;
      const composeUri = pathToFileURL(path.join(folder, 'compose.yaml')).href;
      server.open(dockerfileUri, 'FROM alpine:3.20\nCOPY . .\n');
      server.open(composeUri, compose, 'dockercompose');
      await server.diagnosticsFor(dockerfileUri);
      const published = await server.diagnosticsFor(composeUri);
      assert.ok(!published.diagnostics.some((d) => d.code === 'internal-error'), JSON.stringify(published.diagnostics));
      const links = await server.request('textDocument/documentLink', { textDocument: { uri: composeUri } });
      assert.equal(links.error, undefined);
      assert.ok(server.alive, `fifo: ${fifo}`);
    } finally {
      await server.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the CLI and a hostile workspace', () => {
  const cliPath = path.join(path.dirname(serverPath), 'cli.js');
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-hostile-cli-'));
    fs.mkdirSync(path.join(folder, 'ws', 'sub'), { recursive: true });
    fs.symlinkSync('..', path.join(folder, 'ws', 'sub', 'loop'));
    fs.symlinkSync('self', path.join(folder, 'ws', 'self'));
    fs.writeFileSync(path.join(folder, 'ws', 'Dockerfile'), 'FROM alpine:3.20\nRUN true\n');
    fs.mkdirSync(path.join(folder, 'ws', 'compose.yaml'));
    fs.writeFileSync(path.join(folder, 'ws', 'sub', 'compose.yml'), 'include:\n  - compose.yml\n  - ../sub/compose.yml\nservices:\n  a:\n    image: nginx:1.27\n    extends:\n      file: compose.yml\n      service: a\n');
    spawnSync('mkfifo', [path.join(folder, 'ws', 'sub', 'Dockerfile')]);
    fs.writeFileSync(path.join(folder, 'big.Dockerfile'), `FROM alpine:3.20\n${'RUN echo x\n'.repeat(1_100_000)}`);
    let state = 11;
    fs.writeFileSync(path.join(folder, 'binary.Dockerfile'), Buffer.from(Array.from({ length: 20_000 }, () => (state = (state * 1_103_515_245 + 12_345) >>> 0) >>> 24)));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  const lint = (args: string[], timeout = 30_000) => spawnSync(process.execPath, [cliPath, 'lint', ...args], { cwd: folder, timeout, encoding: 'utf8' });

  it('walks a folder with symlink loops, a FIFO, a folder named compose.yaml and an include cycle, and finishes', () => {
    const result = lint(['ws']);
    assert.equal(result.error, undefined, 'it finished');
    assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  });

  it('exits 2 with a message naming a symlink loop given on the command line', () => {
    const result = lint(['ws/self']);
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stderr, /ws\/self': it is a symbolic link loop/);
  });

  it('exits 2 with a message naming a file over its size limit', () => {
    const result = lint(['big.Dockerfile']);
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stderr, /^dockhand: cannot lint 'big\.Dockerfile': it is 12,100,017 bytes \(11\.5 MiB\), over the 10 MiB \(10,485,760 bytes\) that dockhand reads\n$/);
  });

  it('exits 2 for a FIFO given on the command line, instead of waiting on it forever', () => {
    const result = lint(['ws/sub/Dockerfile'], 5_000);
    assert.equal(result.error, undefined, 'it finished');
    assert.equal(result.status, 2);
  });

  it('does not write a binary file opened by mistake to the terminal', () => {
    const result = lint(['binary.Dockerfile']);
    assert.equal(result.error, undefined, 'it finished');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters in the output
    assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000e-\u001a\u007f]/, 'control characters in the output');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^dockhand: cannot lint 'binary\.Dockerfile': it looks like a binary file \(it has NUL bytes\), not text\n$/);
  });
});
