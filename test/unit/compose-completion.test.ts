import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';

const files = memoryFileAccess({
  '/p/Dockerfile': 'ARG BASE=node:22\nFROM ${BASE} AS build\nARG NODE_ENV\nFROM build AS prod\n',
  '/p/.env': 'TAG=17\nPORT=8080\n',
  '/p/common/base.yaml': 'services:\n  web-base:\n    image: nginx\n  worker-base:\n    image: busybox\n',
});
const service = new LanguageService(files);
let version = 0;

/** Completion labels at the `|` of a compose text. */
function complete(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const source: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text };
  return service.completion(source, { line: before.length - 1, character: before[before.length - 1]!.length });
}
const labels = (marked: string): string[] => complete(marked).map((item) => item.label);

describe('compose completion of keys and values from the schema', () => {
  it('offers service keys under a service, without the ones already set', () => {
    const items = labels('services:\n  web:\n    image: nginx\n    |\n    ports: ["80:80"]\n');
    for (const key of ['build', 'healthcheck', 'restart', 'depends_on', 'environment', 'init']) assert.ok(items.includes(key), key);
    assert.ok(!items.includes('image') && !items.includes('ports'), 'keys already set are not offered again');
    assert.ok(!items.includes('context'), 'build keys belong under build');
  });

  it('offers the keys of the mapping the cursor is in, by indentation', () => {
    const build = labels('services:\n  web:\n    build:\n      context: .\n      t|\n');
    assert.ok(build.includes('target') && build.includes('args') && build.includes('dockerfile') && !build.includes('context'));
    const health = labels('services:\n  db:\n    healthcheck:\n      |\n');
    assert.deepEqual(['test', 'interval', 'timeout', 'retries', 'start_period'].filter((k) => !health.includes(k)), []);
    const resources = labels('services:\n  web:\n    deploy:\n      resources:\n        limits:\n          |\n');
    assert.ok(resources.includes('cpus') && resources.includes('memory'), resources.join());
    const top = labels('services:\n  web:\n    image: x\n|\n');
    assert.ok(top.includes('networks') && top.includes('volumes') && top.includes('secrets') && !top.includes('services'));
  });

  it('follows list items, compact or indented', () => {
    const ports = labels('services:\n  web:\n    ports:\n      - target: 80\n        |\n');
    assert.ok(ports.includes('published') && ports.includes('protocol') && !ports.includes('target'), ports.join());
    const compact = labels('services:\n  web:\n    volumes:\n    - type: bind\n      |\n');
    assert.ok(compact.includes('source') && compact.includes('read_only'), compact.join());
  });

  it('offers enum values, values the reference names in prose, and booleans', () => {
    assert.deepEqual(labels('services:\n  web:\n    restart: |\n'), ['"no"', 'always', 'on-failure', 'unless-stopped']);
    assert.deepEqual(labels('services:\n  web:\n    depends_on:\n      db:\n        condition: |\n  db: {}\n'), ['service_started', 'service_healthy', 'service_completed_successfully']);
    assert.deepEqual(labels('services:\n  web:\n    init: |\n'), ['true', 'false']);
    assert.ok(labels('services:\n  web:\n    pull_policy: mi|\n').includes('missing'));
    assert.deepEqual(labels('services:\n  web:\n    volumes:\n      - type: |\n'), ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image']);
    assert.ok(labels('networks:\n  back:\n    driver: |\n').includes('overlay'));
    assert.ok(labels('services:\n  web:\n    ports:\n      - target: 80\n        protocol: |\n').includes('udp'));
  });

  it('offers and describes the keys current Compose accepts beyond the pinned schema (schema-source.ts patches)', () => {
    const hook = complete('services:\n  web:\n    image: nginx\n    |\n').find((i) => i.label === 'pre_start');
    assert.equal(hook?.documentation, 'Commands to run before the container starts.');
    assert.equal(hook?.insertText, 'pre_start:');
    const watch = complete('services:\n  web:\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          |\n').find((i) => i.label === 'initial_sync');
    assert.match(String(watch?.documentation), /watch session starts/);
    assert.deepEqual(labels('services:\n  web:\n    develop:\n      watch:\n        - path: ./src\n          initial_sync: |\n'), ['true', 'false']);
  });

  it('replaces the word being typed', () => {
    const item = complete('services:\n  web:\n    restart: unl|\n').find((i) => i.label === 'unless-stopped');
    assert.deepEqual(item?.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 16 } });
    const key = complete('services:\n  web:\n    heal|\n').find((i) => i.label === 'healthcheck');
    assert.equal(key?.insertText, 'healthcheck:');
    assert.deepEqual(key?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    assert.equal(complete('services:\n  web:\n    restart|\n').find((i) => i.label === 'restart')?.insertText, 'restart: ');
  });
});

describe('compose completion of names', () => {
  const project = 'services:\n  web:\n    build: .\n  db:\n    image: postgres\n  cache:\n    image: redis\nnetworks:\n  back: {}\nvolumes:\n  data: {}\nsecrets:\n  token:\n    file: ./token\n';

  it('offers the other services in depends_on (list and map), links, extends and network_mode: service:', () => {
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    depends_on:\n      - |\n')), ['db', 'cache']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    depends_on:\n      |\n')).slice(0, 2), ['db', 'cache']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    extends:\n      service: |\n')), ['db', 'cache']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    network_mode: service:|\n')), ['db', 'cache']);
    const mode = labels(project.replace('    build: .\n', '    build: .\n    network_mode: |\n'));
    assert.ok(mode.includes('host') && mode.includes('service:db'), mode.join());
  });

  it('offers the services of the file extends.file names, its own name included', () => {
    const items = complete(project.replace('    build: .\n', '    build: .\n    extends:\n      file: common/base.yaml\n      service: |\n'));
    assert.deepEqual(items.map((item) => item.label), ['web-base', 'worker-base']);
    assert.equal(items[0]!.detail, 'service in common/base.yaml');
    const sameName = labels('services:\n  web-base:\n    extends:\n      file: common/base.yaml\n      service: |\n');
    assert.deepEqual(sameName, ['web-base', 'worker-base'], 'a service may extend its namesake in another file');
    assert.deepEqual(labels('services:\n  web:\n    extends: { file: common/base.yaml, service: | }\n'), ['web-base', 'worker-base'], 'in flow style too');
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    extends:\n      file: missing.yaml\n      service: |\n')), [], 'an unreadable file offers nothing');
  });

  it('offers defined networks, volumes and secrets where a service uses them', () => {
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    networks:\n      - |\n')), ['back']);
    // A volume item is a `name:/path` string or a mapping: the names first, then the keys of the long syntax.
    const volumes = labels(project.replace('    build: .\n', '    build: .\n    volumes:\n      - |\n'));
    assert.equal(volumes[0], 'data');
    assert.ok(volumes.includes('type') && volumes.includes('target'));
    assert.equal(complete(project.replace('    build: .\n', '    build: .\n    volumes:\n      - |\n'))[0]?.insertText, 'data:');
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    secrets:\n      - |\n')).slice(0, 2), ['token', 'source']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    secrets:\n      - source: |\n')), ['token']);
  });

  it('offers the stages and ARGs of the Dockerfile a service builds', () => {
    assert.deepEqual(labels(project.replace('    build: .\n', '    build:\n      context: .\n      target: |\n')), ['build', 'prod']);
    const args = complete(project.replace('    build: .\n', '    build:\n      context: .\n      args:\n        |\n'));
    assert.deepEqual(args.map((a) => [a.label, a.insertText]), [['BASE', 'BASE: '], ['NODE_ENV', 'NODE_ENV: ']]);
    assert.deepEqual(complete(project.replace('    build: .\n', '    build:\n      context: .\n      args:\n        - |\n')).map((a) => a.insertText), ['BASE=', 'NODE_ENV=']);
  });

  it('completes inside flow sequences and mappings where the YAML parses', () => {
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    depends_on: [db, |]\n')), ['db', 'cache']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    depends_on: [|]\n')), ['db', 'cache']);
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    depends_on: [\n      db,\n      ca|\n    ]\n')), ['db', 'cache']);
    assert.deepEqual(complete(project.replace('    build: .\n', '    build: .\n    depends_on: [db, ca|]\n'))[1]?.range, { start: { line: 3, character: 21 }, end: { line: 3, character: 23 } });
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    networks: [|]\n')), ['back']);
    const health = complete('services:\n  db:\n    healthcheck: { test: ["CMD", "true"], | }\n');
    assert.ok(health.some((i) => i.label === 'interval' && i.insertText === 'interval: '), health.map((i) => i.label).join());
    assert.ok(!health.some((i) => i.label === 'test'), 'keys already in the mapping are not offered');
    assert.ok(!health.some((i) => i.label === 'image'), 'service keys belong outside healthcheck');
    assert.deepEqual(labels('services:\n  web:\n    deploy: { restart_policy: { condition: | } }\n'), ['none', 'on-failure', 'any']);
    const ports = labels('services:\n  web:\n    ports: [{ target: 80, pro| }]\n');
    assert.ok(ports.includes('protocol') && ports.includes('published') && !ports.includes('target'), ports.join());
    assert.deepEqual(complete(project.replace('    build: .\n', '    build: .\n    depends_on: { | }\n')).map((i) => i.insertText).filter((t) => t === 'db: ' || t === 'cache: '), ['db: ', 'cache: ']);
  });

  it('keeps block-style completion beside flow collections', () => {
    const after = labels(project.replace('    build: .\n', '    build: .\n    depends_on: [db]\n    |\n'));
    assert.ok(after.includes('restart') && !after.includes('depends_on'), after.join());
    assert.deepEqual(labels(project.replace('    build: .\n', '    build: .\n    environment: { A: "1" }\n    restart: |\n')), ['"no"', 'always', 'on-failure', 'unless-stopped']);
  });

  it('offers variables from .env and from the file inside ${', () => {
    const items = complete('services:\n  db:\n    image: postgres:${|\n    environment:\n      X: $OTHER\n');
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['TAG', '.env: 17'], ['PORT', '.env: 8080'], ['OTHER', 'used in this file']]);
    assert.deepEqual(complete('services:\n  db:\n    image: postgres:${TA|}\n')[0]?.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 24 } });
  });

  it('offers nothing inside a block scalar or a comment, and answers at the end of the line past it', () => {
    assert.deepEqual(labels('services:\n  web:\n    command: |\n      echo a\n      |\n    image: nginx\n'), []);
    assert.deepEqual(labels('services:\n  web:\n    # res|\n'), []);
    const service2 = new LanguageService(memoryFileAccess({}));
    const source: SourceDocument = { uri: 'file:///p/compose.yaml', path: '/p/compose.yaml', kind: 'compose', version: ++version, text: 'services:\n  web:\n    restart: \n' };
    const items = service2.completion(source, { line: 2, character: 40 });
    assert.deepEqual(items.find((i) => i.label === 'always')?.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 13 } });
    assert.deepEqual(service2.completion(source, { line: 9, character: 0 }).every((i) => i.range?.start.line === 3), true);
  });

  it('never throws, whatever the cursor and the text', () => {
    for (const text of ['', '-', '- - -', 'services:\n  - [', ':\n  :\n    - :', 'a: |\n  b:\n', '---\nservices:\n  x:\n    ', '\t\tservices:\n\t', 'x: {a: [1, {b: }], "c,d": }', 'services: {web: {depends_on: [, ], ports: [{], }}']) {
      const lines = text.split('\n');
      lines.forEach((line, l) => {
        for (let c = 0; c <= line.length; c++) {
          const marked = lines.map((t, i) => (i === l ? `${t.slice(0, c)}|${t.slice(c)}` : t)).join('\n');
          assert.ok(Array.isArray(complete(marked)));
        }
      });
    }
  });
});
