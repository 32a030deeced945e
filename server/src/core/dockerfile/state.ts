import type { Instruction } from 'dockerfile-ast';
import { resolve as resolvePath } from '../paths';
import { type DistroFamily, distroOfImage, distroOfPackageManager } from './distro';
import { isExecForm } from './instruction-form';
import type { Stage } from './model';

/** A CMD or ENTRYPOINT as the container will see it. */
export interface CommandSetting {
  instruction: Instruction;
  execForm: boolean;
  /** Exec form: the JSON array; shell form: the shell followed by the command line. */
  argv: string[];
}

/** What an instruction leaves behind for the rest of the stage and the container. */
export interface StageState {
  /** undefined: not set in this Dockerfile, so the base image's user (root unless the image says otherwise). */
  user: { value: string; instruction: Instruction } | undefined;
  /** undefined: not set, so the base image's (`/` unless the image says otherwise). */
  workdir: { value: string; instruction: Instruction } | undefined;
  shell: { argv: string[]; instruction: Instruction | undefined };
  entrypoint: CommandSetting | undefined;
  cmd: CommandSetting | undefined;
  /** True when CMD/ENTRYPOINT may still come from a base image this Dockerfile does not show. */
  commandsFromBaseImage: boolean;
  exposes: { port: string; instruction: Instruction }[];
  healthcheck: Instruction | undefined;
  distro: DistroFamily;
}

const defaultShell = ['/bin/sh', '-c'];

function initialState(stage: Stage, finalOf: (stage: Stage) => StageState): StageState {
  if (stage.parent) {
    const parent = finalOf(stage.parent);
    return { ...parent, exposes: [...parent.exposes] };
  }
  const distro: DistroFamily = stage.isScratch ? 'scratch' : stage.image ? distroOfImage(stage.image) : 'unknown';
  return {
    user: undefined,
    workdir: undefined,
    shell: { argv: distro === 'windows' ? ['cmd', '/S', '/C'] : defaultShell, instruction: undefined },
    entrypoint: undefined,
    cmd: undefined,
    commandsFromBaseImage: !stage.isScratch,
    exposes: [],
    healthcheck: undefined,
    distro,
  };
}

export interface StateModel {
  /** State right after the instruction (for FROM: the stage's starting state). */
  after(instruction: Instruction): StageState | undefined;
  /** State right before the instruction. */
  before(instruction: Instruction): StageState | undefined;
  final(stage: Stage): StageState;
}

/**
 * Replays each stage's instructions to know the effective USER, WORKDIR, SHELL,
 * ENTRYPOINT, CMD, EXPOSE and HEALTHCHECK at any point, inheriting from the
 * stage a FROM names. Variables are taken as written.
 */
export function analyzeState(stages: readonly Stage[], resolveText: (instruction: Instruction, text: string) => string): StateModel {
  const afterMap = new Map<Instruction, StageState>();
  const beforeMap = new Map<Instruction, StageState>();
  const finals = new Map<Stage, StageState>();
  const finalOf = (stage: Stage): StageState => finals.get(stage) ?? replay(stage);

  function replay(stage: Stage): StageState {
    let state = initialState(stage, finalOf);
    afterMap.set(stage.from, state);
    let cmdSetHere = false;
    for (const instruction of stage.instructions) {
      beforeMap.set(instruction, state);
      const keyword = instruction.getKeyword();
      switch (keyword) {
        case 'USER': {
          const content = argumentsText(instruction);
          if (content) state = { ...state, user: { value: resolveText(instruction, content), instruction } };
          break;
        }
        case 'WORKDIR': {
          const content = argumentsText(instruction);
          if (content) {
            const path = resolveText(instruction, content);
            const base = state.workdir?.value ?? '/';
            state = { ...state, workdir: { value: path.startsWith('/') || /^[A-Za-z]:/.test(path) ? path : resolvePath(base, path), instruction } };
          }
          break;
        }
        case 'SHELL': {
          const argv = jsonArray(instruction);
          if (argv) state = { ...state, shell: { argv, instruction } };
          break;
        }
        case 'CMD':
          state = { ...state, cmd: commandSetting(instruction, state.shell.argv) };
          cmdSetHere = true;
          break;
        case 'ENTRYPOINT':
          // Setting ENTRYPOINT clears a CMD inherited from the base; a CMD set earlier in this stage stays.
          state = { ...state, entrypoint: commandSetting(instruction, state.shell.argv), cmd: cmdSetHere ? state.cmd : undefined, commandsFromBaseImage: false };
          break;
        case 'EXPOSE':
          state = { ...state, exposes: [...state.exposes, ...instruction.getArguments().map((a) => ({ port: resolveText(instruction, a.getValue()), instruction }))] };
          break;
        case 'HEALTHCHECK':
          state = { ...state, healthcheck: instruction };
          break;
        case 'RUN':
          if (state.distro === 'unknown') {
            const manager = /(?:^|[\s;&|(])(apt-get|apt|apk|dnf|microdnf|yum|zypper)\s/.exec(argumentsText(instruction))?.[1];
            const distro = manager ? distroOfPackageManager(manager) : undefined;
            if (distro) state = { ...state, distro };
          }
          break;
      }
      afterMap.set(instruction, state);
    }
    finals.set(stage, state);
    return state;
  }

  for (const stage of stages) finalOf(stage);
  return {
    after: (instruction) => afterMap.get(instruction),
    before: (instruction) => beforeMap.get(instruction),
    final: finalOf,
  };
}

/** The arguments as written, trimmed; read only by the instructions that need them (dockerfile-ast computes them on first use). */
function argumentsText(instruction: Instruction): string {
  return instruction.getArgumentsContent()?.trim() ?? '';
}

function commandSetting(instruction: Instruction, shell: readonly string[]): CommandSetting {
  const argv = jsonArray(instruction);
  if (argv) return { instruction, execForm: true, argv };
  const line = argumentsText(instruction);
  return { instruction, execForm: false, argv: [...shell, line] };
}

function jsonArray(instruction: Instruction): string[] | undefined {
  if (!isExecForm(instruction)) return undefined;
  try {
    return JSON.parse((instruction.getRawArgumentsContent() ?? '').trim().replace(/\\\r?\n/g, '')) as string[];
  } catch {
    return undefined;
  }
}

/** The command line the container runs: ENTRYPOINT followed by CMD, unless ENTRYPOINT is shell form. */
export function effectiveCommandLine(state: StageState): string[] | undefined {
  const { entrypoint, cmd } = state;
  if (entrypoint) return entrypoint.execForm ? [...entrypoint.argv, ...(cmd?.argv ?? [])] : entrypoint.argv;
  return cmd?.argv;
}
