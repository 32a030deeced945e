import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Explanation } from '../../server/src/cli/explain';
import { run, tree } from './run-cli';

const dockerfile = `ARG BASE=alpine:3.20
FROM \${BASE} AS build
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME
USER app
ARG VERSION=1.0
EXPOSE 8080
ENTRYPOINT ["/bin/server"]
CMD ["--port", "8080"]

FROM build AS final
RUN echo hi
`;

describe('dockhand explain', () => {
  let root: string;

  before(() => {
    root = tree({ 'Dockerfile': dockerfile, 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const explain = (line: number): Explanation => {
    const result = run(['explain', '--format', 'json', `Dockerfile:${line}`], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Explanation;
  };

  it('shows the state a stage inherits and the variables visible', () => {
    const at = explain(12);
    assert.deepEqual(at.instruction, { keyword: 'RUN', line: 12, text: 'RUN echo hi', position: 'at' });
    assert.deepEqual(at.stage, { index: 1, name: 'final', base: 'build', line: 11 });
    assert.equal(at.state?.user.before, 'app (line 5)');
    assert.equal(at.state?.workdir.before, '/srv/app (line 4)');
    assert.equal(at.state?.runs.before, '["/bin/server","--port","8080"]');
    assert.equal(at.state?.exposes.before, '8080 (line 7)');
    assert.equal(at.state?.distro.before, 'alpine');
    assert.deepEqual(
      at.variables.map((v) => [v.name, v.kind, v.resolvedValue, v.line]),
      [['APP_HOME', 'env', '/srv/app', 3]],
      'ENV is inherited from the stage built FROM, ARG is not',
    );
  });

  it('shows what the line changes, and the global ARGs a FROM line sees', () => {
    const user = explain(5);
    assert.deepEqual(user.state?.user, { before: 'root (not set; unless the base image sets a user)', after: 'app (line 5)' });
    assert.deepEqual(user.variables.map((v) => v.name), ['APP_HOME']);
    const from = explain(2);
    assert.deepEqual(from.variables.map((v) => [v.name, v.kind, v.origin]), [['BASE', 'arg', 'global ARG']]);
    const blank = explain(10);
    assert.deepEqual([blank.instruction?.position, blank.instruction?.line], ['after', 9]);
    assert.equal(blank.state?.cmd.before, '["--port","8080"] (exec form, line 9)');
    assert.deepEqual(blank.variables.map((v) => v.name), ['APP_HOME', 'VERSION']);
  });

  it('prints the same for people', () => {
    const result = run(['explain', 'Dockerfile:12'], { cwd: root });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Dockerfile:12: RUN echo hi\n/);
    assert.match(result.stdout, /User +app \(line 5\)/);
    assert.match(result.stdout, /ENV APP_HOME=\/srv\/app +\(line 3, ENV inherited from stage build\)/);
  });

  it('exits 2 for compose files, missing lines and missing files', () => {
    for (const where of ['compose.yaml:2', 'Dockerfile:99', 'Dockerfile:0', 'missing:1', 'Dockerfile']) {
      const result = run(['explain', where], { cwd: root });
      assert.equal(result.code, 2, where);
      assert.match(result.stderr, /^dockhand: [^\n]+\n$/, where);
    }
    assert.match(run(['explain', 'compose.yaml:2'], { cwd: root }).stderr, /Dockerfiles only/);
    assert.ok(path.isAbsolute(root));
  });
});
