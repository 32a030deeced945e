import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LanguageService, memoryFileAccess, type SourceDocument, type WorkspaceEdit } from '../../server/src/core';

const dockerfile = 'ARG BASE=node:22-alpine\nFROM ${BASE} AS base\nARG NODE_ENV=development\nRUN echo $NODE_ENV\nFROM base AS dev\nCMD ["npm", "run", "dev"]\nFROM base AS prod\nCMD ["node", "server.js"]\n';
const compose = [
  'x-common: &common',
  '  restart: unless-stopped',
  'services:',
  '  web:',
  '    <<: *common',
  '    build:',
  '      context: ./app',
  '      target: prod',
  '      args:',
  '        NODE_ENV: production',
  '    depends_on:',
  '      db:',
  '        condition: service_healthy',
  '    links: ["db:database"]',
  '    networks: [back]',
  '    volumes:',
  '      - data:/var/data',
  '    secrets:',
  '      - source: token',
  '  db:',
  '    <<: *common',
  '    image: postgres:17',
  '    network_mode: "service:web"',
  '    configs: [conf]',
  'networks:',
  '  back: {}',
  'volumes:',
  '  data: {}',
  'secrets:',
  '  token:',
  '    file: ./token',
  'configs:',
  '  conf:',
  '    file: ./conf',
  '',
].join('\n');
const override = 'services:\n  web:\n    build:\n      target: dev\n  db:\n    environment:\n      A: b\n';

let version = 0;
function setup(extra: Record<string, string> = {}) {
  const files = memoryFileAccess({ '/p/app/Dockerfile': dockerfile, '/p/compose.yaml': compose, '/p/compose.override.yaml': override, ...extra });
  return new LanguageService(files);
}
function doc(text: string, path = '/p/compose.yaml', kind: SourceDocument['kind'] = 'compose'): SourceDocument {
  return { uri: `file://${path}`, path, kind, version: ++version, text };
}
/** The position of the `n`th occurrence of `needle` (plus `shift` characters). */
function at(text: string, needle: string, shift = 1, n = 0) {
  let offset = -1;
  for (let i = 0; i <= n; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
/** The message of a refused rename. */
function refusal(edit: WorkspaceEdit | string | undefined): string {
  assert.equal(typeof edit, 'string', JSON.stringify(edit));
  return edit as string;
}
function applied(edit: WorkspaceEdit | string | undefined, key: string, text: string): string {
  assert.ok(edit && typeof edit !== 'string', JSON.stringify(edit));
  return applyEdits(text, edit.changes[key] ?? []);
}

describe('compose rename, references and highlights', () => {
  it('renames a service in its key and every reference, and in the override file', () => {
    const service = setup();
    const source = doc(compose);
    const edit = service.rename(source, at(compose, '  db:\n    <<', 3), 'postgres');
    const after = applied(edit, source.uri, compose);
    assert.match(after, /depends_on:\n {6}postgres:\n/);
    assert.match(after, /links: \["postgres:database"\]/);
    assert.match(after, /\n {2}postgres:\n {4}<<: \*common/);
    assert.equal(applied(edit, '/p/compose.override.yaml', override), override.replace('  db:', '  postgres:'));
    const web = applied(service.rename(source, at(compose, '"service:web', 10), 'app'), source.uri, compose);
    assert.match(web, /network_mode: "service:app"/);
    assert.match(web, /\n {2}app:\n {4}<<: \*common/);
  });

  it('refuses a name that is taken or not a valid name', () => {
    const service = setup();
    const source = doc(compose);
    assert.match(refusal(service.rename(source, at(compose, '  db:\n    <<', 3), 'web')), /already exists/);
    assert.match(refusal(service.rename(source, at(compose, 'back]'), 'no good')), /not a valid network name/);
  });

  it('renames networks, volumes, secrets and configs with their uses', () => {
    const service = setup();
    const source = doc(compose);
    const cases: [string, number, string, RegExp[]][] = [
      ['back]', 1, 'backend', [/networks: \[backend\]/, /\n {2}backend: \{\}/]],
      ['data:/var', 1, 'pgdata', [/- pgdata:\/var\/data/, /\n {2}pgdata: \{\}/]],
      ['source: token', 9, 'api_token', [/- source: api_token/, /\n {2}api_token:\n {4}file/]],
      ['[conf]', 2, 'settings', [/configs: \[settings\]/, /\n {2}settings:\n {4}file: .\/conf/]],
    ];
    for (const [needle, shift, name, expected] of cases) {
      const after = applied(service.rename(source, at(compose, needle, shift), name), source.uri, compose);
      for (const pattern of expected) assert.match(after, pattern, `${needle} -> ${name}`);
    }
  });

  it('finds references of a service across the project, declarations marked for highlights', () => {
    const service = setup();
    const source = doc(compose);
    const position = at(compose, 'db:\n        condition', 1);
    const references = service.references(source, position, true);
    assert.deepEqual(references.map((r) => [r.uri ?? r.path, r.range.start.line]), [
      [source.uri, 11],
      [source.uri, 13],
      [source.uri, 19],
      ['/p/compose.override.yaml', 4],
    ]);
    assert.equal(service.references(source, position, false).length, 2);
    assert.deepEqual(service.documentHighlights(source, position).map((h) => [h.range.start.line, h.kind]), [[11, 'read'], [13, 'read'], [19, 'write']]);
    assert.deepEqual(service.definition(source, position).map((l) => l.range.start.line), [19, 4]);
  });

  it('goes from an alias to its anchor and renames both', () => {
    const service = setup();
    const source = doc(compose);
    const alias = at(compose, '*common', 2, 1);
    assert.deepEqual(service.definition(source, alias), [{ uri: source.uri, range: { start: { line: 0, character: 11 }, end: { line: 0, character: 17 } } }]);
    assert.equal(service.references(source, alias, true).length, 3);
    const after = applied(service.rename(source, alias, 'defaults'), source.uri, compose);
    assert.equal((after.match(/&defaults/g) ?? []).length, 1);
    assert.equal((after.match(/\*defaults/g) ?? []).length, 2);
    assert.match(refusal(service.rename(source, alias, 'a b')), /not a valid anchor name/);
  });

  it('tells same-named anchors apart', () => {
    const service = setup();
    const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n';
    const source = doc(text);
    assert.deepEqual(service.references(source, at(text, '*x', 1, 1), true).map((r) => r.range.start.line), [2, 3]);
  });
});

describe('compose build.target and build.args across files', () => {
  it('renames the stage from build.target, in the Dockerfile and in every compose file building it', () => {
    const service = setup();
    const source = doc(compose);
    const edit = service.rename(source, at(compose, 'target: prod', 9), 'release');
    assert.equal(applied(edit, '/p/app/Dockerfile', dockerfile), dockerfile.replace('AS prod', 'AS release'));
    assert.match(applied(edit, source.uri, compose), /target: release/);
    assert.equal(edit && typeof edit !== 'string' && edit.changes['/p/compose.override.yaml'], undefined, 'the override targets dev, not prod');
    assert.match(refusal(service.rename(source, at(compose, 'target: prod', 9), 'dev')), /already exists/);
  });

  it('renames a stage from the Dockerfile into the compose files that target it', () => {
    const service = setup();
    const source = doc(dockerfile, '/p/app/Dockerfile', 'dockerfile');
    const edit = service.rename(source, at(dockerfile, 'AS dev', 4), 'develop');
    assert.equal(applied(edit, source.uri, dockerfile), dockerfile.replace('AS dev', 'AS develop'));
    assert.equal(applied(edit, '/p/compose.override.yaml', override), override.replace('target: dev', 'target: develop'));
    const references = service.references(source, at(dockerfile, 'FROM base AS prod', 14), true);
    assert.deepEqual(references.map((r) => r.path ?? r.uri), [source.uri, '/p/compose.yaml']);
    // A stage nobody targets stays a Dockerfile-only rename.
    const base = service.rename(source, at(dockerfile, 'AS base', 4), 'common');
    assert.deepEqual(base && typeof base !== 'string' && Object.keys(base.changes), [source.uri]);
  });

  it('links build.args keys and ARGs both ways', () => {
    const service = setup();
    const source = doc(compose);
    const key = at(compose, 'NODE_ENV: production', 2);
    assert.deepEqual(service.definition(source, key), [{ path: '/p/app/Dockerfile', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } } }]);
    const edit = service.rename(source, key, 'APP_ENV');
    assert.equal(applied(edit, '/p/app/Dockerfile', dockerfile), dockerfile.replace(/NODE_ENV/g, 'APP_ENV'));
    assert.match(applied(edit, source.uri, compose), /APP_ENV: production/);
    const dockerSource = doc(dockerfile, '/p/app/Dockerfile', 'dockerfile');
    const fromArg = service.references(dockerSource, at(dockerfile, '$NODE_ENV', 2), true);
    assert.deepEqual(fromArg.map((r) => r.path ?? r.uri), [dockerSource.uri, dockerSource.uri, '/p/compose.yaml']);
  });

  it('says why a build.target cannot be renamed when the Dockerfile is missing', () => {
    const service = new LanguageService(memoryFileAccess({}));
    const source = doc(compose);
    assert.match(refusal(service.rename(source, at(compose, 'target: prod', 9), 'release')), /cannot be read/);
  });
});

describe('Dockerfile hovers that know the compose files building it', () => {
  it('lists the build.args that set an ARG and the services that target a stage', () => {
    const service = setup();
    const source = doc(dockerfile, '/p/app/Dockerfile', 'dockerfile');
    const arg = service.hover(source, at(dockerfile, 'ARG NODE_ENV', 6))?.markdown ?? '';
    assert.match(arg, /Compose `build.args` override it:\n\n- `web` in `compose.yaml`: `production`$/);
    const use = service.hover(source, at(dockerfile, '$NODE_ENV', 3))?.markdown ?? '';
    assert.match(use, /- `web` in `compose.yaml`: `production`$/);
    const stage = service.hover(source, at(dockerfile, 'AS dev', 4))?.markdown ?? '';
    assert.match(stage, /Built by compose \(`build.target`\): `web` in `compose.override.yaml`\.$/);
    assert.doesNotMatch(service.hover(source, at(dockerfile, 'AS base', 4))?.markdown ?? '', /Built by compose/);
  });
});

describe('the compose files a Dockerfile reads, remembered until a file changes', () => {
  it('reads them once for repeated hovers, and again after filesChanged', () => {
    const texts: Record<string, string> = { '/p/app/Dockerfile': dockerfile, '/p/compose.yaml': compose, '/p/compose.override.yaml': override };
    const memory = memoryFileAccess(texts);
    let accesses = 0;
    const service = new LanguageService({
      readFile: (path) => (accesses++, memory.readFile(path)),
      listDirectory: (path) => (accesses++, memory.listDirectory(path)),
    });
    const source = doc(dockerfile, '/p/app/Dockerfile', 'dockerfile');
    const argHover = (): string => service.hover(source, at(dockerfile, 'ARG NODE_ENV', 6))?.markdown ?? '';
    assert.match(argHover(), /- `web` in `compose.yaml`: `production`$/);
    const afterFirst = accesses;
    assert.ok(afterFirst > 0);
    assert.match(argHover(), /- `web` in `compose.yaml`: `production`$/);
    assert.match(service.hover(source, at(dockerfile, 'AS dev', 4))?.markdown ?? '', /`web` in `compose.override.yaml`/);
    assert.equal(accesses, afterFirst, 'no folder listed and no file read again for the same Dockerfile');

    // What the server does when an open compose document is edited or a watched file changes.
    texts['/p/compose.yaml'] = compose.replace('NODE_ENV: production', 'NODE_ENV: staging');
    service.filesChanged();
    assert.match(argHover(), /- `web` in `compose.yaml`: `staging`$/);
    assert.ok(accesses > afterFirst);
  });
});

describe('compose extends across files', () => {
  const common = 'services:\n  base:\n    image: node:22\n  worker:\n    extends: base\n    command: work\n';
  const app = 'services:\n  web:\n    extends:\n      file: ./common/base.yaml\n      service: base\n  api:\n    extends: { file: common/base.yaml, service: base }\n  other:\n    extends:\n      file: ./elsewhere.yaml\n      service: base\n';
  const ci = 'services:\n  test:\n    extends:\n      file: ../common/base.yaml\n      service: base\n';
  const files = { '/p/compose.yaml': app, '/p/common/base.yaml': common, '/p/ci/compose.yaml': ci, '/p/elsewhere.yaml': 'services:\n  base:\n    image: x\n' };

  it('renames a service in the file it is declared in and in the extends of the compose files near it', () => {
    const service = new LanguageService(memoryFileAccess(files));
    const source = doc(common, '/p/common/base.yaml');
    const edit = service.rename(source, at(common, '  base:', 3), 'node-base');
    assert.equal(applied(edit, source.uri, common), common.replace('  base:', '  node-base:').replace('extends: base', 'extends: node-base'));
    assert.equal(applied(edit, '/p/compose.yaml', app), app.replace('service: base\n  api', 'service: node-base\n  api').replace('service: base }', 'service: node-base }'), 'not the extends of ./elsewhere.yaml');
    // ci/compose.yaml is not in the folder of base.yaml or above it: out of reach.
    assert.deepEqual(edit && typeof edit !== 'string' && Object.keys(edit.changes).sort(), ['/p/compose.yaml', source.uri]);
  });

  it('renames from an extends naming another file, in that file and in every extends of it', () => {
    const service = new LanguageService(memoryFileAccess(files));
    const source = doc(ci, '/p/ci/compose.yaml');
    const position = at(ci, 'service: base', 10);
    assert.deepEqual(service.definition(source, position), [{ path: '/p/common/base.yaml', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } } }]);
    const edit = service.rename(source, position, 'node-base');
    assert.equal(applied(edit, source.uri, ci), ci.replace('service: base', 'service: node-base'));
    assert.equal(applied(edit, '/p/common/base.yaml', common), common.replace('  base:', '  node-base:').replace('extends: base', 'extends: node-base'));
    assert.match(applied(edit, '/p/compose.yaml', app), /service: node-base\n {2}api:\n {4}extends: \{ file: common\/base.yaml, service: node-base \}\n {2}other:\n {4}extends:\n {6}file: .\/elsewhere.yaml\n {6}service: base\n/);
    assert.match(refusal(service.rename(source, position, 'worker')), /A service named 'worker' already exists in \.\/base\.yaml/);
    const unreadable = new LanguageService(memoryFileAccess({ '/p/ci/compose.yaml': ci }));
    assert.match(refusal(unreadable.rename(source, position, 'node-base')), /cannot be read/);
  });

  it('finds the extends of other files among a service\'s references', () => {
    const service = new LanguageService(memoryFileAccess(files));
    const source = doc(common, '/p/common/base.yaml');
    const references = service.references(source, at(common, '  base:', 3), false);
    assert.deepEqual(references.map((r) => [r.path ?? r.uri, r.range.start.line]), [[source.uri, 4], ['/p/compose.yaml', 4], ['/p/compose.yaml', 6]]);
  });
});
