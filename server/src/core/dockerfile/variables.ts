import type { Dockerfile, Instruction, Variable } from 'dockerfile-ast';
import { comparePositions, type Range } from '../text';
import type { Stage } from './model';

export interface VariableDefinition {
  name: string;
  kind: 'arg' | 'env';
  /** The stage it belongs to; undefined for a global ARG (before the first FROM). */
  stage: Stage | undefined;
  instruction: Instruction;
  nameRange: Range;
  /** The value as written (`ARG NAME` without a default has none). */
  value: string | undefined;
  /** The value with earlier variables substituted, when every part is known statically. */
  resolvedValue: string | undefined;
}

export type Resolution =
  /** Set by ENV in this stage or a stage it is built FROM. */
  | { kind: 'env'; definition: VariableDefinition }
  /** Declared by ARG in this stage (its value may also come from `--build-arg`). */
  | { kind: 'arg'; definition: VariableDefinition }
  /** A global ARG, in a FROM line or a global ARG's default. */
  | { kind: 'global-arg'; definition: VariableDefinition }
  /** A global ARG used inside a stage that never redeclared it: it expands to nothing there. */
  | { kind: 'global-arg-not-redeclared'; definition: VariableDefinition }
  /** A proxy or BuildKit platform variable that needs no declaration here. */
  | { kind: 'predefined' }
  /** A BuildKit platform ARG used inside a stage without `ARG NAME`: empty there. */
  | { kind: 'predefined-not-declared' }
  | { kind: 'undefined' };

export interface VariableReference {
  name: string;
  nameRange: Range;
  /** The whole `$NAME` / `${NAME:-default}`. */
  range: Range;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?` as written, or undefined. */
  modifier: string | undefined;
  /** The word after the modifier (a default or alternative value). */
  modifierValue: string | undefined;
  instruction: Instruction;
  stage: Stage | undefined;
  resolution: Resolution;
  /**
   * True where the builder itself substitutes the value (ADD COPY ENV EXPOSE FROM LABEL
   * STOPSIGNAL USER VOLUME WORKDIR ONBUILD ARG); false in RUN, CMD, ENTRYPOINT and
   * HEALTHCHECK, where a shell expands it (at build time for RUN, at run time otherwise).
   */
  expandedByBuilder: boolean;
}

export const proxyArgs: ReadonlySet<string> = new Set(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
);

/** BuildKit's automatic platform ARGs: global, so a stage must declare `ARG NAME` to see them. */
export const platformArgs: ReadonlySet<string> = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

/** True for BuildKit's control arguments, such as BUILDKIT_INLINE_CACHE or BUILDKIT_SYNTAX. */
export function isBuildkitControlArg(name: string): boolean {
  return name.startsWith('BUILDKIT_');
}

const builderExpanded = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ONBUILD', 'ARG']);

export interface VariableModel {
  definitions: VariableDefinition[];
  references: VariableReference[];
  /** What is visible just before each instruction (ENV first, then ARG), for hovers and completion. */
  scopeBefore(instruction: Instruction): ReadonlyMap<string, VariableDefinition>;
  /** The ENV of each stage at its end, inherited by stages built FROM it. */
  finalEnv(stage: Stage): ReadonlyMap<string, VariableDefinition>;
}

interface PropertyLike {
  getName(): string;
  getNameRange(): Range;
  getValue(): string | null;
}

/** Walks the Dockerfile once, tracking ARG and ENV scopes as the builder does. */
export function analyzeVariables(ast: Dockerfile, stages: readonly Stage[]): VariableModel {
  const definitions: VariableDefinition[] = [];
  const references: VariableReference[] = [];
  const scopes = new Map<Instruction, ScopeAt>();
  const finalEnvs = new Map<Stage, ReadonlyMap<string, VariableDefinition>>();
  const globals = new Map<string, VariableDefinition>();
  const globalHistory = new History();

  const stageByFrom = new Map(stages.map((stage) => [stage.from as Instruction, stage]));
  let stage: Stage | undefined;
  let env = new Map<string, VariableDefinition>();
  let args = new Map<string, VariableDefinition>();
  // The same scopes, readable as of any instruction: keeping each instruction's scope costs nothing.
  let inherited: ReadonlyMap<string, VariableDefinition> = new Map();
  let envHistory = new History();
  let argHistory = new History();
  const endStage = () => {
    if (stage) finalEnvs.set(stage, new ScopeAt(inherited, envHistory, argHistory, Infinity, false).materialized());
  };

  const lookup = (name: string): VariableDefinition | undefined => env.get(name) ?? args.get(name);
  const resolveValue = (text: string | undefined, visible: (name: string) => string | undefined): string | undefined =>
    text === undefined ? undefined : substitute(text, visible);

  let index = 0;
  for (const instruction of ast.getInstructions()) {
    const at = index++;
    const keyword = instruction.getKeyword();
    const fromStage = stageByFrom.get(instruction);
    if (fromStage) {
      endStage();
      stage = fromStage;
      // ENV persists into stages built FROM this one; ARGs never do.
      inherited = (stage.parent ? finalEnvs.get(stage.parent) : undefined) ?? new Map();
      env = new Map(inherited);
      args = new Map();
      envHistory = new History();
      argHistory = new History();
    }

    scopes.set(instruction, stage ? new ScopeAt(inherited, envHistory, argHistory, at, true) : new ScopeAt(new Map(), new History(), globalHistory, at, true));

    for (const variable of safeVariables(instruction)) {
      references.push(toReference(variable, instruction, stage, fromStage !== undefined || !stage ? globals : undefined, lookup, builderExpanded.has(keyword)));
    }

    if (keyword === 'ARG' || keyword === 'ENV') {
      const properties = (instruction as Instruction & { getProperties?(): PropertyLike[] }).getProperties?.() ?? [];
      const valueOf = (name: string): string | undefined => (stage ? lookup(name) : globals.get(name))?.resolvedValue;
      for (const property of properties) {
        const name = property.getName();
        const nameRange = property.getNameRange();
        // dockerfile-ast reads a quoted empty word continued over lines as a name that ends before it starts.
        if (!name || !nameRange || comparePositions(nameRange.start, nameRange.end) > 0) continue;
        const written = property.getValue() ?? undefined;
        let resolvedValue = resolveValue(written, valueOf);
        if (keyword === 'ARG' && written === undefined && stage) resolvedValue = globals.get(name)?.resolvedValue;
        const definition: VariableDefinition = { name, kind: keyword === 'ARG' ? 'arg' : 'env', stage, instruction, nameRange, value: written, resolvedValue };
        definitions.push(definition);
        if (!stage) {
          globals.set(name, definition);
          globalHistory.set(name, definition, at);
        } else if (keyword === 'ARG') {
          args.set(name, definition);
          argHistory.set(name, definition, at);
        } else {
          env.set(name, definition);
          envHistory.set(name, definition, at);
        }
      }
    }
  }
  endStage();

  return {
    definitions,
    references,
    scopeBefore: (instruction) => scopes.get(instruction) ?? new Map(),
    finalEnv: (s) => finalEnvs.get(s) ?? new Map(),
  };

  function toReference(
    variable: Variable,
    instruction: Instruction,
    currentStage: Stage | undefined,
    globalScope: ReadonlyMap<string, VariableDefinition> | undefined,
    inStage: (name: string) => VariableDefinition | undefined,
    expandedByBuilder: boolean,
  ): VariableReference {
    const name = variable.getName();
    let resolution: Resolution;
    if (globalScope) {
      // FROM lines and global ARG defaults see global ARGs and the platform ARGs.
      const definition = globalScope.get(name);
      resolution = definition ? { kind: 'global-arg', definition } : platformArgs.has(name) || proxyArgs.has(name) || isBuildkitControlArg(name) ? { kind: 'predefined' } : { kind: 'undefined' };
    } else {
      const definition = inStage(name);
      const global = globals.get(name);
      if (definition) resolution = { kind: definition.kind, definition };
      else if (proxyArgs.has(name) || isBuildkitControlArg(name)) resolution = { kind: 'predefined' };
      else if (platformArgs.has(name)) resolution = { kind: 'predefined-not-declared' };
      else if (global) resolution = { kind: 'global-arg-not-redeclared', definition: global };
      else resolution = { kind: 'undefined' };
    }
    return {
      name,
      nameRange: variable.getNameRange(),
      range: variable.getRange(),
      modifier: variable.getModifier() ?? undefined,
      modifierValue: variable.getSubstitutionParameter() ?? undefined,
      instruction,
      stage: currentStage,
      resolution,
      expandedByBuilder,
    };
  }
}

/** The definitions of names in one scope, in order, each with the index of the instruction that made it. */
class History {
  private readonly byName = new Map<string, { at: number[]; definitions: VariableDefinition[] }>();

  set(name: string, definition: VariableDefinition, at: number): void {
    let entry = this.byName.get(name);
    if (!entry) this.byName.set(name, (entry = { at: [], definitions: [] }));
    entry.at.push(at);
    entry.definitions.push(definition);
  }

  /** The definition of `name` made before instruction `before`. */
  get(name: string, before: number): VariableDefinition | undefined {
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    let low = 0;
    let high = entry.at.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (entry.at[mid]! < before) low = mid + 1;
      else high = mid;
    }
    return low > 0 ? entry.definitions[low - 1] : undefined;
  }

  /** Names in the order of their first definition. */
  names(): IterableIterator<string> {
    return this.byName.keys();
  }
}

/**
 * What is visible before one instruction, read from the scopes' histories: a
 * lookup is a binary search, and the whole map is built only when someone
 * iterates it. Copying the scope for every instruction made long ARG/ENV
 * chains quadratic. ENV (inherited, then this stage's) wins over ARG.
 */
class ScopeAt implements ReadonlyMap<string, VariableDefinition> {
  private map: Map<string, VariableDefinition> | undefined;

  constructor(
    private readonly inherited: ReadonlyMap<string, VariableDefinition>,
    private readonly env: History,
    private readonly args: History,
    private readonly before: number,
    private readonly withArgs: boolean,
  ) {}

  get(name: string): VariableDefinition | undefined {
    return this.env.get(name, this.before) ?? this.inherited.get(name) ?? (this.withArgs ? this.args.get(name, this.before) : undefined);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The scope as a map, in the order the builder would list it: ARGs first, then ENV. */
  materialized(): Map<string, VariableDefinition> {
    if (this.map) return this.map;
    const map = new Map<string, VariableDefinition>();
    if (this.withArgs) {
      for (const name of this.args.names()) {
        const definition = this.args.get(name, this.before);
        if (definition) map.set(name, definition);
      }
    }
    for (const [name, definition] of this.inherited) map.set(name, this.env.get(name, this.before) ?? definition);
    for (const name of this.env.names()) {
      const definition = this.env.get(name, this.before);
      if (definition) map.set(name, definition);
    }
    return (this.map = map);
  }

  get size(): number {
    return this.materialized().size;
  }

  forEach(callback: (value: VariableDefinition, key: string, map: ReadonlyMap<string, VariableDefinition>) => void, thisArg?: unknown): void {
    this.materialized().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, VariableDefinition]> {
    return this.materialized().entries();
  }

  keys(): MapIterator<string> {
    return this.materialized().keys();
  }

  values(): MapIterator<VariableDefinition> {
    return this.materialized().values();
  }

  [Symbol.iterator](): MapIterator<[string, VariableDefinition]> {
    return this.materialized()[Symbol.iterator]();
  }
}

function safeVariables(instruction: Instruction): Variable[] {
  // A variable starts with `$`: most instructions have none, and dockerfile-ast would tokenize their arguments to find that out.
  if (!instruction.getTextContent().includes('$')) return [];
  try {
    return instruction.getVariables();
  } catch {
    return [];
  }
}

const reference = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}` the way the
 * builder does. Returns undefined when a needed value is not known statically.
 */
export function substitute(text: string, valueOf: (name: string) => string | undefined): string | undefined {
  if (!text.includes('$')) return text;
  let unknown = false;
  const result = text.replace(reference, (_whole, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = valueOf(name);
    if (operator) {
      const set = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      if (operator.endsWith('-')) return set ? (value ?? '') : (word ?? '');
      if (operator.endsWith('+')) return set ? (word ?? '') : '';
      if (!set) unknown = true; // `?`: the build fails when unset
      return value ?? '';
    }
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : result;
}
