// What the analysis of a document over the size limits amounts to: one
// `file-too-large` finding, found without parsing the document.
import type { DocumentKind } from './document-kind';
import { effectiveSeverity, type RuleSettings } from './rules/engine';
import { exceededLimit, fileTooLarge } from './rules/file-too-large';
import type { Finding } from './rules/rule';
import { applySuppressions, parseSuppressionComment, type Suppression, type SuppressionResult } from './rules/suppressions';
import type { Range } from './text';

/** Suppression comments are looked for in this many leading lines. */
const headerLines = 200;
/** Longer comment lines are read only this far. */
const maxCommentLength = 4096;

/**
 * The findings of a document over the limits, or undefined when it is within
 * them. Suppression comments above the first line that is not blank or a
 * comment count, so "Ignore file-too-large" works as it does elsewhere.
 */
export function oversizeAnalysis(kind: DocumentKind, text: string, settings: RuleSettings): (SuppressionResult & { suppressions: Suppression[] }) | undefined {
  const message = exceededLimit(kind, text);
  if (message === undefined) return undefined;
  const comments: Omit<Suppression, 'lines'>[] = [];
  let content: Range | undefined;
  const breaks = /\r\n?|\n/g;
  let start = 0;
  for (let line = 0; line < headerLines; line++) {
    const found = breaks.exec(text);
    const end = found ? found.index : text.length;
    const head = text.slice(start, Math.min(end, start + maxCommentLength));
    const column = head.search(/\S/);
    if (column >= 0 && head[column] !== '#') {
      content = { start: { line, character: column }, end: { line, character: end - start } };
      break;
    }
    const parsed = column >= 0 ? parseSuppressionComment(head.slice(column), line, column) : undefined;
    if (parsed && (kind === 'dockerfile' || parsed.source === 'dockhand')) comments.push(parsed);
    if (!found) break;
    start = breaks.lastIndex;
  }
  const suppressions = comments.map((s): Suppression => ({ ...s, lines: s.scope === 'next' && content ? [content.start.line, content.start.line] : undefined }));
  const severity = effectiveSeverity(fileTooLarge, settings);
  const range = content ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const findings: Finding[] = severity === 'off' ? [] : [{ rule: fileTooLarge.id, severity, message, range }];
  return { ...applySuppressions(findings, suppressions, undefined), suppressions };
}
