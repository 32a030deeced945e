import * as ast from 'dockerfile-ast';

/**
 * dockerfile-ast recomputes arguments, flags and variables on every call (the
 * argument tokenizer runs again each time), and every rule and feature asks
 * for them. Instructions never change once parsed, so the argument-less
 * getters of every instruction class remember their answer per instance.
 * Patched once, on the prototypes, when the core loads.
 */
const memoized = [
  'getKeyword',
  'getRange',
  'getInstructionRange',
  'getRawArguments',
  'getArguments',
  'getArgumentsRange',
  'getArgumentsRanges',
  'getArgumentsContent',
  'getRawArgumentsContent',
  'getExpandedArguments',
  'getVariables',
  'getFlags',
  'getProperties',
  'getHeredocs',
  'getJSONStrings',
  'getBuildStage',
  'getBuildStageRange',
  'getImageName',
  'getImageNameRange',
  'getImageTag',
  'getImageDigest',
  'getImageRange',
];

type Cached = { [slots]?: unknown[] };
/** Every remembered answer of an instance, one slot per patched getter of each class (a subclass's getter may call its parent's). */
const slots = Symbol('dockhand.memoized');
const unset = Symbol('dockhand.unset');

const classes: unknown[] = [
  ast.Instruction, ast.ModifiableInstruction, ast.JSONInstruction, ast.PropertyInstruction,
  ast.Add, ast.Arg, ast.Cmd, ast.Copy, ast.Entrypoint, ast.Env, ast.From, ast.Healthcheck, ast.Label,
  ast.Onbuild, ast.Run, ast.Shell, ast.Stopsignal, ast.User, ast.Volume, ast.Workdir,
];

let patched = false;

/**
 * dockerfile-ast resolves every variable it finds against the whole file
 * (isDefined, isBuildVariable), which makes getVariables() quadratic in the
 * file's size. Dockhand resolves variables itself (variables.ts), so the
 * variables are read with that lookup switched off: their ranges, names and
 * modifiers are unchanged; isDefined() and isBuildVariable() are not used.
 */
function withoutResolution(original: () => unknown): () => unknown {
  return function (this: { dockerfile?: unknown; isBuildVariable?: unknown }) {
    const dockerfile = this.dockerfile;
    const ownIsBuild = Object.prototype.hasOwnProperty.call(this, 'isBuildVariable');
    this.dockerfile = { resolveVariable: () => undefined };
    this.isBuildVariable = () => undefined;
    try {
      return original.call(this);
    } finally {
      this.dockerfile = dockerfile;
      if (!ownIsBuild) delete this.isBuildVariable;
    }
  };
}

/**
 * dockerfile-ast's getHeredocs() walks the instruction text by hand and throws
 * (reading a heredoc definition that is not there) on shapes its parser did not
 * expect. An instruction it cannot read has no heredocs, rather than failing
 * every rule and feature that asks.
 */
function withoutThrowing(original: () => unknown, fallback: () => unknown): () => unknown {
  return function (this: unknown) {
    try {
      return original.call(this);
    } catch {
      return fallback();
    }
  };
}

/**
 * The answers live in one array per instance, added on first use: one extra
 * property whatever getters are called, so instances of a class keep one
 * hidden class (a property per getter, added in call order, gave them many,
 * which slowed every property read in dockerfile-ast too).
 */
export function memoizeInstructionGetters(): void {
  if (patched) return;
  patched = true;
  let slotCount = 0;
  for (const cls of classes) {
    const prototype = (cls as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    if (!prototype) continue;
    for (const name of memoized) {
      if (!Object.prototype.hasOwnProperty.call(prototype, name)) continue;
      const original = prototype[name];
      if (typeof original !== 'function' || original.length > 0) continue;
      const slot = slotCount++;
      const compute =
        name === 'getVariables'
          ? withoutResolution(original as () => unknown)
          : name === 'getHeredocs'
            ? withoutThrowing(original as () => unknown, () => [])
            : (original as () => unknown);
      prototype[name] = function (this: Cached) {
        const cache = (this[slots] ??= new Array<unknown>(slotCount));
        const cached = cache[slot];
        if (cached !== undefined) return cached === unset ? undefined : cached;
        const value: unknown = compute.call(this);
        cache[slot] = value === undefined ? unset : value;
        return value;
      };
    }
  }
}
