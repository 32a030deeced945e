// ShellCheck for shell-form RUN: the core builds the scripts and maps the
// results back; the faces run the binary (only in trusted workspaces).
import type { Instruction } from 'dockerfile-ast';
import type { RuleSettings } from '../rules/engine';
import type { Finding, Severity } from '../rules/rule';
import { applySuppressions, type Suppression } from '../rules/suppressions';
import type { Range } from '../text';
import type { DockerfileModel } from './model';
import { proxyArgs } from './variables';

/** One RUN as ShellCheck will read it. */
export interface ShellcheckScript {
  instruction: Instruction;
  /** `sh`, `bash`, `dash` or `ksh`: the shell the SHELL instruction (or the default) names. */
  shell: string;
  /** The text to pass on standard input or as a file. */
  text: string;
  /** Lines of `text` before the RUN's own script (the shebang and declarations). */
  headerLines: number;
  /** Where the script starts in the Dockerfile, and its text as the model blanked it. */
  offset: number;
  source: string;
}

/** A comment of `shellcheck -f json1`. */
export interface ShellcheckComment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  /** error, warning, info or style. */
  level: string;
  code: number;
  message: string;
}

/** Scripts larger than this are not sent to ShellCheck. */
export const maxShellcheckScriptBytes = 64 * 1024;

const shellNames = /(?:^|\/)(bash|dash|ksh|sh|ash)$/;

/**
 * The shell-form RUNs of a Dockerfile as scripts for ShellCheck: with the
 * shell from SHELL, and every ARG and ENV visible at that point exported in a
 * header, so that SC2154 ("referenced but not assigned") does not fire on them.
 */
export function shellcheckScripts(model: DockerfileModel): ShellcheckScript[] {
  const scripts: ShellcheckScript[] = [];
  for (const instruction of model.instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const script = model.shellScript(instruction);
    if (!script || script.source.length > maxShellcheckScriptBytes || script.source.trim() === '') continue;
    const program = model.state.before(instruction)?.shell.argv[0] ?? '/bin/sh';
    const match = shellNames.exec(program);
    if (!match) continue;
    const shell = match[1] === 'ash' ? 'sh' : (match[1] ?? 'sh');
    const names = new Set([...model.variables.scopeBefore(instruction).keys(), ...proxyArgs]);
    const declarations = [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)).map((name) => `export ${name}=""`);
    const header = [`#!/bin/${shell}`, ...declarations];
    scripts.push({ instruction, shell, text: `${header.join('\n')}\n${script.source}\n`, headerLines: header.length, offset: script.offset, source: script.source });
  }
  return scripts;
}

const levels: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

/** Maps ShellCheck's comments on one script back to findings in the Dockerfile, named `SC1234`. */
export function shellcheckFindings(model: DockerfileModel, script: ShellcheckScript, comments: readonly ShellcheckComment[]): Finding[] {
  const lineStarts = [0];
  for (let i = 0; i < script.source.length; i++) if (script.source[i] === '\n') lineStarts.push(i + 1);
  const toOffset = (line: number, column: number): number | undefined => {
    const scriptLine = line - 1 - script.headerLines;
    const start = lineStarts[scriptLine];
    if (start === undefined) return undefined;
    const lineEnd = lineStarts[scriptLine + 1] !== undefined ? lineStarts[scriptLine + 1]! - 1 : script.source.length;
    return script.offset + Math.min(start + Math.max(0, column - 1), lineEnd);
  };
  const findings: Finding[] = [];
  for (const comment of comments) {
    const start = toOffset(comment.line, comment.column);
    const end = toOffset(comment.endLine, comment.endColumn);
    if (start === undefined) continue;
    const range: Range = model.lines.rangeOf(start, Math.max(start, end ?? start));
    findings.push({ rule: `SC${comment.code}`, severity: levels[comment.level] ?? 'info', message: `${comment.message} (ShellCheck)`, range });
  }
  return findings;
}

/**
 * Applies what applies to rules: severities and `off` from settings and
 * configuration, suppression comments (`# dockhand-ignore SC2086`,
 * `# hadolint ignore=SC2086`). `settings` are the effective rule settings.
 */
export function finishShellcheckFindings(findings: readonly Finding[], settings: RuleSettings, suppressions: readonly Suppression[]): Finding[] {
  const configured: Finding[] = [];
  for (const finding of findings) {
    const setting = settings[finding.rule];
    if (setting === 'off') continue;
    configured.push(setting ? { ...finding, severity: setting } : finding);
  }
  return applySuppressions(configured, suppressions, undefined).findings;
}