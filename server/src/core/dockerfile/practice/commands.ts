import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../model';
import type { ShellCommand, ShellScript, ShellWord } from '../shell';
import { type CommandPlace, placeOf } from './structure';

/** A simple command of a RUN as it runs: wrappers such as `sudo` or `env` stripped. */
export interface Invocation {
  command: ShellCommand;
  /** The program's base name: `/usr/bin/apt-get` is `apt-get`. */
  program: string;
  programWord: ShellWord;
  /** The words after the program. */
  args: ShellWord[];
  /** `NAME=value` prefixes, including those given to `env`. */
  assignments: string[];
  place: CommandPlace;
}

/** One RUN of a stage with its parsed commands. */
export interface RunInfo {
  stage: Stage;
  instruction: Instruction;
  script: ShellScript;
  invocations: Invocation[];
  mounts: RunMount[];
}

/** A `RUN --mount=...` flag. */
export interface RunMount {
  type: string;
  /** The target with ARG/ENV substituted when known. */
  target: string | undefined;
  from: string | undefined;
}

const wrappers = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'exec', 'command', 'doas', 'stdbuf', 'ionice', 'chronic', 'eatmydata']);

/** Options of the wrappers that take a value: `sudo -u user`, `nice -n 10`, `env -u NAME`. */
const wrapperValueOptions: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user']),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p', '-P', '-u']),
  doas: new Set(['-u', '-C']),
};

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

export function toInvocation(script: ShellScript, command: ShellCommand): Invocation {
  let program = command.name;
  let programWord = command.nameWord;
  let args = command.args;
  const assignments = [...command.assignments];
  for (let guard = 0; guard < 6 && wrappers.has(basename(program)); guard++) {
    const wrapper = basename(program);
    const valueOptions = wrapperValueOptions[wrapper];
    let index = 0;
    while (index < args.length) {
      const value = args[index]!.value;
      if (value === '--') {
        index++;
        break;
      }
      if (wrapper === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
        assignments.push(value);
        index++;
        continue;
      }
      if (!value.startsWith('-') || value === '-') break;
      index += valueOptions?.has(value) ? 2 : 1;
    }
    const next = args[index];
    if (!next) break;
    program = next.value;
    programWord = next;
    args = args.slice(index + 1);
  }
  return { command, program: basename(program), programWord, args, assignments, place: placeOf(script, command.start) };
}

function collect(model: DockerfileModel): { runs: RunInfo[]; byInstruction: Map<Instruction, RunInfo> } {
  return model.derived(collectRuns);
}

function collectRuns(model: DockerfileModel): { runs: RunInfo[]; byInstruction: Map<Instruction, RunInfo> } {
  const runs: RunInfo[] = [];
  const byInstruction = new Map<Instruction, RunInfo>();
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const script = safeScript(model, instruction);
      if (!script) continue;
      const run: RunInfo = {
        stage,
        instruction,
        script,
        invocations: script.commands.map((command) => toInvocation(script, command)),
        mounts: runMounts(model, instruction),
      };
      runs.push(run);
      byInstruction.set(instruction, run);
    }
  }
  return { runs, byInstruction };
}

/** The model's parse of a RUN; a script nested deeply enough to exhaust the stack counts as unparsed. */
function safeScript(model: DockerfileModel, instruction: Instruction): ShellScript | undefined {
  try {
    return model.shellScript(instruction);
  } catch {
    return undefined;
  }
}

/** Every shell-form RUN of the file, in order, with its commands; computed once per model. */
export function runsOf(model: DockerfileModel): readonly RunInfo[] {
  return collect(model).runs;
}

export function runOf(model: DockerfileModel, instruction: Instruction): RunInfo | undefined {
  return collect(model).byInstruction.get(instruction);
}

interface FlagLike {
  getName(): string;
  getOptions?(): { getName(): string; getValue(): string | null }[];
}

export function runMounts(model: DockerfileModel, instruction: Instruction): RunMount[] {
  const flags = (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? [];
  const mounts: RunMount[] = [];
  for (const flag of flags) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map<string, string>();
    for (const option of flag.getOptions?.() ?? []) options.set(option.getName().toLowerCase(), option.getValue() ?? '');
    const rawTarget = options.get('target') ?? options.get('dst') ?? options.get('destination');
    const target = rawTarget === undefined ? undefined : (model.substituteAt(instruction, rawTarget) ?? rawTarget);
    mounts.push({ type: (options.get('type') ?? 'bind').toLowerCase(), target: target?.replace(/\/+$/, '') || (target === undefined ? undefined : '/'), from: options.get('from') });
  }
  return mounts;
}

/** True when a cache or tmpfs mount covers `path` (the mount target is the path or one of its parents). */
export function mountCovers(mounts: readonly RunMount[], path: string): boolean {
  return mounts.some((mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== undefined && isSameOrParent(mount.target, path));
}

export function isSameOrParent(parent: string, path: string): boolean {
  if (parent === '/') return true;
  return path === parent || path.startsWith(`${parent}/`);
}

/** The words of a command that the shell expands (`$VAR`, `$(...)`, globs are not counted). */
export function hasExpansion(word: ShellWord): boolean {
  return /[$`]/.test(word.text.replace(/'[^']*'/g, ''));
}

/** By key of happenedBefore(): the first matching line of every stage. */
const firstLinesByKey = (): Map<string, Map<Stage, number>> => new Map();

/**
 * True when an instruction matching `test` comes before `instruction` in its stage,
 * or anywhere in a stage it is built FROM. The first matching line of every stage is
 * computed once per model and `key`, so asking for every RUN stays linear.
 */
export function happenedBefore(
  model: DockerfileModel,
  key: string,
  test: (instruction: Instruction, run: RunInfo | undefined) => boolean,
  stage: Stage,
  instruction: Instruction,
): boolean {
  const byKey = model.derived(firstLinesByKey);
  let byStage = byKey.get(key);
  if (!byStage) {
    byStage = new Map();
    for (const candidate of model.stages) {
      const found = candidate.instructions.find((i) => test(i, runOf(model, i)));
      byStage.set(candidate, found ? found.getRange().start.line : Number.POSITIVE_INFINITY);
    }
    byKey.set(key, byStage);
  }
  const line = instruction.getRange().start.line;
  if ((byStage.get(stage) ?? Number.POSITIVE_INFINITY) < line) return true;
  for (let parent = stage.parent, guard = 0; parent && parent !== stage && guard < 64; parent = parent.parent, guard++) {
    if ((byStage.get(parent) ?? Number.POSITIVE_INFINITY) < Number.POSITIVE_INFINITY) return true;
  }
  return false;
}

const shells = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox', 'source', '.']);

/**
 * True when the invocation runs code we cannot see: a script file (`./install.sh`,
 * `/usr/local/bin/setup`, `bash setup.sh`, `curl ... | sh`), which may do anything
 * a check is looking for.
 */
export function runsHiddenCode(invocation: Invocation): boolean {
  const program = invocation.programWord.value;
  if (program.includes('/') || program.endsWith('.sh')) return true;
  // `sh -c '...'` hides its script in a string as much as `sh script.sh` does.
  return shells.has(invocation.program);
}
