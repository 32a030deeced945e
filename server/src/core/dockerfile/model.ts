import { type Argument, type Dockerfile, DockerfileParser, type From, type Instruction } from 'dockerfile-ast';
import { LineIndex, type Range } from '../text';
import { type ImageReference, parseImageReference } from './image-reference';

export interface GlobalArg {
  name: string;
  /** The default value, undefined for `ARG NAME` without one. */
  value: string | undefined;
  nameRange: Range;
}

export interface Stage {
  index: number;
  from: From;
  /** As written after AS; compare stage names case-insensitively. */
  name: string | undefined;
  nameRange: Range | undefined;
  /** The base as written, e.g. `$BASE` or `python:3.12`. */
  baseText: string;
  baseRange: Range;
  /** The base with global ARG defaults substituted; undefined when a variable has no known value. */
  resolvedBase: string | undefined;
  /** The parsed base image, unless the base is a stage, `scratch` or unresolved. */
  image: ImageReference | undefined;
  /** The earlier stage this one is built FROM, if any. */
  parent: Stage | undefined;
  isScratch: boolean;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

/** Everything the rules and language features need about one Dockerfile version, computed once. */
export class DockerfileModel {
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
  readonly globalArgs: ReadonlyMap<string, GlobalArg>;
  readonly stages: readonly Stage[];

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.ast = DockerfileParser.parse(text);
    this.globalArgs = collectGlobalArgs(this.ast);
    this.stages = collectStages(this.ast, this.globalArgs);
  }

  get instructions(): Instruction[] {
    return this.ast.getInstructions();
  }

  /** Finds an earlier stage by name, as FROM and COPY --from do (case-insensitive). */
  stageNamed(name: string, before = Number.POSITIVE_INFINITY): Stage | undefined {
    const wanted = name.toLowerCase();
    return this.stages.find((stage) => stage.index < before && stage.name?.toLowerCase() === wanted);
  }

  stageAt(line: number): Stage | undefined {
    let found: Stage | undefined;
    for (const stage of this.stages) {
      if (stage.from.getRange().start.line <= line) found = stage;
    }
    return found;
  }
}

function collectGlobalArgs(ast: Dockerfile): Map<string, GlobalArg> {
  const args = new Map<string, GlobalArg>();
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') break;
    if (instruction.getKeyword() !== 'ARG') continue;
    for (const property of (instruction as unknown as { getProperties(): ArgProperty[] }).getProperties()) {
      const name = property.getName();
      const nameRange = property.getNameRange();
      if (name && nameRange) args.set(name, { name, value: property.getValue() ?? undefined, nameRange });
    }
  }
  return args;
}

interface ArgProperty {
  getName(): string;
  getNameRange(): Range;
  getValue(): string | null;
}

function collectStages(ast: Dockerfile, globalArgs: ReadonlyMap<string, GlobalArg>): Stage[] {
  const stages: Stage[] = [];
  let current: Stage | undefined;
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      const args = from.getArguments();
      const base: Argument | undefined = args[0];
      const baseText = base?.getValue() ?? '';
      const baseRange = base?.getRange() ?? from.getInstructionRange();
      const resolvedBase = substituteGlobalArgs(baseText, globalArgs);
      const parent = resolvedBase === undefined ? undefined : findStage(stages, resolvedBase);
      const isScratch = resolvedBase?.toLowerCase() === 'scratch';
      current = {
        index: stages.length,
        from,
        name: from.getBuildStage() ?? undefined,
        nameRange: from.getBuildStageRange() ?? undefined,
        baseText,
        baseRange,
        resolvedBase,
        image: resolvedBase === undefined || parent !== undefined || isScratch || resolvedBase === '' ? undefined : parseImageReference(resolvedBase),
        parent,
        isScratch,
        instructions: [],
      };
      stages.push(current);
    } else if (current) {
      current.instructions.push(instruction);
    }
  }
  return stages;
}

function findStage(stages: readonly Stage[], name: string): Stage | undefined {
  const wanted = name.toLowerCase();
  return stages.find((stage) => stage.name?.toLowerCase() === wanted);
}

const variableReference = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes `$NAME` / `${NAME}` / `${NAME:-default}` with global ARG defaults, as
 * the builder does for FROM. Returns undefined when a value is not known statically
 * (it may come from `--build-arg`).
 */
export function substituteGlobalArgs(text: string, globalArgs: ReadonlyMap<string, GlobalArg>): string | undefined {
  if (!text.includes('$')) return text;
  let unknown = false;
  const result = text.replace(variableReference, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = globalArgs.get(name)?.value;
    const modifier = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-+])(.*)\}$/.exec(whole);
    if (modifier) {
      const [, operator = '', word = ''] = modifier;
      const set = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      if (operator.endsWith('-')) return set ? (value ?? '') : word;
      return set ? word : '';
    }
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : result;
}

/** True when the instruction's arguments are a valid JSON array of strings (exec form). */
export function isExecForm(instruction: Instruction): boolean {
  const content = instruction.getRawArgumentsContent()?.trim() ?? '';
  if (!content.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(content.replace(/\\\r?\n/g, ''));
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
