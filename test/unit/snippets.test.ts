import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expandSnippet, parseSnippetFile, type SnippetFile, snippetBody } from '../../client/src/snippet-text';
import { templateFiles, templates } from '../../client/src/templates';
import { analyzeText, type DocumentKind, type Finding, LanguageService, memoryFileAccess } from '../../server/src/core';

const snippetsDir = path.join(__dirname, '..', '..', 'snippets');
const readSnippets = (file: string): SnippetFile => parseSnippetFile(fs.readFileSync(path.join(snippetsDir, file), 'utf8'));
const dockerfileSnippets = readSnippets('dockerfile.json');
const composeSnippets = readSnippets('compose.json');

const describeFindings = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.range.start.line + 1}: ${f.severity} ${f.rule}: ${f.message}`);
const problems = (findings: readonly Finding[]): string[] => describeFindings(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'));

/** Whole-file templates must be spotless: the e2e tier inserts them and expects no diagnostic at all. */
const isWholeFile = (name: string): boolean => dockerfileSnippets[name]?.isFileTemplate === true || composeSnippets[name]?.isFileTemplate === true;

/** Puts a compose fragment into a minimal file that declares what it refers to. */
function composeContext(text: string): string {
  if (/^services:/m.test(text)) return text;
  const volumes = [...text.matchAll(/^\s+- ([a-z][\w-]*):\//gm)].map((m) => m[1]!);
  const secrets = [...text.matchAll(/\/run\/secrets\/(\w+)/g)].map((m) => m[1]!);
  const declarations = [
    ...(volumes.length > 0 ? ['volumes:', ...volumes.map((v) => `  ${v}:`)] : []),
    ...(secrets.length > 0 ? ['secrets:', ...secrets.flatMap((s) => [`  ${s}:`, `    file: ./${s}.txt`])] : []),
  ].join('\n');
  const indent = (block: string, spaces: string): string => block.replace(/^(?=.)/gm, spaces);
  // Top-level sections and x- extensions: beside a service that uses them.
  if (/^(?:volumes|networks|secrets):/.test(text)) return `services:\n  app:\n    image: alpine:3.20\n${text}\n`;
  if (/^x-/.test(text)) return `${text}\nservices:\n  app:\n    image: alpine:3.20\n    <<: *defaults\n`;
  // A service's keys: inside a service, with the services they name.
  if (/^(?:depends_on|<<):/.test(text)) {
    const before = /^<</.test(text) ? 'x-defaults: &defaults\n  restart: unless-stopped\n' : '';
    const db = /^depends_on/.test(text) ? '  db:\n    image: postgres:17\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n' : '';
    return `${before}services:\n  app:\n    image: alpine:3.20\n${indent(text, '    ')}\n${db}`;
  }
  return `services:\n${indent(text, '  ')}\n${declarations}\n`;
}

describe('snippet expansion', () => {
  it('expands placeholders, choices, mirrors and escapes', () => {
    assert.equal(expandSnippet('a ${1:b ${2:c}} ${3|x,y|} $0 \\${V} \\\\ $1 ${2}'), 'a b c x  ${V} \\ b c c');
    assert.equal(expandSnippet('FROM ${1:python}:${2:3.12}\nEXPOSE ${3:8000}\n# ${3}', { 3: '9000' }), 'FROM python:3.12\nEXPOSE 9000\n# 9000');
    assert.equal(expandSnippet('echo \\$HOME ${TM_FILENAME:Dockerfile} $TM_LINE_NUMBER'), 'echo $HOME Dockerfile ');
  });
});

describe('snippets', () => {
  const files: [string, DocumentKind, SnippetFile][] = [
    ['dockerfile.json', 'dockerfile', dockerfileSnippets],
    ['compose.json', 'compose', composeSnippets],
  ];
  for (const [file, kind, snippets] of files) {
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${file}: "${name}" is clean with its defaults`, () => {
        assert.ok(snippet.description.length > 0 && snippet.prefix.length > 0);
        let text = expandSnippet(snippetBody(snippet));
        // Fragments are checked inside a minimal valid file.
        if (kind === 'compose') text = composeContext(text);
        if (kind === 'dockerfile' && !/^FROM /m.test(text)) text = `FROM alpine:3.20\n${text}\n`;
        const findings = analyzeText(kind, text).findings;
        // Clean means no warning or error; info and hints are advice, not problems. Whole files get neither.
        assert.deepEqual(isWholeFile(name) ? describeFindings(findings) : problems(findings), [], text);
      });
    }
  }

  it('has the multistage templates the issue lists', () => {
    const names = Object.keys(dockerfileSnippets);
    for (const stack of ['Python (pip)', 'Python (uv', 'Node.js (npm)', 'Node.js (pnpm)', 'Go', 'Java (Maven)', 'Java (Gradle)', 'Rust', '.NET', 'static site']) {
      assert.ok(names.some((n) => n.startsWith(`Multistage ${stack}`)), `no multistage ${stack} snippet`);
    }
  });

  it('has unique prefixes', () => {
    for (const snippets of [dockerfileSnippets, composeSnippets]) {
      const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
      assert.deepEqual(prefixes.filter((p, i) => prefixes.indexOf(p) !== i), []);
    }
  });
});

describe('New Dockerfile from template', () => {
  for (const template of templates) {
    it(`${template.label}: the Dockerfile, .dockerignore and compose.yaml are clean together`, () => {
      const files = templateFiles(template, dockerfileSnippets, composeSnippets);
      const disk = { '/w/Dockerfile': files.dockerfile, '/w/.dockerignore': files.dockerignore, '/w/compose.yaml': files.compose, '/w/.git/HEAD': 'ref: refs/heads/main\n' };
      const service = new LanguageService(memoryFileAccess(disk));
      const dockerfile = service.analyze({ uri: 'file:///w/Dockerfile', path: '/w/Dockerfile', kind: 'dockerfile', version: 1, text: files.dockerfile });
      assert.deepEqual(describeFindings(dockerfile.findings), [], files.dockerfile);
      const compose = service.analyze({ uri: 'file:///w/compose.yaml', path: '/w/compose.yaml', kind: 'compose', version: 1, text: files.compose });
      assert.deepEqual(problems(compose.findings), [], files.compose);
      assert.match(files.dockerignore, /^\.git$/m);
    });
  }
});
