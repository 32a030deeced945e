// --fix round trips over every rule's bad fixtures: the result parses, a second pass changes nothing, comments stay.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allRules, analyzeText, type DocumentKind } from '../../server/src/core';
import { fixturesRoot } from '../helpers/rule-fixtures';
import { run, type CliRun, tree } from './run-cli';

interface Fixture {
  /** `rule/bad-name`, also its folder in the temporary tree. */
  name: string;
  kind: DocumentKind;
  fileName: string;
  text: string;
  neighbours: Record<string, string>;
}

function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const rule of fs.readdirSync(fixturesRoot).sort()) {
    const folder = path.join(fixturesRoot, rule);
    if (!fs.statSync(folder).isDirectory()) continue;
    const filesJson = path.join(folder, 'files.json');
    const neighbours = fs.existsSync(filesJson) ? (JSON.parse(fs.readFileSync(filesJson, 'utf8')) as Record<string, string>) : {};
    for (const name of fs.readdirSync(folder).sort()) {
      const match = /^bad.*\.(Dockerfile|ya?ml)$/.exec(name);
      if (!match) continue;
      const kind: DocumentKind = match[1] === 'Dockerfile' ? 'dockerfile' : 'compose';
      found.push({ name: `${rule}/${name.replace(/\./g, '-')}`, kind, fileName: kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml', text: fs.readFileSync(path.join(folder, name), 'utf8'), neighbours });
    }
  }
  return found;
}

/** Syntax errors by rule id, whatever the configuration: the test's own idea of "still parses". */
const syntaxRules = { rules: Object.fromEntries(allRules.map((rule) => [rule.id, rule.category === 'syntax' && (rule.defaultSeverity === 'error' || rule.id === 'yaml-syntax') ? 'error' : 'off'] as const)) };
function syntaxErrors(kind: DocumentKind, text: string): string[] {
  return analyzeText(kind, text, syntaxRules)
    .findings.map((finding) => finding.rule)
    .sort();
}

/** Comment lines, but not parser directives (`# syntax=`, `# escape=`, `# check=`), which a fix may rightly remove. */
function commentLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^\s*#/.test(line) && !/^#\s*(?:syntax|escape|check)\s*=/i.test(line));
}

function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(root, full), fs.readFileSync(full, 'utf8'));
    }
  }
  return files;
}

const all = fixtures();

for (const mode of ['--fix', '--fix-unsafe'] as const) {
  describe(`${mode} round trips on the rule fixtures`, () => {
    let root: string;
    let first: CliRun;
    let second: CliRun;
    let afterFirst: Map<string, string>;
    let afterSecond: Map<string, string>;

    before(() => {
      const files: Record<string, string> = {};
      for (const fixture of all) {
        for (const [relative, content] of Object.entries(fixture.neighbours)) files[`${fixture.name}/${relative}`] = content;
        files[`${fixture.name}/${fixture.fileName}`] = fixture.text;
      }
      root = tree(files);
      first = run(['lint', mode, '--format', 'json', '--threads', '0', '.'], { cwd: root });
      afterFirst = snapshot(root);
      second = run(['lint', mode, '--format', 'json', '--threads', '0', '.'], { cwd: root });
      afterSecond = snapshot(root);
    });

    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('fixes something, refuses nothing, and reports the fixed files', () => {
      assert.notEqual(first.code, 2, first.stderr);
      assert.match(first.stderr, /applied [1-9]\d* fix(es)? in [1-9]\d* files?/);
      assert.doesNotMatch(first.stderr, /unchanged/, 'a fix would have broken a file');
      assert.ok(JSON.parse(first.stdout));
    });

    it('a second run applies nothing and changes no file', () => {
      assert.match(second.stderr, /applied 0 fixes in 0 files/);
      const changed = [...afterSecond].filter(([file, text]) => afterFirst.get(file) !== text).map(([file]) => file);
      assert.deepEqual(changed, []);
    });

    for (const fixture of all) {
      it(`${fixture.name}: still parses and keeps its comments`, () => {
        const fixed = afterFirst.get(path.join(fixture.name, fixture.fileName));
        assert.ok(fixed !== undefined);
        const before = syntaxErrors(fixture.kind, fixture.text);
        const added = syntaxErrors(fixture.kind, fixed).filter((rule) => {
          const at = before.indexOf(rule);
          if (at >= 0) before.splice(at, 1);
          return at < 0;
        });
        assert.deepEqual(added, [], 'the fixes added syntax errors');
        assert.deepEqual(commentLines(fixed), commentLines(fixture.text));
      });
    }
  });
}

describe('--fix safety', () => {
  it('applies only safe fixes unless --fix-unsafe, and never touches standard input', () => {
    const root = tree({ 'Dockerfile': 'FROM ubuntu\nCMD bash\n' });
    try {
      const safe = run(['lint', '--fix', 'Dockerfile'], { cwd: root });
      assert.match(safe.stderr, /applied 1 fix in 1 file/);
      const fixed = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
      assert.match(fixed, /^FROM ubuntu:\S+\nCMD bash\n$/, 'the safe untagged-base-image fix only');
      assert.doesNotMatch(safe.stdout, /untagged-base-image/, 'the report is on the fixed content');
      assert.match(safe.stdout, /shell-form-command/);
      run(['lint', '--fix-unsafe', 'Dockerfile'], { cwd: root });
      assert.match(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), /^CMD \[/m);
      const stdin = run(['lint', '--fix', '-', '--stdin-kind', 'dockerfile'], { cwd: root, input: 'FROM ubuntu\n' });
      assert.equal(stdin.code, 2);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not write a file whose fixes would break its syntax', async () => {
    // Core fixes are meant to keep files parseable; the guard is tested through the function the CLI uses.
    const { applyFixes, newSyntaxError } = await import('../../server/src/cli/fix');
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const breaking = { ...analyzeText('compose', text), findings: [{ rule: 'obsolete-version', severity: 'warning' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fix: { title: 't', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x: [\n' }] } }] };
    const fixed = applyFixes(text, breaking, 'safe', (next) => ({ ...analyzeText('compose', next), findings: [] }));
    assert.equal(fixed.applied, 1);
    assert.equal(newSyntaxError('compose', text, fixed.text)?.rule, 'yaml-syntax');
    assert.equal(newSyntaxError('compose', text, text), undefined);
    assert.ok(os.tmpdir());
  });
});
