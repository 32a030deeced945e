import { type Argument, type Dockerfile, DockerfileParser, type From, type Instruction } from 'dockerfile-ast';
import { DerivedValues } from '../derived';
import { LineIndex, type Range } from '../text';
import { type Directives, readDirectives } from './directives';
import { type ImageReference, parseImageReference } from './image-reference';
import { memoizeInstructionGetters } from './memoize';
import { replaceRawArguments } from './raw-arguments';

// The faster argument walk first: memoizing wraps whatever getter is installed.
replaceRawArguments();
memoizeInstructionGetters();
import { parseRunScript, type ShellScript } from './shell';
import { analyzeState, type StageState, type StateModel } from './state';
import { analyzeVariables, substitute, type VariableModel } from './variables';

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

  private cachedInstructions: Instruction[] | undefined;
  private cachedDirectives: Directives | undefined;
  private cachedVariables: VariableModel | undefined;
  private cachedState: StateModel | undefined;
  private cachedStageLinks: StageLink[] | undefined;
  private readonly shellScripts = new Map<Instruction, ShellScript | undefined>();
  private readonly derivedValues = new DerivedValues<DockerfileModel>(this);

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    // A lone CR ends a line for LSP and LineIndex, but only in parts of dockerfile-ast (its
    // getHeredocs reads `\` + CR as CRLF and then throws). CR to LF keeps every offset and position.
    this.ast = DockerfileParser.parse(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);
    this.globalArgs = collectGlobalArgs(this.ast);
    this.stages = collectStages(this.ast, this.globalArgs);
  }

  get instructions(): Instruction[] {
    return (this.cachedInstructions ??= this.ast.getInstructions());
  }

  get directives(): Directives {
    return (this.cachedDirectives ??= readDirectives(this.ast));
  }

  /** ARG/ENV definitions and every variable reference with what it resolves to. */
  get variables(): VariableModel {
    return (this.cachedVariables ??= analyzeVariables(this.ast, this.stages));
  }

  /** Effective USER, WORKDIR, SHELL, ENTRYPOINT, CMD, EXPOSE, HEALTHCHECK and distro at any point. */
  get state(): StateModel {
    return (this.cachedState ??= analyzeState(this.stages, (instruction, text) => this.substituteAt(instruction, text) ?? text));
  }

  /** The stage's state after its last instruction. */
  finalState(stage: Stage): StageState {
    return this.state.final(stage);
  }

  /** The shell commands of a RUN, parsed with a real shell parser (undefined for exec form or a non-POSIX shell). */
  shellScript(instruction: Instruction): ShellScript | undefined {
    if (!this.shellScripts.has(instruction)) {
      let script: ShellScript | undefined;
      if (instruction.getKeyword() === 'RUN') {
        const shell = this.state.before(instruction)?.shell.argv ?? ['/bin/sh', '-c'];
        script = parseRunScript(instruction, this.lines, this.directives.escapeCharacter, shell);
      }
      this.shellScripts.set(instruction, script);
    }
    return this.shellScripts.get(instruction);
  }

  /**
   * What `compute` derives from this model (the syntax scan, the commands of
   * every RUN, an index a few rules share), computed on first use and kept with
   * the model (see DerivedValues).
   */
  derived<T>(compute: (model: DockerfileModel) => T): T {
    return this.derivedValues.get(compute);
  }


  /** Every RUN of a stage with its parsed commands. */
  runScripts(stage: Stage): ShellScript[] {
    return stage.instructions.map((i) => this.shellScript(i)).filter((s): s is ShellScript => s !== undefined);
  }

  /** Substitutes the variables visible before the instruction; undefined when a value is unknown. */
  substituteAt(instruction: Instruction, text: string): string | undefined {
    const scope = this.variables.scopeBefore(instruction);
    return substitute(text, (name) => scope.get(name)?.resolvedValue);
  }

  /** Where one stage uses another: FROM, COPY --from and RUN --mount from=. */
  get stageLinks(): readonly StageLink[] {
    return (this.cachedStageLinks ??= collectStageLinks(this));
  }

  /** The stages a build of `target` (default: the last stage) runs, in order; BuildKit skips the others. */
  neededStages(target: Stage | undefined = this.stages[this.stages.length - 1]): Stage[] {
    if (!target) return [];
    const needed = new Set<Stage>();
    const pending = [target];
    while (pending.length > 0) {
      const stage = pending.pop()!;
      if (needed.has(stage)) continue;
      needed.add(stage);
      for (const link of this.stageLinks) if (link.user === stage) pending.push(link.used);
    }
    return this.stages.filter((stage) => needed.has(stage));
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

/** One stage using another. */
export interface StageLink {
  kind: 'from' | 'copy' | 'mount';
  /** The stage that uses. */
  user: Stage;
  /** The stage used. */
  used: Stage;
  instruction: Instruction;
  /** The stage name as written at the use site. */
  range: Range;
}

function collectStageLinks(model: DockerfileModel): StageLink[] {
  const links: StageLink[] = [];
  for (const stage of model.stages) {
    if (stage.parent) links.push({ kind: 'from', user: stage, used: stage.parent, instruction: stage.from, range: stage.baseRange });
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'RUN' && keyword !== 'ADD') continue;
      for (const flag of (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? []) {
        const name = flag.getName().toLowerCase();
        if (name === 'from' && keyword !== 'RUN') {
          const value = flag.getValue();
          const range = flag.getValueRange();
          const used = value && range ? model.stageNamed(value, stage.index) ?? numberedStage(model, value, stage.index) : undefined;
          if (used && range) links.push({ kind: 'copy', user: stage, used, instruction, range });
        } else if (name === 'mount' && keyword === 'RUN') {
          const from = flag.getOption?.('from');
          const value = from?.getValue();
          const range = from?.getValueRange();
          const used = value && range ? model.stageNamed(value, stage.index) ?? numberedStage(model, value, stage.index) : undefined;
          if (used && range) links.push({ kind: 'mount', user: stage, used, instruction, range });
        }
      }
    }
  }
  return links;
}

/** `COPY --from=0` names a stage by index. */
function numberedStage(model: DockerfileModel, value: string, before: number): Stage | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const index = Number(value);
  return index < before ? model.stages[index] : undefined;
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
  getOption?(name: string): { getValue(): string | null; getValueRange(): Range | null } | null;
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

/**
 * The stage a FROM names. BuildKit stores stage names lower-cased and compares
 * the FROM base as written, so `FROM Build` does not find `AS Build` (it is then
 * read as an image name and fails); COPY --from and --target ignore case.
 */
function findStage(stages: readonly Stage[], name: string): Stage | undefined {
  return stages.find((stage) => stage.name?.toLowerCase() === name);
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

export { isExecForm } from './instruction-form';
