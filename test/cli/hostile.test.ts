// `dockhand lint` on paths that are not plain text files: FIFOs, symbolic link
// loops, binary and huge files, folders named like files, files outside the
// current folder. It never hangs, never writes raw control characters, and
// exits 2 with one line naming the file when it cannot lint one it was given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, tree } from './run-cli';

const fifoSupport = process.platform !== 'win32' && spawnSync('mkfifo', ['--help']).status === 0;
const asRoot = process.getuid?.() === 0;
// eslint-disable-next-line no-control-regex -- the tests look for control characters in what the CLI prints
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the run had to be killed. */
  error: Error | undefined;
}

function lint(args: readonly string[], cwd: string, timeout = 20_000): Run {
  const result = spawnSync(process.execPath, [cli, 'lint', '--shellcheck', 'off', ...args], { cwd, timeout, encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, error: result.error };
}

/** Exit 2, nothing on stdout, and one line on stderr matching `message`. */
function assertOneLineError(result: Run, message: RegExp): void {
  assert.equal(result.error, undefined, 'it finished');
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^dockhand: [^\n]+\n$/);
  assert.match(result.stderr, message);
}

describe('dockhand lint on hostile paths', () => {
  let root: string;
  before(() => {
    root = tree({
      'ws/app.Dockerfile': 'FROM alpine:3.20\nRUN true\n',
      'ws/Dockerfile/Dockerfile': 'FROM alpine:3.20\n',
      'ws/compose.yaml/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'other/Dockerfile': 'FROM ubuntu\n',
      'escape.Dockerfile': 'FROM alpine:3.20\n\u001b[2J\u001b]0;title\u0007 now\n',
    });
    fs.symlinkSync('loop.Dockerfile', path.join(root, 'ws', 'loop.Dockerfile'));
    fs.symlinkSync('nowhere', path.join(root, 'ws', 'dangling.Dockerfile'));
    fs.symlinkSync('..', path.join(root, 'ws', 'up'));
    fs.writeFileSync(path.join(root, 'binary.Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0x00, 0x07, 0x0a]));
    fs.writeFileSync(path.join(root, 'utf16.Dockerfile'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine:3.20\n', 'utf16le')]));
    if (fifoSupport) {
      spawnSync('mkfifo', [path.join(root, 'fifo.Dockerfile')]);
      spawnSync('mkfifo', [path.join(root, 'ws', 'pipe.Dockerfile')]);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits 2 on a FIFO given on the command line instead of waiting for a writer', { skip: fifoSupport ? false : 'no mkfifo here' }, () => {
    assertOneLineError(lint(['fifo.Dockerfile'], root, 10_000), /^dockhand: cannot lint 'fifo\.Dockerfile': it is a FIFO \(named pipe\), not a regular file \(to lint a pipe, pass '-' and send it on standard input\)\n$/);
  });

  it('exits 2 on a FIFO given as --config or to explain, instead of waiting for a writer', { skip: fifoSupport ? false : 'no mkfifo here' }, () => {
    assertOneLineError(lint(['--config', 'fifo.Dockerfile', 'ws/app.Dockerfile'], root, 10_000), /cannot read config file 'fifo\.Dockerfile': it is a FIFO/);
    const explained = spawnSync(process.execPath, [cli, 'explain', 'fifo.Dockerfile:1'], { cwd: root, timeout: 10_000, encoding: 'utf8' });
    assert.equal(explained.error, undefined, 'it finished');
    assert.equal(explained.status, 2);
    assert.match(explained.stderr, /^dockhand: cannot explain 'fifo\.Dockerfile': it is a FIFO \(named pipe\), not a regular file\n$/);
  });

  it('skips a FIFO, a symbolic link loop and a link to nowhere found in a folder, naming each on stderr, and lints the rest', () => {
    for (const args of [['ws'], ['ws/*'], ['--threads', '1', 'ws']]) {
      const result = lint(['--format', 'json', ...args], root);
      assert.equal(result.error, undefined, 'it finished');
      assert.equal(result.code, 0, result.stderr);
      const files = (JSON.parse(result.stdout) as { file: string }[]).map((file) => file.file);
      assert.deepEqual(files, ['ws/app.Dockerfile', 'ws/compose.yaml/compose.yaml', 'ws/Dockerfile/Dockerfile'], args.join(' '));
      const notes = [
        "dockhand: skipped 'ws/dangling.Dockerfile': it is a symbolic link to 'nowhere', which does not exist",
        "dockhand: skipped 'ws/loop.Dockerfile': it is a symbolic link loop",
        ...(fifoSupport ? ["dockhand: skipped 'ws/pipe.Dockerfile': it is a FIFO (named pipe), not a regular file"] : []),
      ];
      assert.equal(result.stderr, notes.map((note) => `${note}\n`).join(''), args.join(' '));
    }
  });

  it('reports a symbolic link loop given on the command line as a loop, and a link to nowhere as such', () => {
    assertOneLineError(lint(['ws/loop.Dockerfile'], root), /^dockhand: cannot read 'ws\/loop\.Dockerfile': it is a symbolic link loop\n$/);
    assertOneLineError(lint(['ws/dangling.Dockerfile'], root), /^dockhand: cannot read 'ws\/dangling\.Dockerfile': it is a symbolic link to 'nowhere', which does not exist\n$/);
    assertOneLineError(lint(['ws/missing.Dockerfile'], root), /^dockhand: cannot read 'ws\/missing\.Dockerfile': no such file or folder\n$/);
  });

  it('exits 2 on a binary file with one line, writing none of its bytes', () => {
    const result = lint(['binary.Dockerfile'], root);
    assertOneLineError(result, /^dockhand: cannot lint 'binary\.Dockerfile': it looks like a binary file \(it has NUL bytes\), not text\n$/);
    assert.doesNotMatch(result.stderr.slice(0, -1), controlCharacters);
    assertOneLineError(lint(['utf16.Dockerfile'], root), /^dockhand: cannot lint 'utf16\.Dockerfile': it is UTF-16 text \(it starts with a UTF-16 byte order mark\); dockhand reads UTF-8\n$/);
  });

  it('shows control characters of a text file as escapes, never raw', () => {
    const result = lint(['escape.Dockerfile'], root);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /\\x1B\[2J/);
    assert.doesNotMatch(result.stdout, controlCharacters);
  });

  it('shows control characters of a file name as escapes, never raw', { skip: process.platform === 'win32' ? 'such names are not allowed on Windows' : false }, () => {
    const folder = tree({ 'evil\u001b[2J.Dockerfile': 'FROM ubuntu\n' });
    try {
      const result = lint(['.'], folder);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^evil\\x1B\[2J\.Dockerfile$/m);
      assert.doesNotMatch(result.stdout, controlCharacters);
      const missing = lint(['gone\u001b[2J.Dockerfile'], folder);
      assertOneLineError(missing, /^dockhand: cannot read 'gone\\x1B\[2J\.Dockerfile': no such file or folder\n$/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names the real size and the real limit of a file too large to read', () => {
    const size = 10 * 1024 * 1024 + 52_429; // 10.05 MiB: one decimal would round it to the limit
    const folder = tree({});
    try {
      fs.writeFileSync(path.join(folder, 'big.Dockerfile'), Buffer.alloc(size, 'RUN echo x\n'));
      assertOneLineError(lint(['big.Dockerfile'], folder), /^dockhand: cannot lint 'big\.Dockerfile': it is 10,538,189 bytes \(10\.1 MiB\), over the 10 MiB \(10,485,760 bytes\) that dockhand reads\n$/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 2 naming a file it may not read', { skip: asRoot ? 'root reads any file' : process.platform === 'win32' ? 'no chmod on Windows' : false }, () => {
    const folder = tree({ 'Dockerfile': 'FROM alpine:3.20\n' });
    try {
      fs.chmodSync(path.join(folder, 'Dockerfile'), 0o000);
      assertOneLineError(lint(['Dockerfile'], folder), /^dockhand: cannot lint 'Dockerfile': permission denied\n$/);
    } finally {
      fs.chmodSync(path.join(folder, 'Dockerfile'), 0o644);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('walks a folder named like a Dockerfile or a compose file rather than reading it', () => {
    const result = lint(['--format', 'json', 'ws/Dockerfile', 'ws/compose.yaml'], root);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as { file: string }[]).map((file) => file.file), ['ws/Dockerfile/Dockerfile', 'ws/compose.yaml/compose.yaml']);
  });

  it('lints a file outside the current folder, reported by the path given', () => {
    const result = lint(['--format', 'json', '../other/Dockerfile'], path.join(root, 'ws'));
    assert.equal(result.code, 0, result.stderr);
    const [file, ...rest] = JSON.parse(result.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    assert.deepEqual(rest, []);
    assert.equal(file?.file, '../other/Dockerfile');
    assert.ok(file.diagnostics.some((d) => d.rule === 'untagged-base-image'), JSON.stringify(file.diagnostics));
  });

  it('gives the same error, and no report, on one thread and on workers', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`svc-${String(i).padStart(2, '0')}/Dockerfile`] = `FROM alpine:3.${i % 20}\n`;
    const folder = tree(files);
    try {
      fs.writeFileSync(path.join(folder, 'svc-25', 'Dockerfile'), Buffer.from([0x00, 0x01, 0x02]));
      fs.writeFileSync(path.join(folder, 'svc-31', 'Dockerfile'), Buffer.from([0x00, 0x01, 0x02]));
      const single = lint(['--threads', '0', '.'], folder);
      assertOneLineError(single, /^dockhand: cannot lint 'svc-25\/Dockerfile': it looks like a binary file/);
      for (const threads of ['1', '3']) {
        const workers = lint(['--threads', threads, '.'], folder);
        assert.deepEqual(workers, single, `--threads ${threads}`);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
