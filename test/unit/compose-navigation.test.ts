import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';

const dockerfile = 'FROM node:22-alpine AS base\nFROM base AS dev\nCMD ["npm", "run", "dev"]\nFROM base AS prod\nARG NODE_ENV=production\nCMD ["node", "server.js"]\n';
const files = memoryFileAccess({ '/p/app/Dockerfile': dockerfile });
const service = new LanguageService(files);
let version = 0;

function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const source: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text };
  return { source, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

const compose = 'services:\n  web:\n    build:\n      context: ./app\n      target: prod\n    depends_on:\n      - db\n    networks: [back]\n  db:\n    image: postgres:17\nnetworks:\n  back: {}\n';

describe('compose navigation', () => {
  it('completes build.target with the stages of the Dockerfile it builds', () => {
    const { source, position } = at(compose.replace('target: prod', 'target: |'));
    assert.deepEqual(service.completion(source, position).map((c) => c.label), ['base', 'dev', 'prod']);
    const partial = at(compose.replace('target: prod', 'target: pr|'));
    assert.ok(service.completion(partial.source, partial.position).some((c) => c.label === 'prod'));
  });

  it('completes build.args keys from the Dockerfile ARGs', () => {
    const { source, position } = at(compose.replace('      target: prod\n', '      target: prod\n      args:\n        |\n'));
    assert.deepEqual(service.completion(source, position).map((c) => c.label), ['NODE_ENV']);
  });

  it('goes from build.target to the stage in the Dockerfile', () => {
    const { source, position } = at(compose.replace('target: prod', 'target: pr|od'));
    assert.deepEqual(service.definition(source, position), [{ path: '/p/app/Dockerfile', range: { start: { line: 3, character: 13 }, end: { line: 3, character: 17 } } }]);
  });

  it('goes from depends_on and networks to their definitions', () => {
    const dep = at(compose.replace('- db', '- d|b'));
    assert.deepEqual(service.definition(dep.source, dep.position).map((l) => l.range.start), [{ line: 8, character: 2 }]);
    const net = at(compose.replace('[back]', '[ba|ck]'));
    assert.deepEqual(service.definition(net.source, net.position).map((l) => l.range.start), [{ line: 11, character: 2 }]);
    const services = at(compose.replace('- db', '- |'));
    assert.deepEqual(service.completion(services.source, services.position).map((c) => c.label), ['db']);
  });

  it('outlines services and top-level resources', () => {
    const { source } = at(`${compose}|`);
    assert.deepEqual(service.documentSymbols(source).map((s) => [s.name, s.children?.map((c) => c.name)]), [['services', ['web', 'db']], ['networks', ['back']]]);
  });

  it('never throws on broken YAML', () => {
    for (const text of ['', 'services:\n  a: [\n', ': :\n', 'services:\n  web:\n    build:\n      target:', '\u0000']) {
      const doc: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text };
      for (let character = 0; character <= text.length; character++) {
        const lines = text.slice(0, character).split('\n');
        const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        service.completion(doc, position);
        service.definition(doc, position);
        service.hover(doc, position);
      }
      service.documentSymbols(doc);
    }
  });
});

describe('compose hover', () => {
  it('explains keys from the schema plus the facts people get wrong', () => {
    const ports = at(compose.replace('    networks: [back]', '    po|rts: ["8080:80"]\n    networks: [back]'));
    const markdown = service.hover(ports.source, ports.position)?.markdown ?? '';
    assert.match(markdown, /all host interfaces/);
    const depends = at(compose.replace('depends_on', 'depends|_on'));
    assert.match(service.hover(depends.source, depends.position)?.markdown ?? '', /start-up/);
    const target = at(compose.replace('target: prod', 'tar|get: prod'));
    assert.match(service.hover(target.source, target.position)?.markdown ?? '', /stage/);
    const image = at(compose.replace('image: postgres', 'ima|ge: postgres'));
    assert.ok((service.hover(image.source, image.position)?.markdown ?? '').length > 10, 'schema description');
  });

  it('describes the keys the schema patches add, like those of the pinned schema', () => {
    const hook = at(compose.replace('    networks: [back]', '    pre_st|art:\n      - command: ./migrate\n    networks: [back]'));
    assert.match(service.hover(hook.source, hook.position)?.markdown ?? '', /^\*\*pre_start\*\*\n\nCommands to run before the container starts\./);
    const sync = at(compose.replace('    networks: [back]', '    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app/src\n          initial_sy|nc: true\n    networks: [back]'));
    assert.match(service.hover(sync.source, sync.position)?.markdown ?? '', /^\*\*initial_sync\*\*\n\nWith a `sync` action/);
  });

  it('shows where a ${VAR} gets its value', () => {
    const withEnv = new LanguageService(memoryFileAccess({ '/p/app/Dockerfile': dockerfile, '/p/.env': 'TAG=17\n' }));
    const { source, position } = at(compose.replace('postgres:17', 'postgres:${T|AG}'));
    assert.match(withEnv.hover(source, position)?.markdown ?? '', /`17` from the project's `.env`/);
    const unset = at(compose.replace('postgres:17', 'postgres:${VER|SION:-17}'));
    assert.match(withEnv.hover(unset.source, unset.position)?.markdown ?? '', /default `17`/);
  });
});

describe('compose folding', () => {
  it('folds every multi-line value, list item and comment run, as indentation would', () => {
    const text = '# a\n# b\nservices:\n  web:\n    image: nginx\n    command: |\n      echo a\n      echo b\n\n    ports:\n      - target: 80\n        published: 8080\n      - "443:443"\n  db:\n    image: postgres\n';
    const source: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text };
    assert.deepEqual(service.foldingRanges(source), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 14 },
      { startLine: 3, endLine: 12 },
      { startLine: 5, endLine: 7 },
      { startLine: 9, endLine: 12 },
      { startLine: 10, endLine: 11 },
      { startLine: 13, endLine: 14 },
    ]);
  });
});

describe('compose hover on names that point into the Dockerfile', () => {
  it('shows the stage a build.target builds and the ARG a build.args key sets', () => {
    const target = at(compose.replace('target: prod', 'target: pr|od'));
    assert.equal(service.hover(target.source, target.position)?.markdown, 'Stage `prod` of `./app/Dockerfile`, line 4:\n\n```dockerfile\nFROM base AS prod\n```\n\nThe build runs `base`, `prod`; other stages are skipped.');
    const arg = at(compose.replace('      target: prod\n', '      target: prod\n      args:\n        NODE_|ENV: development\n'));
    assert.match(service.hover(arg.source, arg.position)?.markdown ?? '', /^Sets the build argument `NODE_ENV` of `\.\/app\/Dockerfile`, declared by:\n\n- line 5: `ARG NODE_ENV=production`/);
  });
});

describe('compose document links', () => {
  it('links images to their registry page and named files that exist to the file', () => {
    const files = memoryFileAccess({ '/p/app/Dockerfile': dockerfile, '/p/app/dev.Dockerfile': 'FROM alpine:3.20\n', '/p/.env.web': 'A=1\n', '/p/token.txt': 'x', '/p/db/compose.yaml': 'services: {}\n' });
    const linking = new LanguageService(files);
    const text = 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: ghcr.io/acme/web:1.0\n    build:\n      context: ./app\n      dockerfile: dev.Dockerfile\n    env_file: [.env.web, .env.missing]\n  db:\n    image: "postgres:17"\nsecrets:\n  token:\n    file: ./token.txt\n';
    const source: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text };
    assert.deepEqual(linking.documentLinks(source).map((l) => [l.range.start.line, l.range.start.character, l.range.end.character, l.target]), [
      [1, 4, 19, '/p/db/compose.yaml'],
      [4, 11, 27, 'https://ghcr.io/acme/web'],
      [7, 18, 32, '/p/app/dev.Dockerfile'],
      [8, 15, 23, '/p/.env.web'],
      [10, 12, 20, 'https://hub.docker.com/_/postgres'],
      [13, 10, 21, '/p/token.txt'],
    ]);
  });
});
