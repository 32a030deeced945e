import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel, Stage } from '../model';
import { effectiveCommand, type ShellCommand, type ShellScript, type ShellWord } from '../shell';

/** One simple command of a RUN, with what actually runs once `sudo`, `env` and the like are stripped. */
export interface RunCommand {
  stage: Stage;
  instruction: Instruction;
  script: ShellScript;
  command: ShellCommand;
  /** The program's base name (`/usr/bin/curl` is `curl`). */
  name: string;
  args: ShellWord[];
  /** `NAME=value` given to this command: prefix assignments and `env NAME=value`. */
  environment: { name: string; value: string; start: number; end: number }[];
}

/** By stage object: several rules ask for the same stages (rules may pass a stage with fewer instructions). */
const commandsByStage = (): Map<Stage, RunCommand[]> => new Map();

/** Every command of every RUN in the stage, in order. Shared between rules: do not modify. */
export function runCommands(model: DockerfileModel, stage: Stage): RunCommand[] {
  const byStage = model.derived(commandsByStage);
  let out = byStage.get(stage);
  if (!out) {
    out = [];
    for (const instruction of stage.instructions) {
      const script = model.shellScript(instruction);
      if (!script) continue;
      for (const command of script.commands) out.push(toRunCommand(stage, instruction, script, command));
    }
    byStage.set(stage, out);
  }
  return out;
}

const commandsByInstruction = (): Map<Stage, Map<Instruction, RunCommand[]>> => new Map();

/** The commands of one RUN of the stage, in order (a slice of runCommands). Shared between rules: do not modify. */
export function instructionRunCommands(model: DockerfileModel, stage: Stage, instruction: Instruction): readonly RunCommand[] {
  const byInstruction = model.derived(commandsByInstruction);
  let grouped = byInstruction.get(stage);
  if (!grouped) {
    grouped = new Map();
    for (const command of runCommands(model, stage)) {
      const list = grouped.get(command.instruction);
      if (list) list.push(command);
      else grouped.set(command.instruction, [command]);
    }
    byInstruction.set(stage, grouped);
  }
  return grouped.get(instruction) ?? [];
}

/** Every command of every RUN in the file. Shared between rules: do not modify. */
export function allRunCommands(model: DockerfileModel): RunCommand[] {
  return model.derived(everyRunCommand);
}

function everyRunCommand(model: DockerfileModel): RunCommand[] {
  return model.stages.flatMap((stage) => runCommands(model, stage));
}

function toRunCommand(stage: Stage, instruction: Instruction, script: ShellScript, command: ShellCommand): RunCommand {
  const effective = effectiveCommand(command);
  const environment: RunCommand['environment'] = [];
  // Prefix assignments keep only their text, so find them between the command start and its name.
  let searchFrom = command.start - script.offset;
  const prefixEnd = command.nameWord.start - script.offset;
  for (const assignment of command.assignments) {
    const at = script.source.indexOf(assignment, searchFrom);
    if (at < 0 || at >= prefixEnd) continue;
    const parsed = splitAssignment(assignment);
    if (parsed) environment.push({ name: parsed.name, value: parsed.value, start: script.offset + at, end: script.offset + at + assignment.length });
    searchFrom = at + assignment.length;
  }
  if (command.name === 'env') {
    for (const word of command.args) {
      if (word.value.startsWith('-')) continue;
      const parsed = splitAssignment(word.value);
      if (!parsed) break;
      environment.push({ name: parsed.name, value: parsed.value, start: word.start, end: word.end });
    }
  } else if (/^(?:export|declare|typeset|readonly|local)$/.test(command.name)) {
    // The shell model keeps only plain words, so read `export NAME=value` assignments from the source.
    const from = command.nameWord.end - script.offset;
    const text = script.source.slice(from, command.end - script.offset);
    const pattern = /(^|\s)([A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|[^\s;&|]*))/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const parsed = splitAssignment(match[2]!);
      const start = script.offset + from + match.index + match[1]!.length;
      if (parsed) environment.push({ name: parsed.name, value: parsed.value, start, end: start + match[2]!.length });
    }
  }
  return { stage, instruction, script, command, name: baseName(effective.name), args: effective.args, environment };
}

function splitAssignment(text: string): { name: string; value: string } | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
  if (!match) return undefined;
  return { name: match[1]!, value: unquote(match[2]!) };
}

function unquote(text: string): string {
  if (text.length >= 2 && (text.startsWith('"') || text.startsWith("'")) && text.endsWith(text[0]!)) return text.slice(1, -1);
  return text;
}

export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/** Options found in a command line: `-k` inside `-fsSLk`, `--insecure`, `--opt=value`. */
export interface OptionHit {
  /** `-k` or `--insecure`. */
  option: string;
  value: string | undefined;
  word: ShellWord;
}

export interface OptionSpec {
  /** Short options that take a value (the rest of the cluster, or the next word). */
  shortWithValue?: string;
  /** Long options that take a value in the next word when written without `=`. */
  longWithValue?: readonly string[];
}

/**
 * Reads the options of a command the way getopt does, so that `-o k` (a value)
 * is not mistaken for `-k`. Stops at `--`.
 */
export function scanOptions(args: readonly ShellWord[], spec: OptionSpec = {}): OptionHit[] {
  const hits: OptionHit[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === '--') break;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const option = eq < 0 ? text : text.slice(0, eq);
      let value = eq < 0 ? undefined : text.slice(eq + 1);
      if (value === undefined && spec.longWithValue?.includes(option)) value = args[++i]?.value;
      hits.push({ option, value, word });
    } else if (text.startsWith('-') && text.length > 1) {
      for (let j = 1; j < text.length; j++) {
        const letter = text[j]!;
        if (spec.shortWithValue?.includes(letter)) {
          const rest = text.slice(j + 1);
          hits.push({ option: `-${letter}`, value: rest || args[++i]?.value, word });
          break;
        }
        hits.push({ option: `-${letter}`, value: undefined, word });
      }
    }
  }
  return hits;
}

/** The operands (not options, not option values) of a command. */
export function operands(args: readonly ShellWord[], spec: OptionSpec = {}): ShellWord[] {
  const out: ShellWord[] = [];
  let afterDashes = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (afterDashes) {
      out.push(word);
    } else if (text === '--') {
      afterDashes = true;
    } else if (text.startsWith('--')) {
      if (!text.includes('=') && spec.longWithValue?.includes(text)) i++;
    } else if (text.startsWith('-') && text.length > 1) {
      for (let j = 1; j < text.length; j++) {
        if (spec.shortWithValue?.includes(text[j]!)) {
          if (j === text.length - 1) i++;
          break;
        }
      }
    } else {
      out.push(word);
    }
  }
  return out;
}

export function wordRange(model: DockerfileModel, word: { start: number; end: number }): Range {
  return model.lines.rangeOf(word.start, word.end);
}

/** True when the word is written literally: no variable, command substitution or glob. */
export function isLiteral(word: ShellWord): boolean {
  return !/[$`*?[\]{}]/.test(word.text);
}

/** The stage and the stages it is built FROM, oldest first: all of them end up in its image. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
  }
  return chain;
}

/** The stage that becomes the image when no --target is given. */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}
