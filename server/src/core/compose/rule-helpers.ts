import type { Node } from 'yaml';
import type { Fix, Report, RuleContext } from '../rules/rule';
import type { Range, TextEdit } from '../text';
import type { ComposeModel } from './model';
import { composeProject } from './project';
import type { ResourceKind, Span } from './service';
import { isMap, isScalar, nodeSpan } from './yaml-tree';

/** The range of a node or span; a collection is cut to its first line so the squiggle stays small. */
export function rangeOf(model: ComposeModel, target: Node | Span | undefined | null): Range | undefined {
  if (!target) return undefined;
  const span = Array.isArray(target) ? (target) : nodeSpan(target);
  if (!span) return undefined;
  const [start, end] = !Array.isArray(target) && !isScalar(target) ? model.firstLine(span[0], span[1]) : span;
  return model.lines.rangeOf(start, Math.max(start, end));
}

/**
 * A reporter that drops a second finding at the same place: a value shared
 * through an anchor (`<<: *defaults`) is reported once, where it is written.
 */
export function reporter(context: RuleContext<ComposeModel>): (target: Node | Span | undefined | null, message: string, fix?: Fix) => void {
  const seen = new Set<string>();
  return (target, message, fix) => {
    const range = rangeOf(context.model, target);
    if (!range) return;
    const key = `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    const report: Report = { range, message };
    if (fix) report.fix = fix;
    context.report(report);
  };
}

/** Replaces the text of a span. */
export function replaceSpan(model: ComposeModel, span: Span, newText: string): TextEdit {
  return { range: model.lines.rangeOf(span[0], span[1]), newText };
}

/** The indentation (spaces) of the line holding an offset. */
export function indentAt(model: ComposeModel, offset: number): string {
  const line = model.lines.positionAt(offset).line;
  return /^\s*/.exec(model.lines.lineText(line))?.[0] ?? '';
}

/**
 * An edit that adds `name: {}` under a top-level section (`networks`, `volumes`),
 * creating the section at the end of the file when it does not exist. Other
 * lines, comments and anchors are left as they are.
 */
export function addTopLevelEntry(model: ComposeModel, section: string, name: string): TextEdit | undefined {
  const root = model.root;
  if (!root) return undefined;
  const indent = detectIndent(model);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === section);
  const text = model.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (!pair) {
    const atEnd = text.length === 0 || text.endsWith('\n') ? '' : newline;
    const end = model.lines.positionAt(text.length);
    return { range: { start: end, end }, newText: `${atEnd}${newline}${section}:${newline}${indent}${name}: {}${newline}` };
  }
  const value = pair.value;
  if (isMap(value) && value.items.length > 0 && !value.flow) {
    // After the last entry's last line, at the indentation of the first entry.
    const firstKey = nodeSpan(value.items[0]!.key);
    const span = nodeSpan(value);
    if (!firstKey || !span) return undefined;
    const entryIndent = ' '.repeat(model.lines.positionAt(firstKey[0]).character);
    const lastLine = model.lines.positionAt(Math.max(span[0], trimEnd(text, span[1]) - 1)).line;
    const insertAt = model.lines.fullLineRange(lastLine).end;
    const atEof = insertAt.line === lastLine;
    return { range: { start: insertAt, end: insertAt }, newText: `${atEof ? newline : ''}${entryIndent}${name}: {}${atEof ? '' : newline}` };
  }
  if (isMap(value) && value.flow) {
    const span = nodeSpan(value);
    if (!span) return undefined;
    const close = text.lastIndexOf('}', span[1]);
    const empty = value.items.length === 0;
    const at = model.lines.positionAt(close);
    return { range: { start: at, end: at }, newText: `${empty ? '' : ', '}${name}: {}` };
  }
  if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
    // `networks:` with nothing after it: write the entry on the next line.
    const keySpan = nodeSpan(pair.key);
    if (!keySpan) return undefined;
    const line = model.lines.positionAt(keySpan[0]).line;
    const lineEnd = model.lines.positionAt(model.lines.lineEnd(line));
    return { range: { start: lineEnd, end: lineEnd }, newText: `${newline}${indent}${name}: {}` };
  }
  return undefined;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** The file's indentation unit, from the first indented line (two spaces by default). */
export function detectIndent(model: ComposeModel): string {
  for (let line = 0; line < Math.min(model.lines.lineCount, 200); line++) {
    const match = /^( +)\S/.exec(model.lines.lineText(line));
    if (match && !model.lines.lineText(line).trimStart().startsWith('#')) return match[1]!;
  }
  return '  ';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function quoteList(items: readonly string[]): string {
  return items.map((item) => `'${item}'`).join(', ');
}

/**
 * Reports each top-level network, volume, secret or config that no service
 * uses (the four unused-* rules); quiet when part of the project is unreadable.
 */
export function reportUnused(context: RuleContext<ComposeModel>, kind: ResourceKind, label: string, exempt: (name: string) => boolean = () => false): void {
  const project = composeProject(context);
  if (project.incomplete) return;
  const used = project.uses(kind);
  const report = reporter(context);
  for (const resource of context.model.resources(kind)) {
    if (exempt(resource.name) || used.has(resource.name)) continue;
    report(resource.keyNode, `${label} '${resource.name}' is declared but no service uses it.`);
  }
}
