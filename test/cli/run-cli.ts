import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as CI would, without a terminal. */
export function run(args: readonly string[], options: { cwd?: string; input?: string } = {}): CliRun {
  assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: options.cwd, input: options.input ?? '', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder holding `files` (relative path → content). */
export function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

export interface JsonFile {
  file: string;
  diagnostics: { rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fixable: string }[];
}

export function lintJson(args: readonly string[], options: { cwd?: string; input?: string } = {}): { code: number | null; files: JsonFile[]; stderr: string } {
  const result = run(['lint', '--format', 'json', ...args], options);
  assert.ok(result.stdout.startsWith('['), `no JSON on stdout (exit ${result.code}): ${result.stderr}`);
  return { code: result.code, files: JSON.parse(result.stdout) as JsonFile[], stderr: result.stderr };
}

/** Rule ids the built CLI knows, so tests that need a newer rule can skip without it. */
export function knownRules(): Set<string> {
  return new Set((JSON.parse(run(['rules', '--format', 'json']).stdout) as { id: string }[]).map((rule) => rule.id));
}
