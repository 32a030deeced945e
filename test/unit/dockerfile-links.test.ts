import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';
import { imagePage } from '../../server/src/core/dockerfile/links';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

/** Each link as `line:start-end target`, with the linked text. */
function links(text: string): string[] {
  const lines = text.split('\n');
  return service.documentLinks(doc(text)).map((l) => {
    assert.equal(l.range.start.line, l.range.end.line);
    const linked = lines[l.range.start.line]!.slice(l.range.start.character, l.range.end.character);
    assert.ok(l.tooltip?.includes(' on '), l.tooltip);
    return `${linked} ${l.target}`;
  });
}

describe('Dockerfile document links', () => {
  it('links image names to their registry pages, without the tag or digest', () => {
    const text = [
      'FROM python:3.12-slim AS build',
      'FROM bitnami/redis:7',
      'FROM docker.io/library/nginx@sha256:0123',
      'FROM ghcr.io/owner/tool:1.0',
      'FROM quay.io/prometheus/node-exporter:v1',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0',
      'FROM gcr.io/distroless/static-debian12',
      'FROM localhost:5000/app:dev',
      '',
    ].join('\n');
    assert.deepEqual(links(text), [
      'python https://hub.docker.com/_/python',
      'bitnami/redis https://hub.docker.com/r/bitnami/redis',
      'docker.io/library/nginx https://hub.docker.com/_/nginx',
      'ghcr.io/owner/tool https://ghcr.io/owner/tool',
      'quay.io/prometheus/node-exporter https://quay.io/repository/prometheus/node-exporter',
      'mcr.microsoft.com/dotnet/aspnet https://mcr.microsoft.com/artifact/mar/dotnet/aspnet',
    ]);
  });

  it('skips stages, scratch, unknown variables; follows known ones', () => {
    const text = 'ARG BASE=node:22-alpine\nARG OTHER\nFROM $BASE AS deps\nFROM deps AS build\nFROM ${OTHER}\nFROM scratch\n';
    assert.deepEqual(links(text), ['$BASE https://hub.docker.com/_/node']);
  });

  it('links images in COPY --from and RUN --mount from=, never stage names or indexes', () => {
    const text = 'FROM alpine:3.20 AS tools\nFROM alpine:3.20\nCOPY --from=tools /a /a\nCOPY --from=0 /b /b\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=golang:1.23,target=/go true\n';
    assert.deepEqual(links(text), ['alpine https://hub.docker.com/_/alpine', 'alpine https://hub.docker.com/_/alpine', 'nginx https://hub.docker.com/_/nginx', 'golang https://hub.docker.com/_/golang']);
  });

  it('refuses names that are not image names', () => {
    assert.equal(imagePage('Python'), undefined);
    assert.equal(imagePage('example.com/a'), undefined);
    assert.equal(imagePage('ghcr.io/lonely'), undefined);
    assert.deepEqual(links('FROM\nFROM $\nFROM :tag\n'), []);
  });
});
