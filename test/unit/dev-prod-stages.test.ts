import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyEdits, type CodeAction, LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';

let version = 0;

function devProd(files: Record<string, string>, path = '/p/app/Dockerfile'): { action: CodeAction; service: LanguageService; source: SourceDocument } {
  const service = new LanguageService(memoryFileAccess(files));
  const source: SourceDocument = { uri: `file://${path}`, path, kind: 'dockerfile', version: ++version, text: files[path]! };
  const action = service.codeActions(source, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }).find((a) => a.title.startsWith('Add dev and prod stages'));
  assert.ok(action, 'the refactor is offered');
  return { action, service, source };
}

/** Every file after the action, and the rule ids Dockhand reports on each. */
function applyAll(files: Record<string, string>, action: CodeAction, path = '/p/app/Dockerfile'): Record<string, string> {
  const after = { ...files, [path]: applyEdits(files[path]!, action.edits) };
  for (const [file, change] of Object.entries(action.otherFiles ?? {})) after[file] = applyEdits(files[file] ?? '', change.edits);
  return after;
}
function findings(files: Record<string, string>): string[] {
  const service = new LanguageService(memoryFileAccess(files));
  return Object.entries(files)
    .filter(([file]) => /Dockerfile$|\.ya?ml$/.test(file))
    .flatMap(([file, text]) => service.analyze({ uri: `file://${file}`, path: file, kind: file.endsWith('Dockerfile') ? 'dockerfile' : 'compose', version: ++version, text }, { rules: {} }).findings.map((f) => `${file} ${f.rule}`))
    .sort();
}

const dockerfile = '# syntax=docker/dockerfile:1\nFROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

describe('add dev and prod stages', () => {
  it('makes the last stage the base of dev and prod, prod last', () => {
    const files = { '/p/app/Dockerfile': dockerfile };
    const { action } = devProd(files);
    assert.equal(action.kind, 'refactor');
    assert.equal(action.otherFiles, undefined);
    const after = applyAll(files, action)['/p/app/Dockerfile']!;
    assert.equal(after, dockerfile.replace('FROM node:22-slim', 'FROM node:22-slim AS base') + [
      '',
      '# Development: add what only development needs (tools, a dev server command). Build it with --target dev.',
      'FROM base AS dev',
      '',
      '# Production: the image as before. The last stage, so a plain docker build builds it.',
      'FROM base AS prod',
      '',
    ].join('\n'));
    assert.deepEqual(findings(applyAll(files, action)), findings(files), 'no new findings');
    // Development dependencies installed in the common stage end up in prod too, which Dockhand then says.
    const withDevDependencies = { '/p/app/Dockerfile': dockerfile.replace('npm ci --omit=dev', 'npm ci') };
    const added = findings(applyAll(withDevDependencies, devProd(withDevDependencies).action)).filter((f) => !findings(withDevDependencies).includes(f));
    assert.deepEqual(added, ['/p/app/Dockerfile final-stage-keeps-toolchain']);
  });

  it('sets build.target: prod in compose.yaml and build.target: dev in compose.override.yaml, keeping comments', () => {
    const compose = [
      '# the app',
      'services:',
      '  web:',
      '    build: ./app  # short form',
      '    ports:',
      '      - "127.0.0.1:3000:3000"',
      '  worker:',
      '    build:',
      '      context: ./app',
      '      # same image',
      '      args:',
      '        NODE_ENV: production',
      '  tool:',
      '    build: {context: ./app}',
      '  other:',
      '    build:',
      '      context: ./app',
      '      target: builder',
      '',
    ].join('\n');
    const override = 'services:\n  web:\n    volumes:\n      - ./app/src:/app/src # live code\n  worker:\n    build:\n      args:\n        NODE_ENV: development\n';
    const files = { '/p/app/Dockerfile': `FROM node:22-slim AS builder\nRUN true\n${dockerfile.replace('# syntax=docker/dockerfile:1\n', '')}`, '/p/compose.yaml': compose, '/p/compose.override.yaml': override };
    const { action } = devProd(files);
    assert.match(action.title, /compose\.yaml, compose\.override\.yaml/);
    const after = applyAll(files, action);
    assert.equal(after['/p/compose.yaml'], [
      '# the app',
      'services:',
      '  web:',
      '    build:',
      '      context: ./app',
      '      target: prod  # short form',
      '    ports:',
      '      - "127.0.0.1:3000:3000"',
      '  worker:',
      '    build:',
      '      context: ./app',
      '      # same image',
      '      args:',
      '        NODE_ENV: production',
      '      target: prod',
      '  tool:',
      '    build: {context: ./app, target: prod}',
      '  other:',
      '    build:',
      '      context: ./app',
      '      target: builder',
      '',
    ].join('\n'));
    assert.equal(after['/p/compose.override.yaml'], 'services:\n  web:\n    volumes:\n      - ./app/src:/app/src # live code\n    build:\n      target: dev\n  worker:\n    build:\n      args:\n        NODE_ENV: development\n      target: dev\n  tool:\n    build:\n      target: dev\n');
    for (const file of ['/p/compose.yaml', '/p/compose.override.yaml']) assert.ok(parseAllDocuments(after[file]!).every((d) => d.errors.length === 0), file);
    assert.deepEqual(findings(after), findings(files), 'no new findings');
  });

  it('retargets a service that named the last stage, and keeps its name as the base', () => {
    const files = { '/p/Dockerfile': 'FROM python:3.12-slim AS runtime\nCMD ["python", "app.py"]\n', '/p/docker-compose.yml': 'services:\n  app:\n    build:\n      context: .\n      target: runtime\n' };
    const { action } = devProd(files, '/p/Dockerfile');
    const after = applyAll(files, action, '/p/Dockerfile');
    assert.match(after['/p/Dockerfile']!, /FROM runtime AS dev\n\n.*\nFROM runtime AS prod\n$/);
    assert.equal(after['/p/docker-compose.yml'], 'services:\n  app:\n    build:\n      context: .\n      target: prod\n');
  });

  it('picks names no stage has, and keeps CRLF', () => {
    const text = 'FROM alpine:3.20 AS dev\r\nRUN true\r\nFROM alpine:3.20\r\nCMD ["true"]';
    const { action } = devProd({ '/p/Dockerfile': text }, '/p/Dockerfile');
    const after = applyEdits(text, action.edits);
    assert.match(after, /FROM alpine:3\.20 AS base\r\nCMD \["true"\]\r\n\r\n#[^\r\n]*--target development\.\r\nFROM base AS development\r\n\r\n#[^\r\n]*\r\nFROM base AS prod\r\n$/);
  });

  it('says why it cannot apply', () => {
    const reason = (text: string): string | undefined => devProd({ '/p/Dockerfile': text }, '/p/Dockerfile').action.disabledReason;
    assert.match(reason('FROM a:1 AS dev\nFROM a:1 AS prod\nFROM prod\n') ?? '', /already has dev and prod/);
    assert.match(reason('FROM a:1 AS base\nFROM base AS prod\n') ?? '', /already named 'prod'/);
    assert.match(reason('# nothing\n') ?? '', /no FROM/);
  });
});
