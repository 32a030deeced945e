import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel } from '../model';
import type { ShellWord } from '../shell';
import type { Invocation, RunInfo } from './commands';
import { type OptionSpec, type ParsedArgs, parseArgs, specs, type WordResolver } from './options';
import { lineRange } from './ranges';

export type Tool = 'apt-get' | 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'yarn' | 'go';

/** A package-manager command: `apt-get install -y curl`, `python3 -m pip install x`. */
export interface ToolCall {
  invocation: Invocation;
  tool: Tool;
  /** How the tool is written, for messages: `apt-get`, `pip3`, `python3 -m pip`. */
  display: string;
  /** The words after the tool name (after `pip` in `python -m pip`). */
  args: ShellWord[];
  parsed: ParsedArgs;
  /** The first operand: `install`, `add`, `update`. */
  subcommand: ShellWord | undefined;
  /** Operands after the subcommand: packages, mostly. */
  operands: ShellWord[];
}

const toolSpecs: Record<Tool, OptionSpec> = {
  'apt-get': specs.apt,
  apt: specs.apt,
  apk: specs.apk,
  pip: specs.pip,
  npm: specs.npm,
  gem: specs.gem,
  yum: specs.yum,
  dnf: specs.yum,
  microdnf: specs.yum,
  zypper: specs.zypper,
  yarn: specs.yarn,
  go: {},
};

function toolOf(program: string): Tool | undefined {
  switch (program) {
    case 'apt-get':
    case 'apt':
    case 'apk':
    case 'npm':
    case 'gem':
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'zypper':
    case 'yarn':
    case 'go':
      return program;
    case 'dnf5':
      return 'dnf';
    default:
      return /^pip(?:\d+(?:\.\d+)*)?$/.test(program) ? 'pip' : undefined;
  }
}

/** Python options that take a value, so that `python -W ignore -m pip` is read right. */
const pythonValueOptions = new Set(['-W', '-X', '-c']);

/** Recognises a package-manager command, wrappers stripped; `resolve` expands `$VAR` words known from ARG/ENV. */
export function toolCall(invocation: Invocation, resolve?: WordResolver): ToolCall | undefined {
  let tool = toolOf(invocation.program);
  let args = invocation.args;
  let display = invocation.program;
  if (!tool && /^python(?:\d+(?:\.\d+)*)?$/.test(invocation.program)) {
    let index = 0;
    while (index < args.length && args[index]!.value !== '-m' && args[index]!.value.startsWith('-')) index += pythonValueOptions.has(args[index]!.value) ? 2 : 1;
    if (args[index]?.value === '-m' && /^pip\d*$/.test(args[index + 1]?.value ?? '')) {
      tool = 'pip';
      display = `${invocation.program} -m ${args[index + 1]!.value}`;
      args = args.slice(index + 2);
    }
  }
  if (!tool) return undefined;
  const parsed = parseArgs(args, toolSpecs[tool], resolve);
  const [subcommand, ...operands] = parsed.operands;
  return { invocation, tool, display, args, parsed, subcommand, operands };
}

/** Resolves `$VAR` words of a RUN from the ARG and ENV values visible before it. */
export function resolverFor(model: DockerfileModel, instruction: Instruction): WordResolver {
  return (word) => {
    if (/\$\(|`/.test(word.value)) return undefined;
    return model.substituteAt(instruction, word.value);
  };
}

export function isSubcommand(call: ToolCall, ...names: string[]): boolean {
  return call.subcommand !== undefined && names.includes(call.subcommand.value);
}

/** apt-get and apt subcommands that install packages and so read the package lists. */
export const aptInstallSubcommands = ['install', 'reinstall', 'build-dep', 'source', 'download', 'satisfy', 'upgrade', 'dist-upgrade', 'full-upgrade'];

/** True when the word names a local file or directory rather than a package (`./x.deb`, `/tmp/x.rpm`, `.`). */
export function isPathOperand(value: string): boolean {
  return value.startsWith('/') || value.startsWith('./') || value.startsWith('../') || value === '.' || value === '..' || /\.(?:deb|rpm|apk|whl|tar\.gz|tgz|zip|gem)$/.test(value);
}

/** Each RUN's package-manager calls, filled in as rules ask (one map per model). */
const callsByRun = (): Map<RunInfo, ToolCall[]> => new Map();

/** The package-manager calls of a RUN, in order; computed once per RUN. */
export function toolCalls(model: DockerfileModel, run: RunInfo): ToolCall[] {
  const callCache = model.derived(callsByRun);
  let calls = callCache.get(run);
  if (!calls) {
    const resolve = resolverFor(model, run.instruction);
    calls = [];
    for (const invocation of run.invocations) {
      const call = toolCall(invocation, resolve);
      if (call) calls.push(call);
    }
    callCache.set(run, calls);
  }
  return calls;
}

export function isApt(call: ToolCall): boolean {
  return call.tool === 'apt-get' || call.tool === 'apt';
}

/** The range from the program to the subcommand: `apt-get install`. */
export function callRange(model: DockerfileModel, call: ToolCall): Range {
  const end = call.subcommand ? call.subcommand.end : call.invocation.programWord.end;
  return lineRange(model, call.invocation.programWord.start, end);
}

/** True when the command's status or effect stays local: inside `$(...)`. */
export function isLocal(invocation: Invocation): boolean {
  return invocation.place.inSubstitution;
}

/** True when the invocation reads `yes` (or similar) on its stdin: `yes | apt-get install x`. */
export function fedByYes(run: RunInfo, invocation: Invocation): boolean {
  const pipeline = invocation.command.pipeline;
  if (!pipeline || pipeline.index === 0) return false;
  return run.invocations.some(
    (other) => other.command.pipeline?.start === pipeline.start && other.command.pipeline.index < pipeline.index && (other.program === 'yes' || other.program === 'echo' || other.program === 'printf'),
  );
}
