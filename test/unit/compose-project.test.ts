import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, type FileAccess, type Finding, memoryFileAccess } from '../../server/src/core';
import { ComposeModel } from '../../server/src/core/compose/model';
import { composeProject, loadDockerfile } from '../../server/src/core/compose/project';
import { nodeFileAccess, toCorePath } from '../../server/src/node/file-access';

/** Every compose rule, the ones off by default included, on a document at `path` beside `files`. */
function lint(text: string, files: FileAccess, documentPath = '/p/compose.yaml'): Finding[] {
  return analyzeText('compose', text, { rules: { 'service-without-init': 'info' } }, { files, path: documentPath }).findings;
}

const rules = (findings: readonly Finding[]): string[] => findings.map((f) => f.rule).sort();

describe('compose project view', () => {
  it('counts services, networks and volumes from included files as defined', () => {
    const files = memoryFileAccess({
      '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\nnetworks:\n  back: {}\n',
    });
    const text = 'include:\n  - ./db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    networks: [back]\n';
    assert.deepEqual(rules(lint(text, files)), []);
    assert.deepEqual(
      composeProject({ model: new ComposeModel(text), files, path: '/p/compose.yaml' }).includes.map((f) => f.path),
      ['/p/db/compose.yaml'],
    );
  });

  it('stays quiet about references when an included file cannot be read', () => {
    const text = 'include:\n  - ./missing/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n';
    assert.deepEqual(rules(lint(text, memoryFileAccess({}))), []);
  });

  it('follows extends into another file', () => {
    const files = memoryFileAccess({ '/p/common.yaml': 'services:\n  base:\n    image: node:22-slim\n' });
    assert.deepEqual(rules(lint('services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n', files)), []);
    const findings = lint('services:\n  web:\n    extends:\n      file: common.yaml\n      service: bsae\n', files);
    assert.deepEqual(rules(findings), ['undefined-extends-service']);
    assert.match(findings[0]!.message, /did you mean 'base'/);
  });

  it('merges compose.override.yaml with compose.yaml, in both directions', () => {
    const base = 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  front: {}\n';
    const override = 'services:\n  web:\n    ports:\n      - "8080:80"\n    networks: [front]\n';
    const files = memoryFileAccess({ '/p/compose.yaml': base, '/p/compose.override.yaml': override });
    assert.deepEqual(rules(lint(override, files, '/p/compose.override.yaml')), [], 'the override takes image and networks from the base');
    assert.deepEqual(rules(lint(base, files)), [], 'the network is used in the override');
    assert.deepEqual(rules(lint(base, memoryFileAccess({ '/p/compose.yaml': base }))), ['unused-network']);
  });

  it('says a pulled image may declare its own HEALTHCHECK, and reads the Dockerfile of a built one', () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n';
    const pulled = lint(`${compose}    image: postgres:17\n`, memoryFileAccess({})).filter((f) => f.rule === 'healthy-condition-without-healthcheck');
    assert.equal(pulled.length, 1);
    assert.match(pulled[0]!.message, /'db' sets no healthcheck, so unless image 'postgres:17' declares a HEALTHCHECK, Compose fails the start/);
    const built = `${compose}    build: ./db\n`;
    const withCheck = memoryFileAccess({ '/p/db/Dockerfile': 'FROM postgres:17\nHEALTHCHECK CMD pg_isready\n' });
    assert.deepEqual(lint(built, withCheck).filter((f) => f.rule === 'healthy-condition-without-healthcheck'), []);
    const without = lint(built, memoryFileAccess({ '/p/db/Dockerfile': 'FROM postgres:17\n' })).filter((f) => f.rule === 'healthy-condition-without-healthcheck');
    assert.match(without[0]!.message, /but 'db' has no healthcheck, so Compose fails the start/);
  });

  it('builds an override file\'s service from the base file\'s context, with the override\'s target', () => {
    const files = memoryFileAccess({
      '/p/compose.yaml': 'services:\n  web:\n    build:\n      context: ./app\n      target: prod\n',
      '/p/app/Dockerfile': 'FROM node:22-slim AS base\nFROM base AS dev\nFROM base AS prod\n',
    });
    const override = 'services:\n  web:\n    build:\n      target: dev\n      args:\n        A: b\n';
    const model = new ComposeModel(override);
    const link = composeProject({ model, files, path: '/p/compose.override.yaml' }).build(model.services[0]!);
    assert.equal(link?.dockerfilePath, '/p/app/Dockerfile');
    assert.equal(link?.targetStage?.name, 'dev');
    assert.ok(!rules(lint(override, files, '/p/compose.override.yaml')).includes('missing-dockerfile'));
    assert.ok(rules(lint(override.replace('target: dev', 'target: test'), files, '/p/compose.override.yaml')).includes('unknown-build-target'));
  });

  it('reads .env for interpolation, and only .env (env_file feeds the container)', () => {
    const text = 'services:\n  web:\n    image: "nginx:${TAG}"\n    env_file: ./web.env\n';
    const withEnv = memoryFileAccess({ '/p/.env': 'TAG=1.27\n', '/p/web.env': 'OTHER=1\n' });
    assert.deepEqual(rules(lint(text, withEnv)), []);
    const project = composeProject({ model: new ComposeModel(text), files: withEnv, path: '/p/compose.yaml' });
    assert.equal(project.interpolate('nginx:${TAG}'), 'nginx:1.27');
    assert.equal(project.interpolate('${UNKNOWN:-x}'), undefined, 'the shell may set it');
    const tagInEnvFileOnly = memoryFileAccess({ '/p/.env': 'OTHER=1\n', '/p/web.env': 'TAG=1.27\n' });
    assert.deepEqual(rules(lint(text, tagInEnvFileOnly)), ['unset-interpolation-variable']);
    assert.deepEqual(rules(lint(text, memoryFileAccess({ '/p/web.env': 'TAG=1\n' }))), [], 'no .env: values come from the shell');
  });

  it('resolves build contexts and Dockerfiles relative to the compose file, and reuses parsed Dockerfiles', () => {
    const dockerfile = 'FROM node:22-slim AS build\nFROM nginx:1.27 AS runtime\nEXPOSE 80\n';
    const files = memoryFileAccess({ '/p/web/web.Dockerfile': dockerfile });
    const model = new ComposeModel('services:\n  web:\n    image: example/web:1.0\n    build:\n      context: ./web\n      dockerfile: web.Dockerfile\n      target: runtime\n');
    const link = composeProject({ model, files, path: '/p/compose.yaml' }).build(model.services[0]!);
    assert.equal(link?.contextPath, '/p/web');
    assert.equal(link?.dockerfilePath, '/p/web/web.Dockerfile');
    assert.equal(link?.targetStage?.name, 'runtime');
    assert.equal(link?.dockerfile, loadDockerfile('/p/web/web.Dockerfile', dockerfile), 'parsed once per (path, text)');
  });

  it('names the real stages when build.target is misspelled (fixture workspace on disk)', () => {
    const file = path.join(__dirname, '..', 'fixtures', 'compose', 'build-target-typo', 'compose.yaml');
    const text = nodeFileAccess.readFile(toCorePath(file))!;
    const findings = lint(text, nodeFileAccess, toCorePath(file));
    const target = findings.filter((f) => f.rule === 'unknown-build-target');
    assert.equal(target.length, 1, JSON.stringify(findings));
    assert.equal(target[0]!.severity, 'error');
    assert.match(target[0]!.message, /'prodcution'.*its stages are 'base', 'development', 'production'; did you mean 'production'\?/);
    assert.deepEqual(target[0]!.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 24 } });
    const fixed = applyEdits(text, target[0]!.fix!.edits);
    assert.match(fixed, /target: production\n/);
    assert.deepEqual(
      lint(fixed, nodeFileAccess, toCorePath(file)).filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('checks build args, published ports and init against the Dockerfile', () => {
    const files = memoryFileAccess({ '/p/Dockerfile': 'FROM python:3.12-slim\nARG APP_VERSION\nEXPOSE 8000\nCMD ["python", "app.py"]\n' });
    const text = 'services:\n  app:\n    image: example/app:1.0\n    build:\n      context: .\n      args:\n        APP_VERSON: "1"\n    ports:\n      - "127.0.0.1:8080:8080"\n';
    assert.deepEqual(rules(lint(text, files)), ['service-without-init', 'undeclared-build-arg', 'unexposed-published-port']);
  });

  it('reports a missing context, Dockerfile, env_file and secret file, and nothing without a path', () => {
    const text = 'services:\n  app:\n    image: example/app:1.0\n    build: ./app\n    env_file: app.env\n    secrets: [key]\n  api:\n    image: example/api:1.0\n    build: .\nsecrets:\n  key:\n    file: ./key.txt\n';
    assert.deepEqual(rules(lint(text, memoryFileAccess({ '/p/compose.yaml': text }))), ['missing-build-context', 'missing-dockerfile', 'missing-env-file', 'missing-secret-file']);
    assert.deepEqual(rules(analyzeText('compose', text).findings), [], 'an unsaved document has no folder');
  });
});
