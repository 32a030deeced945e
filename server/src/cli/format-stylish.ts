import type { Severity } from '../core';
import type { ReportFile } from './format';
import { printable } from './printable';

const colors = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  hint: '\u001b[90m',
  dim: '\u001b[90m',
  underline: '\u001b[4m',
  reset: '\u001b[0m',
} as const;

/** ESLint-style output for people: the file, then `line:col  severity  message  rule`. */
export function formatStylish(results: readonly ReportFile[], options: { color: boolean }): string {
  const paint = (code: keyof typeof colors, text: string): string => (options.color ? `${colors[code]}${text}${colors.reset}` : text);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const out: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    out.push(paint('underline', printable(result.file)));
    const rows = result.findings.map((finding) => {
      counts[finding.severity]++;
      return [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, printable(finding.message), finding.rule] as const;
    });
    const positionWidth = Math.max(...rows.map((row) => row[0].length));
    for (const [where, severity, message, rule] of rows) {
      out.push(`  ${paint('dim', where.padEnd(positionWidth))}  ${paint(severity, severity.padEnd(7))}  ${message}  ${paint('dim', rule)}`);
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return `No problems found in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
  const parts = (Object.keys(counts) as Severity[]).filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}${counts[severity] === 1 ? '' : severity === 'info' ? '' : 's'}`);
  out.push(paint(counts.error > 0 ? 'error' : 'warning', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${results.length} file${results.length === 1 ? '' : 's'}`));
  return `${out.join('\n')}\n`;
}
