// Runs ShellCheck for the server and the CLI. Never for untrusted workspaces
// (the caller decides), with a time and size limit, and never through a shell.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ShellcheckComment, ShellcheckScript } from '../core/dockerfile/shellcheck';

export const shellcheckTimeoutMs = 5000;

/** The configured binary if it exists, else `shellcheck` on PATH, else undefined. */
export function findShellcheck(configured: string | undefined): string | undefined {
  if (configured) return isExecutable(configured) ? configured : undefined;
  for (const folder of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, process.platform === 'win32' ? 'shellcheck.exe' : 'shellcheck');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function args(script: ShellcheckScript): string[] {
  return ['--format=json1', `--shell=${script.shell}`, '--external-sources', '-'];
}

function parse(output: string): ShellcheckComment[] {
  try {
    const parsed = JSON.parse(output) as { comments?: ShellcheckComment[] };
    return Array.isArray(parsed.comments) ? parsed.comments : [];
  } catch {
    return [];
  }
}

/** Runs ShellCheck on one script, synchronously (the CLI). */
export function runShellcheckSync(binary: string, script: ShellcheckScript): ShellcheckComment[] {
  try {
    return parse(execFileSync(binary, args(script), { input: script.text, encoding: 'utf8', timeout: shellcheckTimeoutMs, maxBuffer: 4 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'] }));
  } catch (error) {
    // ShellCheck exits 1 when it has comments; its output is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    return typeof stdout === 'string' ? parse(stdout) : [];
  }
}

/** Runs ShellCheck on one script without blocking (the server). */
export function runShellcheck(binary: string, script: ShellcheckScript): Promise<ShellcheckComment[]> {
  return new Promise((resolve) => {
    const child = execFile(binary, args(script), { encoding: 'utf8', timeout: shellcheckTimeoutMs, maxBuffer: 4 * 1024 * 1024 }, (_error, stdout) => resolve(parse(stdout)));
    child.stdin?.on('error', () => resolve([]));
    child.stdin?.end(script.text);
  });
}
