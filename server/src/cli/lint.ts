// `dockhand lint`: find the files, lint them (here or on workers), fix, report, and decide the exit code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Severity } from '../core';
import { CliError, type CliOptions, UsageError } from './arguments';
import { kindOfNamedFile, targetsFor } from './files';
import { formatReport, type ReportFile } from './format';
import { findShellcheck } from '../node/shellcheck';
import { type FileOutcome, FileLinter, type LinterOptions, type LintJob, readConfigFile } from './linter';
import { progress } from './progress';
import { lintInWorkers } from './workers';

/** Below this many files, starting workers costs more than it saves. */
const workerThreshold = 200;
/** Worker threads at most, besides this one (which lints too). */
const maxWorkers = 7;

const rank: Readonly<Record<Severity, number>> = { hint: 0, info: 1, warning: 2, error: 3 };

export async function lintCommand(options: CliOptions, version: string): Promise<number> {
  const jobs = collectJobs(options);
  if (options.config !== undefined) {
    const config = readConfigFile(options.config);
    if (typeof config === 'string') throw new CliError(config);
  }
  const shellcheck = options.shellcheck === 'off' ? undefined : findShellcheck(options.shellcheck === 'auto' ? undefined : options.shellcheck);
  if (shellcheck === undefined && options.shellcheck !== 'off' && options.shellcheck !== 'auto') throw new CliError(`no executable shellcheck at '${options.shellcheck}'`);
  const linterOptions: LinterOptions = { rules: options.rules, config: options.config, fix: options.fix, shellcheck };
  const outcomes = await lintJobs(jobs, linterOptions, workersFor(options.threads, jobs.length));

  const failed = outcomes.find((outcome) => outcome.error !== undefined);
  if (failed?.error !== undefined) throw new CliError(failed.error);
  if (options.fix !== 'none') reportFixes(outcomes);

  const files: ReportFile[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.ignored) return;
    const text = jobs[index]!.text;
    files.push({ file: outcome.file, absolute: outcome.absolute, kind: outcome.kind, findings: outcome.findings, ...(text === undefined ? {} : { text }) });
  });
  const color = options.color ?? (options.output === undefined && process.stdout.isTTY === true);
  writeReport(formatReport(options.format, files, { cwd: process.cwd(), color, version }), options.output);
  return exitCode(files, options);
}

function collectJobs(options: CliOptions): LintJob[] {
  const jobs: LintJob[] = [];
  const seen = new Set<string>();
  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    if (given === '-') {
      jobs.push(stdinJob(options));
      continue;
    }
    for (const target of targetsFor(given, options.kind, (note) => process.stderr.write(`dockhand: ${note}\n`))) {
      if (seen.has(target.absolute)) continue;
      seen.add(target.absolute);
      jobs.push(target);
    }
  }
  return jobs;
}

/** Standard input, standing for `--stdin-filename` (default: a file in the current folder) for configuration and neighbours. */
function stdinJob(options: CliOptions): LintJob {
  const name = options.stdinFilename;
  const kind = options.stdinKind ?? options.kind ?? (name === undefined ? undefined : (kindOfNamedFile(name, undefined) ?? (/\.ya?ml$/i.test(name) ? 'compose' : undefined)));
  if (!kind) throw new UsageError('say what standard input is with --stdin-kind dockerfile|compose (or a --stdin-filename named like one)');
  let text: string;
  try {
    text = fs.readFileSync(0, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read standard input: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { file: name ?? '<stdin>', absolute: path.resolve(name ?? '<stdin>'), kind, explicit: true, text };
}

/** Worker threads to start besides this one: one per other core for large trees. */
function workersFor(requested: number | undefined, files: number): number {
  if (requested !== undefined) return Math.min(requested, Math.max(0, files - 1));
  if (files <= workerThreshold) return 0;
  return Math.min(os.availableParallelism() - 1, maxWorkers);
}

async function lintJobs(jobs: readonly LintJob[], options: LinterOptions, workers: number): Promise<FileOutcome[]> {
  const shown = progress(jobs.length);
  try {
    if (workers > 0) return await lintInWorkers(jobs, options, workers, (done) => shown.update(done));
    const linter = new FileLinter(options);
    const outcomes: FileOutcome[] = [];
    for (const job of jobs) {
      const outcome = linter.lint(job);
      outcomes.push(outcome);
      if (outcome.error !== undefined) break;
      shown.update(outcomes.length);
    }
    return outcomes;
  } finally {
    shown.finish();
  }
}

function reportFixes(outcomes: readonly FileOutcome[]): void {
  let fixes = 0;
  let files = 0;
  for (const outcome of outcomes) {
    if (outcome.fix?.refused) process.stderr.write(`dockhand: left '${outcome.file}' unchanged: ${outcome.fix.refused}\n`);
    if (outcome.fix?.written) {
      fixes += outcome.fix.applied;
      files++;
    }
  }
  process.stderr.write(`dockhand: applied ${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}\n`);
}

function writeReport(text: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text);
  } catch (error) {
    throw new CliError(`cannot write '${output}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

function exitCode(files: readonly ReportFile[], options: CliOptions): number {
  const { failLevel, maxWarnings } = options;
  const findings = files.flatMap((file) => file.findings);
  const failing = failLevel !== 'none' && findings.some((finding) => rank[finding.severity] >= rank[failLevel]);
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`dockhand: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return failing ? 1 : 0;
}
