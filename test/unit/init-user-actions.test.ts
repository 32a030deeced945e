import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

function apply(text: string, prefix: string, line = text.split('\n').length - 2): string {
  const actions = service.codeActions(doc(text), { start: { line, character: 0 }, end: { line, character: 0 } });
  const action = actions.find((a) => a.title.startsWith(prefix));
  assert.ok(action, `no action '${prefix}' in ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(action.disabledReason, undefined, action.disabledReason);
  const result = applyEdits(text, action.edits);
  assert.ok(!analyzeText('dockerfile', result).findings.some((f) => f.severity === 'error'), `errors after '${prefix}':\n${result}`);
  return result;
}

function reason(text: string, prefix: string): string | undefined {
  const line = text.split('\n').length - 2;
  return service.codeActions(doc(text), { start: { line, character: 0 }, end: { line, character: 0 } }).find((a) => a.title.startsWith(prefix))?.disabledReason;
}

const debian = 'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY . .\nEXPOSE 8000\nCMD ["python", "app.py"]\n';
const alpine = 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nENTRYPOINT ["node"]\nCMD ["server.js"]\n';

describe('Add tini as init', () => {
  it('installs tini with apt on Debian and puts it before the command', () => {
    assert.equal(
      apply(debian, 'Add tini'),
      'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY . .\nEXPOSE 8000\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends tini \\\n    && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["python", "app.py"]\n',
    );
  });

  it('installs tini with apk on Alpine and keeps an existing ENTRYPOINT after --', () => {
    assert.equal(
      apply(alpine, 'Add tini'),
      'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "--", "node"]\nCMD ["server.js"]\n',
    );
  });

  it('copies a static tini from an Alpine stage into distroless and scratch images', () => {
    const text = 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n';
    assert.equal(
      apply(text, 'Add tini'),
      'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM alpine:3 AS tini\nRUN apk add --no-cache tini-static\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCOPY --from=tini /sbin/tini-static /usr/local/bin/tini\nENTRYPOINT ["/usr/local/bin/tini", "--"]\nCMD ["/app"]\n',
    );
  });

  it('installs before the stage switches to a non-root user', () => {
    const text = 'FROM debian:12-slim\nUSER 10001\nCMD ["sleep", "infinity"]\n';
    assert.match(apply(text, 'Add tini'), /^FROM debian:12-slim\nRUN apt-get update[^]*\nUSER 10001\nENTRYPOINT \["\/usr\/bin\/tini", "--"\]\nCMD/);
  });

  it('says why it cannot apply', () => {
    assert.match(reason('FROM alpine:3.20\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["app"]\n', 'Add tini') ?? '', /already runs/);
    assert.match(reason('FROM node:22\nCOPY . .\n', 'Add tini') ?? '', /command from the base image/);
  });
});

describe('Run as a non-root user', () => {
  it('creates a system user with groupadd/useradd on Debian, after the last RUN, and owns the copied app', () => {
    assert.equal(
      apply(debian, 'Run as a non-root user'),
      'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-create-home app\nCOPY --chown=10001:10001 . .\nUSER 10001:10001\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
    );
  });

  it('uses addgroup/adduser on Alpine', () => {
    assert.equal(
      apply(alpine, 'Run as a non-root user'),
      'FROM node:22-alpine\nWORKDIR /app\nCOPY --chown=10001:10001 package.json package-lock.json ./\nRUN npm ci\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -H -u 10001 -G app app\nCOPY --chown=10001:10001 . .\nUSER 10001:10001\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
    );
  });

  it("uses distroless's nonroot user", () => {
    assert.match(apply('FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app/\nCMD ["/app/app.py"]\n', 'Run as a non-root user'), /USER 65532:65532\nCMD/);
  });

  it('says when the stage already runs as a user', () => {
    assert.match(reason('FROM alpine:3.20\nUSER app\nCMD ["x"]\n', 'Run as a non-root user') ?? '', /already runs as user 'app'/);
  });

  it('works on a file without a trailing newline', () => {
    assert.equal(apply('FROM alpine:3.20\nRUN apk add --no-cache curl', 'Run as a non-root user', 1), 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001');
  });
});
