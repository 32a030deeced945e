import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Instruction } from 'dockerfile-ast';
import { distroOfImage } from '../../server/src/core/dockerfile/distro';
import { parseImageReference } from '../../server/src/core/dockerfile/image-reference';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { blankContinuations, effectiveCommand } from '../../server/src/core/dockerfile/shell';
import { effectiveCommandLine } from '../../server/src/core/dockerfile/state';

const at = (model: DockerfileModel, line: number): Instruction => {
  const found = model.instructions.find((i) => i.getRange().start.line === line);
  assert.ok(found, `no instruction on line ${line}`);
  return found;
};

describe('directives', () => {
  it('reads syntax, escape and check', () => {
    const model = new DockerfileModel('# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine:3.20\n');
    assert.equal(model.directives.syntax?.value, 'docker/dockerfile:1');
    assert.equal(model.directives.escapeCharacter, '`');
    assert.deepEqual(model.directives.check?.skip, ['JSONArgsRecommended', 'StageNameCasing']);
    assert.equal(model.directives.check?.error, true);
  });
});

describe('variables', () => {
  const text = [
    'ARG BASE=python:3.12', // 0
    'ARG VERSION=1.0', // 1
    'FROM ${BASE} AS build', // 2
    'ARG VERSION', // 3
    'ENV APP_VERSION=$VERSION PATH=/app/bin:$PATH', // 4
    'RUN echo $APP_VERSION $TARGETARCH $HTTP_PROXY $UNKNOWN', // 5
    'FROM build AS final', // 6
    'RUN echo $APP_VERSION $VERSION', // 7
    'ENV VERSION=shadow', // 8
    'LABEL v=$VERSION', // 9
  ].join('\n');
  const model = new DockerfileModel(text);
  const refs = (line: number) => model.variables.references.filter((r) => r.range.start.line === line).map((r) => [r.name, r.resolution.kind]);

  it('resolves FROM from global ARGs', () => {
    assert.deepEqual(refs(2), [['BASE', 'global-arg']]);
  });

  it('sees a redeclared global ARG with its global default', () => {
    const def = model.variables.definitions.find((d) => d.name === 'APP_VERSION');
    assert.equal(def?.resolvedValue, '1.0');
    assert.deepEqual(refs(4), [['VERSION', 'arg'], ['PATH', 'undefined']]);
  });

  it('knows predefined, platform and undeclared names in RUN', () => {
    assert.deepEqual(refs(5), [['APP_VERSION', 'env'], ['TARGETARCH', 'predefined-not-declared'], ['HTTP_PROXY', 'predefined'], ['UNKNOWN', 'undefined']]);
    assert.equal(model.variables.references.find((r) => r.name === 'UNKNOWN')?.expandedByBuilder, false);
  });

  it('inherits ENV into child stages but not ARG', () => {
    assert.deepEqual(refs(7), [['APP_VERSION', 'env'], ['VERSION', 'global-arg-not-redeclared']]);
  });

  it('lets ENV shadow', () => {
    assert.deepEqual(refs(9), [['VERSION', 'env']]);
    assert.equal(model.variables.scopeBefore(at(model, 9)).get('VERSION')?.resolvedValue, 'shadow');
  });
});

describe('effective state', () => {
  it('tracks USER, WORKDIR, EXPOSE and the ENTRYPOINT/CMD reset rule across stages', () => {
    const model = new DockerfileModel(
      [
        'FROM node:22-alpine AS base', // 0
        'WORKDIR /app', // 1
        'WORKDIR src', // 2
        'CMD ["node", "index.js"]', // 3
        'EXPOSE 3000', // 4
        'FROM base AS prod', // 5
        'USER 10001', // 6
        'ENTRYPOINT ["/sbin/tini", "--"]', // 7
        'FROM base AS dev', // 8
        'CMD ["npm", "run", "dev"]', // 9
        'ENTRYPOINT ["/sbin/tini", "--"]', // 10
      ].join('\n'),
    );
    const [base, prod, dev] = model.stages;
    const baseState = model.finalState(base!);
    assert.equal(baseState.workdir?.value, '/app/src');
    assert.equal(baseState.distro, 'alpine');
    const prodState = model.finalState(prod!);
    assert.equal(prodState.user?.value, '10001');
    assert.equal(prodState.cmd, undefined, 'ENTRYPOINT clears the CMD inherited from base');
    assert.deepEqual(prodState.exposes.map((e) => e.port), ['3000']);
    assert.equal(prodState.distro, 'alpine');
    assert.deepEqual(effectiveCommandLine(model.finalState(dev!)), ['/sbin/tini', '--', 'npm', 'run', 'dev'], 'a CMD set in the same stage survives');
    assert.equal(model.state.before(at(model, 6))?.user, undefined);
  });

  it('wraps shell form in the SHELL', () => {
    const model = new DockerfileModel('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD echo hi\n');
    assert.deepEqual(effectiveCommandLine(model.finalState(model.stages[0]!)), ['/bin/bash', '-o', 'pipefail', '-c', 'echo hi']);
  });

  it('guesses the distro from the image or the package manager', () => {
    const cases: [string, string][] = [
      ['python:3.12-slim', 'debian'],
      ['python:3.12-alpine', 'alpine'],
      ['alpine', 'alpine'],
      ['registry.access.redhat.com/ubi9/ubi-minimal', 'rhel'],
      ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
      ['eclipse-temurin:21-jre-ubi9-minimal', 'rhel'],
      ['mcr.microsoft.com/dotnet/aspnet:8.0', 'debian'],
      ['example.com/mystery', 'unknown'],
    ];
    for (const [image, distro] of cases) assert.equal(distroOfImage(parseImageReference(image)), distro, image);
    const model = new DockerfileModel('FROM example.com/mystery:1\nRUN apk add --no-cache curl\n');
    assert.equal(model.finalState(model.stages[0]!).distro, 'alpine');
  });
});

describe('shell commands', () => {
  it('blanks continuations and comment lines without moving offsets', () => {
    const raw = 'apt-get update \\\n  # a comment\n  && apt-get install -y curl';
    const blanked = blankContinuations(raw, '\\');
    assert.equal(blanked.length, raw.length);
    assert.doesNotMatch(blanked, /[\\#\n]/);
  });

  it('finds commands, pipelines and their Dockerfile positions', () => {
    const text = 'FROM debian:12\nRUN set -eux; \\\n    apt-get update && \\\n    # why not\n    sudo apt-get install -y --no-install-recommends curl \\\n && curl -fsSL https://example.com/x.sh | sh\n';
    const model = new DockerfileModel(text);
    const script = model.shellScript(at(model, 1));
    assert.ok(script);
    assert.deepEqual(script.commands.map((c) => c.name), ['set', 'apt-get', 'sudo', 'curl', 'sh']);
    const sudo = script.commands[2]!;
    assert.deepEqual(model.lines.positionAt(sudo.start), { line: 4, character: 4 });
    assert.deepEqual(effectiveCommand(sudo).name, 'apt-get');
    assert.deepEqual(effectiveCommand(sudo).args.map((a) => a.value), ['install', '-y', '--no-install-recommends', 'curl']);
    assert.deepEqual(script.commands[3]!.pipeline && { index: script.commands[3]!.pipeline.index, length: script.commands[3]!.pipeline.length }, { index: 0, length: 2 });
    assert.equal(script.commands[4]!.pipeline?.index, 1);
  });

  it('parses a heredoc RUN body as the script, with its own offsets', () => {
    const model = new DockerfileModel('FROM alpine:3.20\nRUN <<EOF\napk add curl\nrm -rf /tmp/x\nEOF\nRUN python3 <<EOF\nprint("hi")\nEOF\n');
    const script = model.shellScript(at(model, 1));
    assert.deepEqual(script?.commands.map((c) => c.name), ['apk', 'rm']);
    assert.deepEqual(model.lines.positionAt(script.commands[1]!.start), { line: 3, character: 0 });
    assert.deepEqual(model.shellScript(at(model, 5))?.commands.map((c) => c.name), ['python3']);
  });

  it('leaves exec form and non-POSIX shells alone', () => {
    const model = new DockerfileModel('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ["echo", "hi"]\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem\n');
    assert.equal(model.shellScript(at(model, 1)), undefined);
    assert.equal(model.shellScript(at(model, 3)), undefined);
  });

  it('respects the backtick escape directive', () => {
    const model = new DockerfileModel('# escape=`\nFROM alpine:3.20\nRUN apk add `\n    curl\n');
    assert.deepEqual(model.shellScript(at(model, 2))?.commands[0]?.args.map((a) => a.value), ['add', 'curl']);
  });
});

describe('stage graph', () => {
  it('links FROM, COPY --from (by name or index) and RUN --mount from=, and knows what a target needs', () => {
    const model = new DockerfileModel(
      [
        'FROM golang:1.23 AS deps', // 0
        'FROM deps AS build', // 1
        'RUN --mount=type=cache,target=/root/.cache,from=deps go build', // 2
        'FROM alpine:3.20 AS test', // 3
        'FROM scratch', // 4
        'COPY --from=build /out /app', // 5
        'COPY --from=0 /etc/ssl /etc/ssl', // 6
        'COPY --from=nginx:1.27 /etc/nginx /etc/nginx', // 7
      ].join('\n'),
    );
    assert.deepEqual(model.stageLinks.map((l) => `${l.kind} ${l.user.index}->${l.used.index}`), ['from 1->0', 'mount 1->0', 'copy 3->1', 'copy 3->0']);
    assert.deepEqual(model.neededStages().map((s) => s.index), [0, 1, 3]);
    assert.deepEqual(model.neededStages(model.stages[2]).map((s) => s.index), [2]);
  });
});
