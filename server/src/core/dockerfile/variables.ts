import type { Dockerfile, Instruction, Variable } from 'dockerfile-ast';
import type { Range } from '../text';
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
  const scopes = new Map<Instruction, ReadonlyMap<string, VariableDefinition>>();
  const finalEnvs = new Map<Stage, Map<string, VariableDefinition>>();
  const globals = new Map<string, VariableDefinition>();

  const stageByFrom = new Map(stages.map((stage) => [stage.from as Instruction, stage]));
  let stage: Stage | undefined;
  let env = new Map<string, VariableDefinition>();
  let args = new Map<string, VariableDefinition>();
  let visibleNow: ReadonlyMap<string, VariableDefinition> | undefined;

  const lookup = (name: string): VariableDefinition | undefined => env.get(name) ?? args.get(name);
  const resolveValue = (text: string | undefined, visible: (name: string) => string | undefined): string | undefined =>
    text === undefined ? undefined : substitute(text, visible);

  for (const instruction of ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    const fromStage = stageByFrom.get(instruction);
    if (fromStage) {
      if (stage) finalEnvs.set(stage, env);
      stage = fromStage;
      // ENV persists into stages built FROM this one; ARGs never do.
      env = new Map(stage.parent ? (finalEnvs.get(stage.parent) ?? []) : []);
      args = new Map();
      visibleNow = undefined;
    }

    // One snapshot serves every instruction until a FROM, ARG or ENV changes what is visible.
    visibleNow ??= stage ? new Map([...args, ...env]) : new Map(globals);
    scopes.set(instruction, visibleNow);

    for (const variable of safeVariables(instruction)) {
      references.push(toReference(variable, instruction, stage, fromStage !== undefined || !stage ? globals : undefined, lookup, builderExpanded.has(keyword)));
    }

    if (keyword === 'ARG' || keyword === 'ENV') {
      visibleNow = undefined;
      const properties = (instruction as Instruction & { getProperties?(): PropertyLike[] }).getProperties?.() ?? [];
      const valueOf = (name: string): string | undefined => (stage ? lookup(name) : globals.get(name))?.resolvedValue;
      for (const property of properties) {
        const name = property.getName();
        const nameRange = property.getNameRange();
        if (!name || !nameRange) continue;
        const written = property.getValue() ?? undefined;
        let resolvedValue = resolveValue(written, valueOf);
        if (keyword === 'ARG' && written === undefined && stage) resolvedValue = globals.get(name)?.resolvedValue;
        const definition: VariableDefinition = { name, kind: keyword === 'ARG' ? 'arg' : 'env', stage, instruction, nameRange, value: written, resolvedValue };
        definitions.push(definition);
        if (!stage) globals.set(name, definition);
        else if (keyword === 'ARG') args.set(name, definition);
        else env.set(name, definition);
      }
    }
  }
  if (stage) finalEnvs.set(stage, env);

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
