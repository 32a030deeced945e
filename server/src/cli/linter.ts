// Lints one file at a time through the LanguageService, as the editor does; runs in the main thread or a worker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from '@balena/dockerignore';
import { type Analysis, type DocumentKind, type Finding, LanguageService, type SeveritySetting } from '../core';
import { finishShellcheckFindings, type ShellcheckComment, type ShellcheckScript, shellcheckFindings, shellcheckScripts } from '../core/dockerfile/shellcheck';
import { runShellcheckSync } from '../node/shellcheck';
import { type ProjectConfig, readDockhandConfig, readHadolintConfig } from '../core/config';
import { dirname } from '../core/paths';
import { nodeFileAccess, toCorePath } from '../node/file-access';
import type { FixMode } from './arguments';
import { cachingFileAccess } from './file-cache';
import { applyFixes, newSyntaxError } from './fix';
import { printable } from './printable';
import { readTextFile } from './read-file';

/** What a worker needs to lint like the main thread: plain data only. */
export interface LinterOptions {
  rules: Record<string, SeveritySetting>;
  /** `--config FILE`, already checked by the main thread. */
  config: string | undefined;
  fix: FixMode;
  /** The ShellCheck binary to run on shell-form RUN, if any. */
  shellcheck?: string | undefined;
}

export interface LintJob {
  file: string;
  absolute: string;
  kind: DocumentKind;
  explicit: boolean;
  /** The text of standard input; files are read by the linter. */
  text?: string;
}

export interface FileOutcome {
  file: string;
  absolute: string;
  kind: DocumentKind;
  /** Left out by a `.dockhand.yaml` ignore pattern: not reported. */
  ignored: boolean;
  findings: Finding[];
  /** Unreadable file or broken configuration: the run exits 2 with this message. */
  error?: string;
  fix?: { applied: number; written: boolean; refused?: string };
}

/** `--config FILE`: a .dockhand.yaml or .hadolint.yaml (by name) used instead of the discovered ones; a string is a problem. */
export function readConfigFile(file: string): ProjectConfig | string {
  const read = readTextFile(file);
  if ('problem' in read) return `cannot read config file '${printable(file)}': ${read.problem}`;
  const text = read.text;
  const corePath = toCorePath(path.resolve(file));
  const config = /hadolint/i.test(path.basename(file)) ? readHadolintConfig(corePath, text) : readDockhandConfig(corePath, text);
  const [problem] = config.problems;
  return problem ? `${printable(file)}: ${problem.message}` : config;
}

export class FileLinter {
  private readonly service: LanguageService;
  private readonly settings: { rules: Record<string, SeveritySetting> };

  constructor(private readonly options: LinterOptions) {
    const config = options.config === undefined ? undefined : readConfigFile(options.config);
    if (typeof config === 'string') throw new Error(config);
    this.service = new LanguageService(cachingFileAccess(nodeFileAccess), config);
    this.settings = { rules: options.rules };
  }

  private withShellcheck(analysis: Analysis): Finding[] {
    return mergeShellcheck(analysis, this.options.shellcheck, this.options.rules);
  }

  lint(job: LintJob): FileOutcome {
    const outcome: FileOutcome = { file: job.file, absolute: job.absolute, kind: job.kind, ignored: false, findings: [] };
    const corePath = toCorePath(job.absolute);
    const config = this.service.configFor(dirname(corePath));
    const [problem] = config.problems;
    if (problem) return { ...outcome, error: `${problem.file}: ${problem.message}` };
    if (!job.explicit && isIgnored(corePath, config.ignorePaths)) return { ...outcome, ignored: true };

    let text = job.text;
    if (text === undefined) {
      const read = readTextFile(job.file);
      if ('problem' in read) return { ...outcome, error: `cannot lint '${printable(job.file)}': ${read.problem}` };
      text = read.text;
    }

    let version = 1;
    const analyze = (content: string) => this.service.analyze({ uri: corePath, path: corePath, kind: job.kind, version: version++, text: content }, this.settings);
    try {
      const analysis = analyze(text);
      if (this.options.fix === 'none') return { ...outcome, findings: this.withShellcheck(analysis) };
      const fixed = applyFixes(text, analysis, this.options.fix, analyze);
      if (fixed.text === text) return { ...outcome, findings: this.withShellcheck(fixed.analysis), fix: { applied: 0, written: false } };
      const broken = newSyntaxError(job.kind, text, fixed.text);
      if (broken) {
        return {
          ...outcome,
          findings: analysis.findings,
          fix: { applied: 0, written: false, refused: `the fixes would leave a syntax error at line ${broken.range.start.line + 1} (${broken.rule}: ${broken.message})` },
        };
      }
      try {
        fs.writeFileSync(job.file, fixed.text);
      } catch (error) {
        return { ...outcome, error: `cannot write '${printable(job.file)}': ${error instanceof Error ? error.message : String(error)}` };
      }
      return { ...outcome, findings: this.withShellcheck(fixed.analysis), fix: { applied: fixed.applied, written: true } };
    } finally {
      this.service.forget(corePath);
    }
  }
}

/** The analysis' findings plus ShellCheck's on its shell-form RUNs, in document order. */
function mergeShellcheck(analysis: Analysis, binary: string | undefined, rules: Record<string, SeveritySetting>): Finding[] {
  if (!binary || analysis.kind !== 'dockerfile') return analysis.findings;
  const model = analysis.model;
  const raw = shellcheckScripts(model).flatMap((script) => shellcheckFindings(model, script, shellcheckComments(binary, script)));
  const extra = finishShellcheckFindings(raw, { ...analysis.config.rules, ...rules }, analysis.suppressions);
  return [...analysis.findings, ...extra].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * ShellCheck's comments on a script, run once per distinct script and shell in
 * this process: repositories repeat the same RUN across Dockerfiles (the
 * corpus has 950 shell-form RUNs but 584 distinct scripts), and a comment's
 * place is relative to the script, so the same answer serves each copy.
 */
const shellcheckAnswers = new Map<string, ShellcheckComment[]>();
const maxShellcheckAnswers = 5000;

function shellcheckComments(binary: string, script: ShellcheckScript): ShellcheckComment[] {
  const key = `${binary}\0${script.shell}\0${script.text}`;
  let comments = shellcheckAnswers.get(key);
  if (comments === undefined) {
    comments = runShellcheckSync(binary, script);
    if (shellcheckAnswers.size >= maxShellcheckAnswers) shellcheckAnswers.clear();
    shellcheckAnswers.set(key, comments);
  }
  return comments;
}

/** True when a `.dockhand.yaml` `ignore` pattern matches the file (patterns are relative to that file's folder). */
function isIgnored(file: string, patterns: ProjectConfig['ignorePaths']): boolean {
  return patterns.some(({ base, pattern }) => {
    if (!file.startsWith(`${base}/`)) return false;
    return ignore().add(pattern).ignores(file.slice(base.length + 1));
  });
}
