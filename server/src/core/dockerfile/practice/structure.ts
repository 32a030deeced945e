import { forEachChild, parse, type SyntaxNode } from 'unbash';
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
  /** Start offset (in the Dockerfile) of the `cd` command. */
  cdStart: number;
  cdEnd: number;
  /** Start offset of what follows the separator; undefined when `cd` is the whole script. */
  restStart: number | undefined;
}

export interface ScriptStructure {
  /** True when the script could not be walked (nesting too deep for the parser's lazy word parts): treat every command as unknown. */
  failed: boolean;
  /** Keyed by a command's start offset in the Dockerfile (as `ShellCommand.start`). */
  places: ReadonlyMap<number, CommandPlace>;
  leadingCd: LeadingCd | undefined;
  /** Start offsets of the commands that are direct children of the top-level statement list or its and-or lists. */
  topLevel: ReadonlySet<number>;
}

const outside: CommandPlace = { inSubstitution: false, inSubshell: false, inCompound: false, afterOr: false };

const cache = new WeakMap<ShellScript, ScriptStructure>();

/**
 * The model keeps the commands of a RUN as a flat list; some checks need to know
 * whether a command is nested (a `cd` in a subshell, a pipe in `$(...)`). This
 * walks the same source once more with the same parser and remembers, per command,
 * where it sits. Cached per parsed script, so it costs one extra parse per RUN at most.
 */
export function scriptStructure(script: ShellScript): ScriptStructure {
  let structure = cache.get(script);
  if (!structure) {
    structure = shifted(relativeStructure(script.source), script.offset);
    cache.set(script, structure);
  }
  return structure;
}

/**
 * Structures by source text, with offsets relative to the script: typing changes
 * one RUN at a time, so the next version's other RUNs are not parsed again.
 */
const bySource = new Map<string, ScriptStructure>();
const bySourceLimit = 4000;

function relativeStructure(source: string): ScriptStructure {
  let structure = bySource.get(source);
  if (!structure) {
    structure = analyze(source);
    if (source.length < 64 * 1024) {
      bySource.set(source, structure);
      if (bySource.size > bySourceLimit) bySource.delete(bySource.keys().next().value!);
    }
  }
  return structure;
}

/** Empties the cache, so the next analysis walks every script again (benchmarks measure cold analyses). */
export function clearStructureCache(): void {
  bySource.clear();
}

function shifted(structure: ScriptStructure, offset: number): ScriptStructure {
  if (offset === 0 || structure.failed) return structure;
  const cd = structure.leadingCd;
  return {
    failed: false,
    places: new Map([...structure.places].map(([start, place]) => [start + offset, place])),
    leadingCd: cd && { cdStart: cd.cdStart + offset, cdEnd: cd.cdEnd + offset, restStart: cd.restStart === undefined ? undefined : cd.restStart + offset },
    topLevel: new Set([...structure.topLevel].map((start) => start + offset)),
  };
}

export function placeOf(script: ShellScript, start: number): CommandPlace {
  return scriptStructure(script).places.get(start) ?? outside;
}

function analyze(source: string): ScriptStructure {
  try {
    const root = parse(source);
    return root.type === 'Script' ? walk(root.commands, 0, root) : failed();
  } catch {
    // unbash computes word parts lazily and recursively: absurd nesting can exhaust the stack.
    return failed();
  }
}

function failed(): ScriptStructure {
  return { failed: true, places: new Map(), leadingCd: undefined, topLevel: new Set() };
}

/** Visits the tree with an explicit stack, not recursion: scripts can nest deeply (`$($($(...)))`). */
function walk(statements: readonly SyntaxNode[], offset: number, root: SyntaxNode): ScriptStructure {
  const places = new Map<number, CommandPlace>();
  const topLevel = new Set<number>();
  const stack: { node: SyntaxNode; place: CommandPlace; top: boolean }[] = [];
  const push = (node: SyntaxNode, place: CommandPlace, top: boolean) => stack.push({ node, place, top });
  const pushChildren = (node: SyntaxNode, place: CommandPlace, top: boolean) => {
    const children: SyntaxNode[] = [];
    forEachChild(node, (child) => children.push(child));
    for (let i = children.length - 1; i >= 0; i--) push(children[i]!, place, top);
  };
  // The top-level statements are where `cd` and `set` change the rest of the RUN.
  for (let i = statements.length - 1; i >= 0; i--) push(statements[i]!, outside, true);
  while (stack.length > 0) {
    const { node, place, top } = stack.pop()!;
    switch (node.type) {
      case 'Command':
        if (node.name) {
          places.set(offset + node.pos, place);
          if (top) topLevel.add(offset + node.pos);
        }
        pushChildren(node, place, false);
        break;
      case 'CommandExpansion':
      case 'ProcessSubstitution':
      case 'ArithmeticCommandExpansion':
        pushChildren(node, { ...place, inSubstitution: true }, false);
        break;
      case 'Subshell':
        pushChildren(node, { ...place, inSubshell: true }, false);
        break;
      case 'If':
      case 'For':
      case 'ArithmeticFor':
      case 'Select':
      case 'While':
      case 'Case':
      case 'BraceGroup':
      case 'Function':
      case 'Coproc':
        pushChildren(node, { ...place, inCompound: true }, false);
        break;
      case 'AndOr':
        for (let index = node.commands.length - 1; index >= 0; index--) {
          const afterOr = index > 0 && node.operators.slice(0, index).includes('||');
          push(node.commands[index]!, afterOr ? { ...place, afterOr: true } : place, top);
        }
        break;
      case 'Pipeline':
        for (let index = node.commands.length - 1; index >= 0; index--) push(node.commands[index]!, place, false);
        break;
      case 'Statement':
      case 'CompoundList':
        pushChildren(node, place, top);
        break;
      case 'Word':
        // Only words with a substitution hold commands; skipping the rest saves computing their parts.
        if (/\$\(|`|[<>]\(/.test(node.text)) pushChildren(node, place, false);
        break;
      default:
        pushChildren(node, place, false);
    }
  }
  return { failed: false, places, leadingCd: leadingCd(root, offset), topLevel };
}

function leadingCd(root: SyntaxNode, offset: number): LeadingCd | undefined {
  if (root.type !== 'Script') return undefined;
  const [first, second] = root.commands;
  if (!first || first.background) return undefined;
  const command = first.command;
  if (command.type === 'Command') {
    if (command.name?.value !== 'cd') return undefined;
    return { cdStart: offset + command.pos, cdEnd: offset + command.end, restStart: second ? offset + second.pos : undefined };
  }
  if (command.type === 'AndOr' && command.operators[0] === '&&') {
    const [cd, next] = command.commands;
    if (cd?.type !== 'Command' || cd.name?.value !== 'cd' || !next) return undefined;
    return { cdStart: offset + cd.pos, cdEnd: offset + cd.end, restStart: offset + next.pos };
  }
  return undefined;
}
