import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

/** Hover at the `|` marker, which is removed from the text. */
function hoverAt(marked: string): string | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return service.hover(doc(text), { line: before.length - 1, character: before[before.length - 1]!.length })?.markdown;
}

describe('Dockerfile hover in context', () => {
  it('shows the effective command, user and workdir on CMD, across the ENTRYPOINT reset rule', () => {
    const markdown = hoverAt('FROM node:22-alpine AS base\nWORKDIR /app\nCMD ["node", "server.js"]\nFROM base\nUSER 10001\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "index.js"]\n|CMD ["node", "main.js"]\n');
    assert.ok(markdown);
    assert.match(markdown, /\["\/sbin\/tini","--","node","main.js"\]/);
    assert.match(markdown, /as user: `10001`/);
    assert.match(markdown, /in: `\/app`/);
    const replaced = hoverAt('FROM alpine:3.20\n|CMD ["a"]\nCMD ["b"]\n');
    assert.match(replaced ?? '', /replaced by the one on line 3/);
  });

  it('wraps a shell-form command in the shell', () => {
    assert.match(hoverAt('FROM alpine:3.20\n|CMD python app.py\n') ?? '', /\["\/bin\/sh","-c","python app.py"\]/);
  });

  it('gives a variable its value, where it was set and its scope', () => {
    const text = 'ARG VERSION=1.2\nFROM alpine:3.20\nARG VERSION\nENV APP_VERSION=$VERSION\nRUN echo $|APP_VERSION\n';
    const markdown = hoverAt(text);
    assert.match(markdown ?? '', /`1.2`/);
    assert.match(markdown ?? '', /ENV APP_VERSION` on line 4/);
    assert.match(markdown ?? '', /docker run -e/);
    assert.match(hoverAt('ARG VERSION=1.2\nFROM alpine:3.20\nLABEL v=$|VERSION\n') ?? '', /empty here.*ARG VERSION/s);
    assert.match(hoverAt('FROM alpine:3.20\nCMD echo $|HOME\n') ?? '', /when the container starts.*not ARGs/s);
  });

  it('lists who uses a stage, and summarises a stage where it is used', () => {
    const text = 'FROM golang:1.23 AS |build\nRUN go build\nFROM scratch\nCOPY --from=build /out /app\n';
    assert.match(hoverAt(text) ?? '', /COPY --from in stage #1, line 4/);
    assert.match(hoverAt('FROM golang:1.23 AS build\nRUN go build\nFROM scratch\nCOPY --from=bu|ild /out /app\n') ?? '', /Stage `build`.*golang:1.23/s);
    assert.match(hoverAt('FROM golang:1.23 AS test\nFROM alpine:3.20\n'.replace('AS test', 'AS |test')) ?? '', /BuildKit skips it/);
  });

  it('explains flags and mount options', () => {
    assert.match(hoverAt('FROM alpine:3.20\nRUN --mo|unt=type=cache,target=/root/.cache apk add curl\n') ?? '', /BuildKit only/);
    assert.match(hoverAt('FROM alpine:3.20\nRUN --mount=type=cache,sha|ring=locked,target=/x true\n') ?? '', /locked/);
    assert.match(hoverAt('FROM alpine:3.20\nCOPY --cho|wn=app:app . /app\n') ?? '', /root \(0:0\)/);
  });

  it('describes the base image', () => {
    assert.match(hoverAt('FROM pyth|on:3.12-slim\n') ?? '', /repository: `python`.*tag: `3.12-slim`.*Debian/s);
  });

  it("shows a rule's docs on its id in a suppression comment, also for hadolint ids", () => {
    assert.match(hoverAt('FROM alpine:3.20\n# dockhand-ignore shell-form-com|mand -- reason\nCMD echo\n') ?? '', /What it finds/);
    assert.match(hoverAt('FROM alpine:3.20\n# hadolint ignore=DL30|25\nCMD echo\n') ?? '', /hadolint's id for the same check as.*shell-form-command/s);
    assert.match(hoverAt('FROM alpine:3.20\n# dockhand-ignore made-|up\nCMD echo\n') ?? '', /not a rule Dockhand knows/);
  });
});

describe('ignore actions', () => {
  it('inserts the comment above the whole instruction, and file-wide after parser directives', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  CMD echo \\\n    hi\n';
    const actions = service.codeActions(doc(text), { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } });
    const here = actions.find((a) => a.title === 'Ignore shell-form-command here')!;
    assert.equal(applyEdits(text, here.edits), '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  # dockhand-ignore shell-form-command\n  CMD echo \\\n    hi\n');
    const file = actions.find((a) => a.title === 'Ignore shell-form-command in this file')!;
    const ignored = applyEdits(text, file.edits);
    assert.equal(ignored.split('\n')[1], '# dockhand-ignore-file shell-form-command');
    assert.ok(!service.analyze(doc(ignored)).findings.some((f) => f.rule === 'shell-form-command'));
  });
});
