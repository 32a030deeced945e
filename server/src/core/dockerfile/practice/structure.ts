import type { ShellScript } from '../shell';

/** Where a simple command sits in its script, which decides whether its effects and exit status reach the RUN. */
export interface CommandPlace {
  /** Inside `$(...)`, backticks or `<(...)`: its exit status is discarded and its `cd`/`set` stay local. */
  inSubstitution: boolean;
  /** Inside `( ... )`: `cd` and `set` stay local. */
  inSubshell: boolean;
  /** Inside a function body, `if`/`while`/`until` condition or body, `for`, `case` or `{ ... }`. */
  inCompound: boolean;
  /** On the right of `||`: it runs only when the command before it failed. */
  afterOr: boolean;
}

/** The first statement of a script when it is `cd DIR && rest` or `cd DIR; rest`. */
export interface LeadingCd {
  /** Start offset of the `cd` command. */
  cdStart: number;
  cdEnd: number;
  /** Start offset of what follows the separator; undefined when `cd` is the whole script. */
  restStart: number | undefined;
}

/**
 * The model keeps the commands of a RUN as a flat list; some checks need to know
 * whether a command is nested (a `cd` in a subshell, a pipe in `$(...)`). The
 * shell parser's walk (shell.ts) records it with the commands. Offsets here are
 * relative to the script: add `ShellScript.offset` for the Dockerfile's.
 */
export interface ScriptStructure {
  /** Keyed by a command's start offset in the script. */
  places: ReadonlyMap<number, CommandPlace>;
  leadingCd: LeadingCd | undefined;
  /** Start offsets of the commands that are direct children of the top-level statement list or its and-or lists. */
  topLevel: ReadonlySet<number>;
}

/** A command in no substitution, subshell, compound or `||` branch. */
export const outside: CommandPlace = { inSubstitution: false, inSubshell: false, inCompound: false, afterOr: false };

/** Where the command starting at `start` (a Dockerfile offset, as `ShellCommand.start`) sits. */
export function placeOf(script: ShellScript, start: number): CommandPlace {
  return script.structure.places.get(start - script.offset) ?? outside;
}

/** The leading `cd` of a script, in Dockerfile offsets. */
export function leadingCdOf(script: ShellScript): LeadingCd | undefined {
  const cd = script.structure.leadingCd;
  if (!cd) return undefined;
  const offset = script.offset;
  return { cdStart: cd.cdStart + offset, cdEnd: cd.cdEnd + offset, restStart: cd.restStart === undefined ? undefined : cd.restStart + offset };
}
