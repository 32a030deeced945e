import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';
import { semanticTokenLegend } from '../../server/src/core/semantic-tokens';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });

interface Token {
  line: number;
  character: number;
  length: number;
  text: string;
  type: string;
  modifiers: string[];
}

/** Decodes LSP's relative encoding and checks the invariants every client relies on. */
export function decodeTokens(text: string, data: readonly number[]): Token[] {
  assert.equal(data.length % 5, 0);
  const lines = text.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5) as [number, number, number, number, number];
    assert.ok(deltaLine >= 0 && deltaStart >= 0 && length > 0, `token ${i / 5}: ${data.slice(i, i + 5).join()}`);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const previous = tokens[tokens.length - 1];
    if (previous && previous.line === line) assert.ok(character >= previous.character + previous.length, `overlap at ${line}:${character}`);
    const lineText = lines[line];
    assert.ok(lineText !== undefined && character + length <= lineText.length, `outside the document at ${line}:${character}+${length}`);
    assert.ok(type < semanticTokenLegend.tokenTypes.length && modifiers < 1 << semanticTokenLegend.tokenModifiers.length);
    tokens.push({
      line,
      character,
      length,
      text: lineText.slice(character, character + length),
      type: semanticTokenLegend.tokenTypes[type]!,
      modifiers: semanticTokenLegend.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0),
    });
  }
  return tokens;
}

function tokensOf(text: string): Token[] {
  return decodeTokens(text, service.semanticTokens(doc(text)));
}

const brief = (tokens: Token[]): string[] => tokens.map((t) => `${t.text}:${t.type}${t.modifiers.length > 0 ? `+${t.modifiers.join('+')}` : ''}`);

describe('Dockerfile semantic tokens', () => {
  it('marks directives, comments, keywords, flags, stages and variables', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# build stage',
      'ARG BASE=golang:1.23',
      'FROM ${BASE} AS build',
      'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app',
      'FROM alpine:3.20',
      'COPY --from=build /out/app /app',
      'HEALTHCHECK --interval=30s CMD ["wget", "-qO-", "http://localhost/"]',
      'MAINTAINER someone',
      '',
    ].join('\n');
    assert.deepEqual(brief(tokensOf(text)), [
      '# syntax=docker/dockerfile:1:macro',
      '# build stage:comment',
      'ARG:keyword',
      'BASE:variable+declaration',
      'FROM:keyword',
      '${BASE}:variable',
      'AS:keyword',
      'build:class+declaration',
      'RUN:keyword',
      '--mount:parameter',
      'type:property',
      'target:property',
      'FROM:keyword',
      'COPY:keyword',
      '--from:parameter',
      'build:class',
      'HEALTHCHECK:keyword',
      '--interval:parameter',
      'CMD:keyword',
      '"wget":string',
      '"-qO-":string',
      '"http://localhost/":string',
      'MAINTAINER:keyword+deprecated',
    ]);
  });

  it('cuts strings around the variables inside them, and marks predefined ones', () => {
    const tokens = brief(tokensOf('FROM alpine:3.20\nENV NAME=x\nRUN echo "hello ${NAME:-you} from $HTTP_PROXY" \'$NAME\'\n'));
    assert.deepEqual(tokens.slice(3), ['RUN:keyword', '"hello :string', '${NAME:variable', ':-you} from :string', '$HTTP_PROXY:variable+defaultLibrary', '":string', "'$NAME':string"]);
  });

  it('splits strings over continued lines and skips the comment lines between them', () => {
    const tokens = tokensOf('FROM alpine:3.20\nRUN echo "one \\\n  # dropped\n  two" && true # shell comment\n');
    assert.deepEqual(brief(tokens).slice(1), ['RUN:keyword', '"one :string', '# dropped:comment', '  two":string', '# shell comment:comment']);
    assert.deepEqual(tokens.slice(2).map((t) => t.line), [1, 2, 3, 3]);
  });

  it('marks ONBUILD triggers and lower-case keywords, and leaves unknown instructions alone', () => {
    assert.deepEqual(brief(tokensOf('from alpine:3.20 as base\nonbuild run echo\nFRUM x\n')), ['from:keyword', 'as:keyword', 'base:class+declaration', 'onbuild:keyword', 'run:keyword']);
  });

  it('leaves heredoc bodies to the variables in them', () => {
    assert.deepEqual(brief(tokensOf('FROM alpine:3.20\nENV A=1\nRUN <<EOF\necho "$A" # not a comment here\nEOF\n')).slice(3), ['RUN:keyword', '$A:variable']);
  });

  it('encodes CRLF files and a byte-order mark on the right characters', () => {
    const text = '\ufeffFROM alpine:3.20\r\nRUN echo "a"\r\n';
    assert.deepEqual(tokensOf(text).map((t) => `${t.line}:${t.character}:${t.text}`), ['0:1:FROM', '1:0:RUN', '1:9:"a"']);
  });

  it('answers an empty list for an empty document', () => {
    assert.deepEqual(service.semanticTokens(doc('')), []);
  });
});
