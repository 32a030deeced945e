// Which files `dockhand lint` reads: .gitignore, globs, standard input, and the worker threads' order.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { knownRules, lintJson, run, tree } from './run-cli';

describe('file discovery', () => {
  let root: string;

  before(() => {
    root = tree({
      '.git/info/exclude': 'excluded/\n',
      '.gitignore': 'build/\n*.tmp.Dockerfile\n!keep.tmp.Dockerfile\n/sub/deep/\n',
      'build/Dockerfile': 'FROM alpine:3.20\n',
      'app/Dockerfile': 'FROM alpine:3.20\n',
      'app/x.tmp.Dockerfile': 'FROM alpine:3.20\n',
      'app/keep.tmp.Dockerfile': 'FROM alpine:3.20\n',
      'app/build/Dockerfile': 'FROM alpine:3.20\n',
      'nested/.gitignore': 'Dockerfile.dev\n',
      'nested/Dockerfile': 'FROM alpine:3.20\n',
      'nested/Dockerfile.dev': 'FROM alpine:3.20\n',
      'other/Dockerfile.dev': 'FROM alpine:3.20\n',
      'other/Containerfile': 'FROM alpine:3.20\n',
      'other/docker-compose.prod.yml': 'services:\n  web:\n    image: nginx:1.27\n',
      'other/values.yaml': 'replicas: 2\n',
      'excluded/Dockerfile': 'FROM alpine:3.20\n',
      'sub/deep/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'sub/compose.yml': 'services:\n  web:\n    image: nginx:1.27\n',
      'node_modules/dep/Dockerfile': 'FROM alpine:3.20\n',
      'flat/owner__repo__path__Dockerfile': 'FROM ubuntu\n',
      'flat/owner__repo__x__compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n',
      'flat/MANIFEST.tsv': 'not ours\n',
    });
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const files = (args: string[], cwd = root) => {
    const result = lintJson(args, { cwd });
    assert.equal(result.code, 0, result.stderr);
    return result.files.map((f) => f.file.split(path.sep).join('/'));
  };

  it('walks folders in a stable order, respecting nested .gitignore files and .git/info/exclude', () => {
    assert.deepEqual(files(['.']), [
      'app/Dockerfile',
      'app/keep.tmp.Dockerfile',
      'nested/Dockerfile',
      'other/Containerfile',
      'other/docker-compose.prod.yml',
      'other/Dockerfile.dev',
      'sub/compose.yml',
    ]);
  });

  it("applies the repository's .gitignore files above a folder given, but lints what is named", () => {
    assert.deepEqual(files(['sub']), ['sub/compose.yml']);
    assert.deepEqual(files(['build']), ['build/Dockerfile'], 'a folder named on the command line is linted');
    assert.deepEqual(files(['app/x.tmp.Dockerfile']), ['app/x.tmp.Dockerfile'], 'a file named on the command line is linted');
  });

  it('expands globs itself, with .gitignore and node_modules still left out', () => {
    assert.deepEqual(files(['**/Dockerfile']), ['app/Dockerfile', 'nested/Dockerfile']);
    assert.deepEqual(files(['other/*']), ['other/Containerfile', 'other/docker-compose.prod.yml', 'other/Dockerfile.dev']);
    assert.deepEqual(files(['app/*', 'app/Dockerfile']), ['app/Dockerfile', 'app/keep.tmp.Dockerfile'], 'each file once');
  });

  it('a glob takes files named like Dockerfiles or compose files even in a flat corpus', () => {
    const found = lintJson(['flat/*'], { cwd: root });
    assert.equal(found.code, 0);
    assert.deepEqual(
      found.files.map((f) => [f.file, f.diagnostics.map((d) => d.rule).filter((r) => r === 'untagged-base-image' || r === 'obsolete-version')]),
      [
        ['flat/owner__repo__path__Dockerfile', ['untagged-base-image']],
        ['flat/owner__repo__x__compose.yaml', ['obsolete-version']],
      ],
    );
    assert.deepEqual(files(['flat']), [], 'a folder walk keeps to the documented names');
    const none = run(['lint', 'nothing/*.Dockerfile'], { cwd: root });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^dockhand: no Dockerfile or compose file matches 'nothing\/\*\.Dockerfile'\n$/);
  });

  it('reads standard input as the file --stdin-filename names', () => {
    const plain = lintJson(['-', '--stdin-kind', 'dockerfile'], { cwd: root, input: 'FROM ubuntu\n' });
    assert.equal(plain.files[0]?.file, '<stdin>');
    assert.ok(plain.files[0]?.diagnostics.some((d) => d.rule === 'untagged-base-image'));

    fs.writeFileSync(path.join(root, 'sub', '.dockhand.yaml'), 'rules:\n  obsolete-version: off\n');
    try {
      const input = 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n';
      const configured = lintJson(['-', '--stdin-filename', 'sub/compose.yaml'], { cwd: root, input });
      assert.equal(configured.files[0]?.file, 'sub/compose.yaml');
      assert.deepEqual(configured.files[0]?.diagnostics.filter((d) => d.rule === 'obsolete-version'), [], '.dockhand.yaml beside the named path applies');
      const elsewhere = lintJson(['-', '--stdin-kind', 'compose'], { cwd: root, input });
      assert.ok(elsewhere.files[0]?.diagnostics.some((d) => d.rule === 'obsolete-version'));
    } finally {
      fs.rmSync(path.join(root, 'sub', '.dockhand.yaml'));
    }
    const unknown = run(['lint', '-'], { cwd: root, input: 'FROM ubuntu\n' });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--stdin-kind/);
  });

  it('cross-file rules see the neighbours of standard input and of linted files', (t) => {
    if (!knownRules().has('unknown-build-target')) {
      t.skip('no cross-file rule unknown-build-target in this build');
      return;
    }
    const project = tree({ 'Dockerfile': 'FROM alpine:3.20 AS base\n' });
    try {
      const compose = 'services:\n  web:\n    build:\n      context: .\n      target: missing\n';
      const stdin = lintJson(['-', '--stdin-filename', 'compose.yaml'], { cwd: project, input: compose });
      assert.ok(stdin.files[0]?.diagnostics.some((d) => d.rule === 'unknown-build-target'), JSON.stringify(stdin.files));
      fs.writeFileSync(path.join(project, 'compose.yaml'), compose);
      const walked = lintJson(['.'], { cwd: project });
      assert.ok(walked.files.find((f) => f.file === 'compose.yaml')?.diagnostics.some((d) => d.rule === 'unknown-build-target'));
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('worker threads', () => {
  it('give the same report, in the same order, as one thread; large trees use them by default', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 230; i++) {
      const name = `svc-${String(i).padStart(3, '0')}`;
      files[`${name}/Dockerfile`] = i % 3 === 0 ? 'FROM ubuntu\nMAINTAINER me\n' : `FROM alpine:3.${i % 20}\nCMD ./run ${i}\n`;
      if (i % 5 === 0) files[`${name}/compose.yaml`] = 'version: "3"\nservices:\n  web:\n    build: .\n';
    }
    const root = tree(files);
    try {
      const single = run(['lint', '--format', 'json', '--threads', '0', '.'], { cwd: root });
      const two = run(['lint', '--format', 'json', '--threads', '2', '.'], { cwd: root });
      const automatic = run(['lint', '--format', 'json', '.'], { cwd: root });
      assert.equal(single.code, 0, single.stderr);
      assert.equal(two.stdout, single.stdout);
      assert.equal(automatic.stdout, single.stdout);
      assert.equal((JSON.parse(single.stdout) as unknown[]).length, 230 + 46);
      const sarifOne = run(['lint', '--format', 'sarif', '--threads', '0', '.'], { cwd: root });
      const sarifTwo = run(['lint', '--format', 'sarif', '--threads', '3', '.'], { cwd: root });
      assert.equal(sarifTwo.stdout, sarifOne.stdout);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
