// `dockhand explain FILE:LINE`: what the builder knows at a Dockerfile line, from the model the hovers use.
import * as path from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import { LanguageService } from '../core';
import type { DockerfileModel, Stage } from '../core/dockerfile/model';
import { type CommandSetting, effectiveCommandLine, type StageState } from '../core/dockerfile/state';
import type { VariableDefinition } from '../core/dockerfile/variables';
import { nodeFileAccess, toCorePath } from '../node/file-access';
import { CliError, type CliOptions, UsageError } from './arguments';
import { kindOfNamedFile } from './files';
import { printable } from './printable';
import { readTextFile } from './read-file';

interface Setting {
  /** As the instruction sees it. */
  before: string;
  /** When the instruction at the line changes it. */
  after?: string;
}

interface VariableRow {
  name: string;
  kind: 'arg' | 'env';
  value: string | null;
  /** With earlier variables substituted; null when a part is only known at build time. */
  resolvedValue: string | null;
  line: number;
  origin: string;
}

export interface Explanation {
  file: string;
  line: number;
  /** The instruction the line belongs to; for other lines, the one above it (or, at the top, the first one). */
  instruction: { keyword: string; line: number; text: string; position: 'at' | 'before' | 'after' } | null;
  stage: { index: number; name: string | null; base: string; line: number } | null;
  state: Record<'distro' | 'user' | 'workdir' | 'shell' | 'entrypoint' | 'cmd' | 'runs' | 'exposes' | 'healthcheck', Setting> | null;
  variables: VariableRow[];
}

export function explainCommand(options: CliOptions): string {
  const [where, ...extra] = options.paths;
  const match = where === undefined ? null : /^(.+):(\d+)$/.exec(where);
  if (!match || extra.length > 0) throw new UsageError('explain expects FILE:LINE, as in `dockhand explain Dockerfile:12`');
  const file = match[1]!;
  const line = Number(match[2]);
  const read = readTextFile(file);
  if ('problem' in read) throw new CliError(`cannot explain '${printable(file)}': ${read.problem}`);
  const text = read.text;
  const kind = kindOfNamedFile(file, options.kind) ?? 'dockerfile';
  if (kind !== 'dockerfile') throw new CliError('explain supports Dockerfiles only for now');
  const corePath = toCorePath(path.resolve(file));
  const analysis = new LanguageService(nodeFileAccess).analyze({ uri: corePath, path: corePath, kind, version: 1, text }, { rules: options.rules });
  if (analysis.kind !== 'dockerfile') throw new CliError('explain supports Dockerfiles only for now');
  if (line < 1 || line > analysis.model.lines.lineCount) throw new CliError(`'${printable(file)}' has ${analysis.model.lines.lineCount} lines; there is no line ${line}`);
  const explanation = explain(analysis.model, file, line - 1);
  return options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : render(explanation);
}

export function explain(model: DockerfileModel, file: string, line: number): Explanation {
  const instructions = model.instructions;
  let instruction: Instruction | undefined = instructions.find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
  let position: 'at' | 'before' | 'after' = 'at';
  // A blank or comment line: what holds after the instruction above it, or (at the top) before the first.
  if (!instruction) {
    instruction = instructions.filter((i) => i.getRange().end.line < line).pop();
    position = 'after';
  }
  if (!instruction) {
    instruction = instructions[0];
    position = 'before';
  }
  const explanation: Explanation = { file, line: line + 1, instruction: null, stage: null, state: null, variables: [] };
  if (!instruction) return explanation;
  const at = instruction.getRange().start.line;
  explanation.instruction = { keyword: instruction.getKeyword(), line: at + 1, text: model.lines.lineText(at).trim(), position };

  const stage = model.stages.find((s) => s.from === instruction || s.instructions.includes(instruction));
  const isFrom = stage?.from === instruction;
  if (stage) {
    explanation.stage = { index: stage.index, name: stage.name ?? null, base: stage.baseText, line: stage.from.getRange().start.line + 1 };
    // A FROM line shows the state its stage starts with; another instruction what it sees, and what it changes.
    const shown = isFrom || position === 'after' ? model.state.after(instruction) : model.state.before(instruction);
    const changed = position === 'at' && !isFrom ? model.state.after(instruction) : undefined;
    if (shown) explanation.state = describeState(model, stage, shown, changed);
  }

  let scope: Map<string, VariableDefinition>;
  if (isFrom && position === 'after') scope = new Map(stage?.parent ? model.variables.finalEnv(stage.parent) : []);
  else if (isFrom) scope = new Map(model.variables.definitions.filter((d) => !d.stage).map((d) => [d.name, d])); // FROM sees the global ARGs
  else scope = new Map(model.variables.scopeBefore(instruction));
  if (position === 'after' && !isFrom) {
    for (const definition of model.variables.definitions) if (definition.instruction === instruction) scope.set(definition.name, definition);
  }
  explanation.variables = [...scope.values()]
    .sort((a, b) => a.nameRange.start.line - b.nameRange.start.line || a.name.localeCompare(b.name))
    .map((definition) => variableRow(definition, stage));
  return explanation;
}

function describeState(model: DockerfileModel, stage: Stage, shown: StageState, after: StageState | undefined): Explanation['state'] {
  let root = stage;
  while (root.parent) root = root.parent;
  const fromScratch = root.isScratch;
  const describe = (state: StageState) => ({
    distro: state.distro,
    user: state.user ? `${state.user.value} (${lineOf(state.user.instruction)})` : `root (not set${fromScratch ? '' : '; unless the base image sets a user'})`,
    workdir: state.workdir ? `${state.workdir.value} (${lineOf(state.workdir.instruction)})` : `/ (not set${fromScratch ? '' : '; unless the base image sets one'})`,
    shell: `${JSON.stringify(state.shell.argv)} (${state.shell.instruction ? lineOf(state.shell.instruction) : 'default'})`,
    entrypoint: command(state.entrypoint, state.commandsFromBaseImage),
    cmd: command(state.cmd, state.commandsFromBaseImage),
    runs: runs(state),
    exposes: state.exposes.length > 0 ? state.exposes.map((e) => `${e.port} (${lineOf(e.instruction)})`).join(', ') : 'nothing',
    healthcheck: state.healthcheck ? `${model.lines.lineText(state.healthcheck.getRange().start.line).trim()} (${lineOf(state.healthcheck)})` : 'none set',
  });
  const first = describe(shown);
  const second = after ? describe(after) : undefined;
  const result = {} as NonNullable<Explanation['state']>;
  for (const key of Object.keys(first) as (keyof typeof first)[]) {
    result[key] = second && second[key] !== first[key] ? { before: first[key], after: second[key] } : { before: first[key] };
  }
  return result;
}

function lineOf(instruction: Instruction): string {
  return `line ${instruction.getRange().start.line + 1}`;
}

function command(setting: CommandSetting | undefined, fromBase: boolean): string {
  if (!setting) return fromBase ? "not set here (the base image's, if any)" : 'not set';
  return `${JSON.stringify(setting.argv)} (${setting.execForm ? 'exec' : 'shell'} form, ${lineOf(setting.instruction)})`;
}

function runs(state: StageState): string {
  const argv = effectiveCommandLine(state);
  if (!argv) return state.commandsFromBaseImage ? "the base image's command" : 'nothing (no ENTRYPOINT or CMD)';
  const partly = state.commandsFromBaseImage && !state.entrypoint ? " (ENTRYPOINT may come from the base image)" : '';
  return `${JSON.stringify(argv)}${partly}`;
}

function variableRow(definition: VariableDefinition, stage: Stage | undefined): VariableRow {
  let origin: string;
  if (!definition.stage) origin = 'global ARG';
  else if (stage && definition.stage !== stage) origin = `ENV inherited from stage ${definition.stage.name ?? definition.stage.index}`;
  else origin = definition.kind === 'arg' ? 'ARG in this stage (also settable with --build-arg)' : 'ENV in this stage';
  return {
    name: definition.name,
    kind: definition.kind,
    value: definition.value ?? null,
    resolvedValue: definition.resolvedValue ?? null,
    line: definition.nameRange.start.line + 1,
    origin,
  };
}

function render(explanation: Explanation): string {
  const out: string[] = [];
  const { instruction, stage, state } = explanation;
  if (!instruction) return `${explanation.file}:${explanation.line}: the file has no instructions.\n`;
  const where = instruction.position === 'at' ? '' : `, ${instruction.position} line ${instruction.line}`;
  out.push(`${explanation.file}:${explanation.line}${where}: ${instruction.text}`);
  out.push(stage ? `  Stage        ${stage.index}${stage.name ? ` '${stage.name}'` : ''}, FROM ${stage.base} (line ${stage.line})` : '  Stage        none yet: before the first FROM, only global ARGs exist');
  if (state) {
    const labels: Record<keyof NonNullable<Explanation['state']>, string> = {
      distro: 'Distro',
      user: 'User',
      workdir: 'Workdir',
      shell: 'Shell',
      entrypoint: 'Entrypoint',
      cmd: 'Cmd',
      runs: 'Runs',
      exposes: 'Exposes',
      healthcheck: 'Healthcheck',
    };
    for (const [key, label] of Object.entries(labels) as [keyof typeof labels, string][]) {
      const setting = state[key];
      out.push(`  ${label.padEnd(13)}${setting.before}${setting.after !== undefined ? `\n  ${''.padEnd(11)}→ ${setting.after}` : ''}`);
    }
  }
  if (state && Object.values(state).some((setting) => setting.after !== undefined)) out.push('  (→ what this line changes)');
  out.push(explanation.variables.length > 0 ? '  Variables visible here:' : '  Variables visible here: none');
  for (const variable of explanation.variables) {
    const value = variable.value === null ? '(no default)' : `=${variable.value}`;
    const resolved = variable.resolvedValue !== null && variable.resolvedValue !== variable.value ? ` → ${variable.resolvedValue}` : '';
    out.push(`    ${variable.kind.toUpperCase()} ${variable.name}${value}${resolved}  (line ${variable.line}, ${variable.origin})`);
  }
  return `${out.join('\n')}\n`;
}
