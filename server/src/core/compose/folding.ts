// Folding in compose files: every key or list item whose value spans lines
// (mappings, lists, block scalars, multi-line flow collections) and runs of
// comment lines. An editor that gets ranges from a language server stops
// folding by indentation, so these must cover what indentation would.
import type { ComposeContext } from '../feature-context';
import type { FoldingRange } from '../features';
import { isMap, isSeq, nodeSpan } from './yaml-tree';

export function foldingRanges({ analysis, document }: ComposeContext): FoldingRange[] {
  const model = analysis.model;
  if (model.text !== document.text) return [];
  const lines = model.lines;
  const text = model.text;
  const ranges: FoldingRange[] = [];
  /** The last line holding content of a node that ends at `end` (its trailing line breaks and blank lines excluded). */
  const lastLine = (end: number): number => {
    let e = end;
    while (e > 0 && /\s/.test(text[e - 1]!)) e--;
    return lines.positionAt(Math.max(0, e - 1)).line;
  };
  const fold = (start: number, end: number): void => {
    const startLine = lines.positionAt(start).line;
    const endLine = lastLine(end);
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  const stack: unknown[] = model.documents.map((d) => d.contents);
  for (let guard = 0; stack.length > 0 && guard < 200_000; guard++) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = nodeSpan(pair.key);
        const value = nodeSpan(pair.value);
        if (key && value) fold(key[0], value[1]);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const span = nodeSpan(item);
        if (span) fold(span[0], span[1]);
        stack.push(item);
      }
    }
  }
  // Runs of two or more comment lines.
  let runStart = -1;
  for (let line = 0; line <= lines.lineCount; line++) {
    const isComment = line < lines.lineCount && lines.lineText(line).trimStart().startsWith('#');
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) ranges.push({ startLine: runStart, endLine: line - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  // One range per start line, the widest (a list item and its first key often start together).
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges.filter((range, i) => i === 0 || ranges[i - 1]!.startLine !== range.startLine);
}
