import type { Argument, Flag, From, Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel } from '../model';
import { escapeRegExp, expandWord } from './shell-word';
import { argWords } from './words';

/**
 * What BuildKit's checks need about a Dockerfile beyond the shared model, read
 * straight from `model.ast` and computed once per model version.
 */
export interface BuildkitFacts {
  escapeChar: string;
  /** FROM lines in order. */
  froms: FromFacts[];
  /** ARG declarations before the first FROM, in order. */
  globalArgs: GlobalArgDeclaration[];
  /** Global ARG values with no `--build-arg` given, on top of the predefined platform args; undefined when BuildKit could not evaluate them. */
  defaultArgs: ReadonlyMap<string, string> | undefined;
  /** Instructions from the first FROM on, with the index of the stage they belong to. */
  stageInstructions: { instruction: Instruction; stage: number }[];
}

export interface FromFacts {
  from: From;
  /** `FROM` as written (its casing). */
  keyword: string;
  keywordRange: Range;
  /** The base word as written, continuations removed. */
  baseText: string;
  baseRange: Range | undefined;
  /** The `AS` word, when the line is `FROM base AS name` (exactly three words, as BuildKit requires). */
  as: Argument | undefined;
  /** The stage name as written. */
  name: string | undefined;
  nameRange: Range | undefined;
  platform: Flag | undefined;
}

export interface GlobalArgDeclaration {
  name: string;
  nameRange: Range;
  /** The default as written (quotes kept), undefined for `ARG NAME`. */
  rawValue: string | undefined;
}

/** BuildKit's predefined global build args, with the values of a linux/amd64 build. */
export const predefinedPlatformArgs: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDOSVERSION', ''],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETOSVERSION', ''],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['TARGETSTAGE', ''],
]);

/** Proxy args need no declaration either (`docker build --build-arg HTTP_PROXY=...`). */
export const predefinedProxyArgs: ReadonlySet<string> = new Set(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
);

export const knownInstructions: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export function buildkitFacts(model: DockerfileModel): BuildkitFacts {
  return model.derived(computeFacts);
}

function computeFacts(model: DockerfileModel): BuildkitFacts {
  const escapeChar = model.ast.getEscapeCharacter() || '\\';
  const froms: FromFacts[] = [];
  const globalArgs: GlobalArgDeclaration[] = [];
  const stageInstructions: { instruction: Instruction; stage: number }[] = [];
  for (const instruction of model.instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      froms.push(fromFacts(model, instruction as From, escapeChar));
    } else if (froms.length === 0) {
      if (keyword === 'ARG') globalArgs.push(...argDeclarations(model, instruction, escapeChar));
      continue;
    }
    stageInstructions.push({ instruction, stage: froms.length - 1 });
  }
  return { escapeChar, froms, globalArgs, defaultArgs: evaluateDefaultArgs(globalArgs, escapeChar), stageInstructions };
}

function fromFacts(model: DockerfileModel, from: From, escapeChar: string): FromFacts {
  const args = from.getArguments();
  const base = args[0];
  const named = args.length === 3 && args[1]?.getValue().toLowerCase() === 'as';
  const nameArg = named ? args[2] : undefined;
  return {
    from,
    keyword: from.getInstruction(),
    keywordRange: from.getInstructionRange(),
    baseText: base ? rawText(model, base.getRange(), escapeChar) : '',
    baseRange: base?.getRange(),
    as: named ? args[1] : undefined,
    name: nameArg ? rawText(model, nameArg.getRange(), escapeChar) : undefined,
    nameRange: nameArg?.getRange(),
    platform: from.getPlatformFlag() ?? undefined,
  };
}

interface PropertyLike {
  getName(): string;
  getNameRange(): Range;
  getValueRange(): Range | null;
  getValue(): string | null;
  getAssignmentOperator(): string | null;
}

/** The name=value pairs of an ARG, ENV or LABEL instruction. */
export function properties(instruction: Instruction): PropertyLike[] {
  const candidate = instruction as unknown as { getProperties?: () => PropertyLike[] };
  return typeof candidate.getProperties === 'function' ? candidate.getProperties() : [];
}

export function argDeclarations(model: DockerfileModel, instruction: Instruction, escapeChar: string): GlobalArgDeclaration[] {
  return argWords(model, instruction, escapeChar);
}

/** As BuildKit's buildMetaArgs with no `--build-arg`: each default is expanded with what came before. */
function evaluateDefaultArgs(globalArgs: readonly GlobalArgDeclaration[], escapeChar: string): Map<string, string> | undefined {
  const env = new Map(predefinedPlatformArgs);
  for (const arg of globalArgs) {
    if (arg.rawValue === undefined) continue;
    const value = expandWord(arg.rawValue, env, escapeChar).result;
    if (value === undefined) return undefined;
    env.set(arg.name, value);
  }
  return env;
}

/** The source text of a range with line continuations joined, as the builder reads it. */
export function rawText(model: DockerfileModel, range: Range, escapeChar: string): string {
  const text = model.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
  return joinContinuations(text, escapeChar);
}

const continuationPatterns = new Map<string, RegExp>();

function joinContinuations(text: string, escapeChar: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text;
  let pattern = continuationPatterns.get(escapeChar);
  if (!pattern) {
    pattern = new RegExp(`${escapeRegExp(escapeChar)}[ \\t]*(?:\\r\\n|\\r|\\n)`, 'g');
    continuationPatterns.set(escapeChar, pattern);
  }
  return text.replace(pattern, '');
}
