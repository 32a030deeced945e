// Runs ShellCheck for the server and the CLI. Never for untrusted workspaces
// (the caller decides), with a time and size limit, and never through a shell.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ShellcheckComment, ShellcheckScript } from '../core/dockerfile/shellcheck';

export const shellcheckTimeoutMs = 5000;
/** ShellCheck's output is read up to this size; a script that makes more is reported as failed. */
const maxOutputBytes = 4 * 1024 * 1024;

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

/**
 * No `--external-sources`: a RUN's `. /etc/os-release` names a file of the
 * image, not of this machine, so ShellCheck must not open it; for the same
 * reason SC1090/SC1091 ("not following") would fire on every such line.
 */
function args(script: ShellcheckScript): string[] {
  return ['--format=json1', `--shell=${script.shell}`, '--exclude=SC1090,SC1091', '-'];
}

/** The comments on standard input (`file: "-"`), or undefined when the output is not ShellCheck's JSON. */
function parse(output: string): ShellcheckComment[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return undefined;
  }
  const comments = (parsed as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return undefined;
  return comments.filter(
    (c: Partial<ShellcheckComment & { file: unknown }>): c is ShellcheckComment =>
      (c.file === undefined || c.file === '-') && [c.line, c.endLine, c.column, c.endColumn, c.code].every(Number.isInteger) && typeof c.message === 'string' && typeof c.level === 'string',
  );
}

/** Runs ShellCheck on one script, synchronously (the CLI). */
export function runShellcheckSync(binary: string, script: ShellcheckScript): ShellcheckComment[] {
  try {
    return parse(execFileSync(binary, args(script), { input: script.text, encoding: 'utf8', timeout: shellcheckTimeoutMs, maxBuffer: maxOutputBytes, stdio: ['pipe', 'pipe', 'ignore'] })) ?? [];
  } catch (error) {
    // ShellCheck exits 1 when it has comments; its output is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    return (typeof stdout === 'string' ? parse(stdout) : undefined) ?? [];
  }
}

/** What one asynchronous run gave. */
export type ShellcheckOutcome =
  | { kind: 'comments'; comments: ShellcheckComment[] }
  /** Killed after `shellcheckTimeoutMs`. */
  | { kind: 'timeout' }
  /** Stopped through the abort signal (a newer version of the document). */
  | { kind: 'aborted' }
  /** Could not start, or did not print ShellCheck's JSON: `message` says which. */
  | { kind: 'failed'; message: string };

/**
 * Runs ShellCheck on one script without blocking (the server): started
 * directly (no shell), the script on stdin, killed after `shellcheckTimeoutMs`
 * or when `signal` aborts.
 */
export function runShellcheck(binary: string, script: ShellcheckScript, signal?: AbortSignal): Promise<ShellcheckOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ kind: 'aborted' });
      return;
    }
    const options = { encoding: 'utf8' as const, timeout: shellcheckTimeoutMs, killSignal: 'SIGKILL' as const, maxBuffer: maxOutputBytes, windowsHide: true, ...(signal && { signal }) };
    const child = execFile(binary, args(script), options, (error, stdout) => {
      const failure = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null }) | null;
      if (signal?.aborted) resolve({ kind: 'aborted' });
      else if (failure?.killed && failure.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') resolve({ kind: 'timeout' });
      else if (failure?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') resolve({ kind: 'failed', message: `printed more than ${maxOutputBytes / 1024 / 1024} MiB` });
      else if (typeof failure?.code === 'string') resolve({ kind: 'failed', message: `could not be started (${failure.code})` });
      else if (failure?.signal) resolve({ kind: 'failed', message: `was killed by ${failure.signal}` });
      else {
        const comments = parse(stdout);
        if (comments) resolve({ kind: 'comments', comments });
        else resolve({ kind: 'failed', message: `did not print ShellCheck's JSON${failure ? ` (exit code ${String(failure.code)})` : ''}` });
      }
    });
    // A binary that exits without reading its input closes the pipe: the callback above still reports it.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(script.text);
  });
}
