import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dockhand CLI', () => {
  let folder: string;

  before(() => {
    assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-'));
    fs.mkdirSync(path.join(folder, 'app'));
    fs.mkdirSync(path.join(folder, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'app', 'Dockerfile'), 'FROM ubuntu\nMAINTAINER me\n');
    fs.writeFileSync(path.join(folder, 'compose.yaml'), 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n');
    fs.writeFileSync(path.join(folder, 'node_modules', 'dep', 'Dockerfile'), 'FROM ubuntu\n');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not ours');
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('rules --format json follows the contract', () => {
    const result = run(['rules', '--format', 'json']);
    assert.equal(result.code, 0);
    const rules = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.ok(rules.length >= 5);
    for (const rule of rules) {
      assert.deepEqual(Object.keys(rule), ['id', 'language', 'category', 'defaultSeverity', 'fixable', 'equivalents', 'docsUrl']);
      assert.match(String(rule['language']), /^(dockerfile|compose)$/);
      assert.match(String(rule['defaultSeverity']), /^(error|warning|info|hint)$/);
      assert.match(String(rule['fixable']), /^(none|safe|unsafe)$/);
      for (const equivalent of rule['equivalents'] as string[]) assert.match(equivalent, /^[a-z]+:\S+$/);
      assert.match(String(rule['docsUrl']), /^https:\/\/.+#/);
    }
  });

  it('lint --format json walks a folder, skips node_modules, and follows the contract', () => {
    const result = run(['lint', '--format', 'json', folder]);
    assert.equal(result.code, 0, result.stderr);
    const files = JSON.parse(result.stdout) as { file: string; diagnostics: { rule: string; severity: string; message: string; range: unknown; fixable: string }[] }[];
    assert.deepEqual(files.map((f) => path.relative(folder, f.file)).sort(), [path.join('app', 'Dockerfile'), 'compose.yaml']);
    const dockerfile = files.find((f) => f.file.endsWith('Dockerfile'))!;
    const untagged = dockerfile.diagnostics.find((d) => d.rule === 'untagged-base-image');
    assert.deepEqual(untagged?.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    assert.equal(untagged?.fixable, 'safe');
    assert.deepEqual(Object.keys(untagged ?? {}), ['rule', 'severity', 'message', 'range', 'fixable']);
  });

  it('exits 1 on an error-severity finding, and --rule changes severities', () => {
    const result = run(['lint', '--rule', 'untagged-base-image=error', path.join(folder, 'app', 'Dockerfile')]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /1:6 +error +Base image 'ubuntu' has no tag.* untagged-base-image/);
    assert.equal(run(['lint', '--rule', 'untagged-base-image=off', '--rule', 'maintainer-deprecated=off', path.join(folder, 'app', 'Dockerfile')]).stdout.trim(), 'No problems found in 1 file.');
  });

  it('exits 2 with a one-line message on usage errors and unreadable input', () => {
    for (const args of [['lint', path.join(folder, 'missing')], ['lint', '--format', 'xml'], ['frobnicate'], ['lint', path.join(folder, 'notes.txt')], ['lint', '--rule', 'x=loud']]) {
      const result = run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^dockhand: /);
    }
  });

  it('honours .dockhand.yaml found upward and --config, and rejects a broken config', () => {
    fs.writeFileSync(path.join(folder, '.dockhand.yaml'), 'rules:\n  maintainer-deprecated: off\nignore: [compose.yaml]\n');
    try {
      const files = JSON.parse(run(['lint', '--format', 'json', folder]).stdout) as { file: string; diagnostics: { rule: string }[] }[];
      assert.deepEqual(files.map((f) => path.basename(f.file)), ['Dockerfile']);
      assert.deepEqual(files[0]!.diagnostics.map((d) => d.rule).filter((r) => r === 'maintainer-deprecated'), []);
      const config = path.join(folder, 'strict.hadolint.yaml');
      fs.writeFileSync(config, 'override:\n  error: [DL4000]\n');
      assert.equal(run(['lint', '--config', config, path.join(folder, 'app')]).code, 1);
      fs.writeFileSync(path.join(folder, '.dockhand.yaml'), 'rules:\n  not-a-rule: off\n');
      const broken = run(['lint', folder]);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /unknown rule 'not-a-rule'/);
    } finally {
      fs.rmSync(path.join(folder, '.dockhand.yaml'));
    }
  });

  it('exit codes follow --fail-level and --max-warnings', () => {
    const dockerfile = path.join(folder, 'app', 'Dockerfile'); // warnings only
    assert.equal(run(['lint', dockerfile]).code, 0);
    assert.equal(run(['lint', '--fail-level', 'warning', dockerfile]).code, 1);
    assert.equal(run(['lint', '--fail-level', 'hint', dockerfile]).code, 1);
    assert.equal(run(['lint', '--fail-level', 'none', '--rule', 'untagged-base-image=error', dockerfile]).code, 0);
    assert.equal(run(['lint', '--max-warnings', '100', dockerfile]).code, 0);
    const tooMany = run(['lint', '--max-warnings', '0', dockerfile]);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, /^dockhand: \d+ warnings?, more than --max-warnings 0\n$/);
    assert.equal(run(['lint', '--rule', 'untagged-base-image=off', '--rule', 'maintainer-deprecated=off', '--max-warnings', '0', dockerfile]).code, 0);
  });

  it('exits 2 with one line on configuration and I/O errors', () => {
    const blocker = path.join(folder, 'notes.txt');
    const cases = [
      ['lint', '--config', path.join(folder, 'missing.yaml'), folder],
      ['lint', '--output', path.join(blocker, 'report.json'), path.join(folder, 'app')],
      ['lint', '--fail-level', 'loud'],
      ['lint', '--max-warnings', 'many'],
      ['lint', '--format', 'sarif', '--stdin-kind', 'dockerfile', folder],
      ['rules', '--format', 'sarif'],
      ['rules', 'no-such-rule'],
      ['explain', path.join(folder, 'app', 'Dockerfile')],
    ];
    for (const args of cases) {
      const result = run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^dockhand: [^\n]+\n$/, args.join(' '));
    }
  });

  it('rules prints a table of every rule', () => {
    const result = run(['rules']);
    assert.equal(result.code, 0);
    const ids = (JSON.parse(run(['rules', '--format', 'json']).stdout) as { id: string }[]).map((rule) => rule.id);
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]), ids);
    assert.match(result.stdout, /^untagged-base-image +dockerfile +warning +safe +\S/m);
  });

  it('help and version', () => {
    assert.match(run(['--help']).stdout, /dockhand lint/);
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });

  it('rules ID prints the docs', () => {
    const result = run(['rules', 'untagged-base-image']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Example:/);
    assert.match(result.stdout, /hadolint:DL3006/);
  });
});

describe('dockhand lint --shellcheck', () => {
  const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  it('adds ShellCheck findings as SC rules, configurable like rules', { skip: !hasShellcheck && 'shellcheck is not installed' }, () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-sc-'));
    try {
      fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM debian:12\nARG DIR=/x\nRUN ls $DIR $undefined_thing\n');
      const json = (args: string[]) => (JSON.parse(run(['lint', '--format', 'json', ...args, folder]).stdout) as { diagnostics: { rule: string; range: { start: { line: number; character: number } } }[] }[])[0]!.diagnostics.map((d) => `${d.rule}@${d.range.start.line}:${d.range.start.character}`);
      const found = json([]);
      assert.ok(found.includes('SC2154@2:12'), found.join(' '));
      assert.ok(!found.some((f) => f.startsWith('SC2154@2:7')), 'DIR is declared by ARG');
      assert.ok(!json(['--rule', 'SC2154=off']).some((f) => f.startsWith('SC2154')));
      assert.ok(!json(['--shellcheck', 'off']).some((f) => f.startsWith('SC')));
      assert.equal(run(['lint', '--shellcheck', path.join(folder, 'nope'), folder]).code, 2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
