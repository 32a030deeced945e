// Compose formatting that changes whitespace only: every nesting level indented
// by the file's own step, trailing blanks removed, one final line break. Keys
// keep their order, comments their text, anchors, aliases, tags and scalars
// their style: the edits touch leading and trailing blanks of lines, never
// what is between. Block scalars, multi-line scalars and flow collections move
// with the line they start on, so their content is unchanged. A file with YAML
// errors gets no edits, and neither does a result that would not parse to
// the same data: the formatter checks its own output before answering.
import { type Node, parseAllDocuments } from 'yaml';
import type { ComposeContext } from '../feature-context';
import type { FormattingOptions } from '../features';
import type { LineIndex, Range, TextEdit } from '../text';
import { applyEdits } from '../text';
import type { ComposeModel } from './model';
import { isAlias, isMap, isPair, isScalar, isSeq } from './yaml-tree';

export function format(context: ComposeContext, options: FormattingOptions, range: Range | undefined): TextEdit[] {
  const { analysis, document } = context;
  const model = analysis.model;
  if (options.compose === false || model.text !== document.text || model.syntaxProblems.length > 0 || model.aliasesExcessive) return [];
  const edits = formattingEdits(model);
  const wanted = range ? edits.filter((edit) => withinLines(edit.range, range)) : edits;
  if (wanted.length === 0) return [];
  if (sameData(model.text, applyEdits(model.text, wanted))) return wanted;
  // Re-indenting part of a mapping can misalign it with the rest: then blanks at line ends only.
  const ends = wanted.filter((edit) => edit.newText === '' || edit.range.start.character > 0);
  return ends.length > 0 && sameData(model.text, applyEdits(model.text, ends)) ? ends : [];
}

/** An edit on a line that the range covers, even partly (leading blanks of a selected line). */
function withinLines(edit: Range, range: Range): boolean {
  return edit.start.line >= range.start.line && edit.end.line <= range.end.line;
}

/** Every whitespace edit the file needs, one per changed line part. */
export function formattingEdits(model: ComposeModel): TextEdit[] {
  const lines = model.lines;
  const layout = indentation(model);
  const inScalar = multiLineScalarLines(model);
  const edits: TextEdit[] = [];
  let delta = 0;
  const count = lines.lineCount;
  const leads: number[] = [];
  for (let line = 0; line < count; line++) leads.push(leadingBlanks(lines.lineText(line)));
  // Blank lines at the end are the final line break's business.
  let lastContent = count - 1;
  while (lastContent > 0 && lines.lineText(lastContent).trim() === '') lastContent--;
  for (let line = 0; line <= lastContent; line++) {
    const text = lines.lineText(line);
    const lead = leads[line]!;
    const structural = layout?.get(line);
    if (structural !== undefined) delta = structural - lead;
    if (text.trim() === '') {
      // Blank lines lose their blanks, except in a block scalar, where blanks past its indentation are content.
      const wanted = inScalar.has(line) ? (layout && text.length > 0 ? ' '.repeat(Math.max(0, text.length + delta)) : text) : '';
      if (wanted !== text) edits.push({ range: { start: { line, character: 0 }, end: { line, character: text.length } }, newText: wanted });
      continue;
    }
    let newLead = lead;
    if (structural !== undefined) newLead = structural;
    else if (layout && !inScalar.has(line) && text.trimStart().startsWith('#')) newLead = commentIndent(lines, layout, leads, line, lead, delta);
    else if (layout) newLead = Math.max(0, lead + delta);
    if (newLead !== lead) edits.push({ range: { start: { line, character: 0 }, end: { line, character: lead } }, newText: ' '.repeat(newLead) });
    // Trailing blanks are content inside a block scalar (and kept in any multi-line scalar).
    const trimmed = text.replace(/[ \t]+$/, '');
    if (trimmed.length < text.length && !inScalar.has(line)) edits.push({ range: { start: { line, character: trimmed.length }, end: { line, character: text.length } }, newText: '' });
  }
  edits.push(...finalLineBreak(model));
  return edits;
}

/** A comment goes with the line it describes: the next structural line at its indentation, else the block it is in. */
function commentIndent(lines: LineIndex, layout: ReadonlyMap<number, number>, leads: readonly number[], line: number, lead: number, delta: number): number {
  for (let next = line + 1; next < lines.lineCount; next++) {
    const text = lines.lineText(next);
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const structural = layout.get(next);
    if (structural !== undefined && leads[next] === lead) return structural;
    break;
  }
  return Math.max(0, lead + delta);
}

function leadingBlanks(text: string): number {
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  return i;
}

/** Exactly one line break at the end of a non-empty file. */
function finalLineBreak(model: ComposeModel): TextEdit[] {
  const text = model.text;
  const contentEnd = text.trimEnd().length;
  if (contentEnd === 0) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = model.lines;
  const lastLine = lines.positionAt(contentEnd).line;
  if (text.slice(lines.lineEnd(lastLine)) === eol) return [];
  // The last line's trailing blanks are removed by the per-line edits: start after them.
  const start = { line: lastLine, character: lines.lineText(lastLine).length };
  return [{ range: { start, end: lines.positionAt(text.length) }, newText: eol }];
}

/**
 * The new indentation of each line where a block mapping key or a block
 * sequence dash is the first thing on the line; undefined when the layout is
 * one this formatter does not re-indent (explicit `?` keys, a document not at
 * column 0), in which case only blanks at line ends change.
 */
function indentation(model: ComposeModel): Map<number, number> | undefined {
  const text = model.text;
  const lines = model.lines;
  const column = (offset: number): number => lines.positionAt(offset).character;
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const firstOnLine = (offset: number): boolean => /^[ ]*$/.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset));
  const step = indentStep(model);
  const layout = new Map<number, number>();
  let understood = true;

  /** The `-` of a sequence item: the last non-blank before the item's value. */
  const dashOf = (item: unknown): number | undefined => {
    const start = (item as { range?: [number, number, number] } | null)?.range?.[0];
    if (start === undefined) return undefined;
    let i = start - 1;
    // Back over blanks and the item's own anchor or tag (`- &a value`) to the dash.
    for (let token = 0; token < 4; token++) {
      while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
      if (i >= 0 && text[i] === '-' && (i === 0 || /[ \t\n]/.test(text[i - 1]!))) return i;
      while (i >= 0 && !/[ \t\n]/.test(text[i]!)) i--;
      if (i < 0 || text[i] === '\n') return undefined;
    }
    return undefined;
  };
  const startOf = (node: unknown): number | undefined => {
    if (isMap(node)) {
      const key = node.items[0]?.key as Node | null | undefined;
      return key?.range?.[0];
    }
    if (isSeq(node)) return dashOf(node.items[0]);
    return undefined;
  };
  const isBlock = (node: unknown): node is Node => (isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow && node.items.length > 0;
  const visit = (node: Node, newColumn: number, depth: number): void => {
    if (depth > 64 || !understood) return;
    const oldStart = startOf(node);
    if (oldStart === undefined) {
      understood = false;
      return;
    }
    const oldColumn = column(oldStart);
    const register = (offset: number): void => {
      const line = lineOf(offset);
      if (firstOnLine(offset) && !layout.has(line)) layout.set(line, newColumn);
    };
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || isAlias(pair.key)) {
          understood = false;
          return;
        }
        const keyStart = pair.key.range?.[0];
        if (keyStart === undefined || column(keyStart) !== oldColumn) {
          understood = false;
          return;
        }
        register(keyStart);
        const value = pair.value;
        if (isBlock(value)) {
          const valueStart = startOf(value);
          if (valueStart === undefined) {
            understood = false;
            return;
          }
          // A compact sequence (`key:` then `- item` at the key's column) stays compact.
          const compact = isSeq(value) && column(valueStart) === oldColumn;
          visit(value, compact ? newColumn : newColumn + step, depth + 1);
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const dash = dashOf(item);
        if (dash === undefined || column(dash) !== oldColumn) {
          understood = false;
          return;
        }
        register(dash);
        if (isBlock(item)) {
          const itemStart = startOf(item)!;
          // `- key: value`: the item's mapping keeps its place after the dash.
          const offset = lineOf(itemStart) === lineOf(dash) ? column(itemStart) - oldColumn : step;
          visit(item, newColumn + offset, depth + 1);
        }
      }
    }
  };
  for (const document of model.documents) {
    const contents = document.contents;
    if (!isBlock(contents)) continue;
    const start = startOf(contents);
    if (start === undefined || column(start) !== 0) return undefined;
    visit(contents, 0, 0);
  }
  return understood ? layout : undefined;
}

/** The file's own indentation step: the most common indentation of a nested mapping. */
function indentStep(model: ComposeModel): number {
  const counts = new Map<number, number>();
  const lines = model.lines;
  const stack: { node: unknown; column: number }[] = [];
  for (const document of model.documents) if (isMap(document.contents)) stack.push({ node: document.contents, column: 0 });
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const { node, column } = stack.pop()!;
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const value = pair.value;
      if (!isMap(value) || value.flow) continue;
      const keyStart = (value.items[0]?.key as Node | null | undefined)?.range?.[0];
      if (keyStart === undefined) continue;
      const childColumn = lines.positionAt(keyStart).character;
      const step = childColumn - column;
      if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
      stack.push({ node: value, column: childColumn });
    }
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  return best;
}

/** Lines after the first of a multi-line scalar or flow collection: their blanks may be content. */
function multiLineScalarLines(model: ComposeModel): Set<number> {
  const inside = new Set<number>();
  const lines = model.lines;
  const stack: unknown[] = model.documents.map((d) => d.contents);
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
      continue;
    }
    if (isSeq(node) && !node.flow) {
      stack.push(...node.items);
      continue;
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (!range || !(isScalar(node) || isMap(node) || isSeq(node))) continue;
    const first = lines.positionAt(range[0]).line;
    // A block scalar's range ends after its last line break: that line is not part of it.
    const endPosition = lines.positionAt(range[1]);
    const last = endPosition.character === 0 && endPosition.line > first ? endPosition.line - 1 : endPosition.line;
    for (let line = first + 1; line <= last; line++) inside.add(line);
  }
  return inside;
}

/** True when both texts parse, without errors, to the same data. */
export function sameData(before: string, after: string): boolean {
  try {
    const options = { merge: true, maxAliasCount: 1000, prettyErrors: false, uniqueKeys: true } as const;
    const a = parseAllDocuments(before, options);
    const b = parseAllDocuments(after, options);
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    if (b.some((document) => document.errors.length > 0)) return false;
    const values = (documents: typeof a): string => JSON.stringify(documents.map((document) => document.toJS({ maxAliasCount: 1000 }) as unknown));
    return values(a) === values(b);
  } catch {
    return false;
  }
}
