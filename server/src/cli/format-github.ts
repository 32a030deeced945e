import type { Severity } from '../core';
import type { ReportContext, ReportFile } from './format';
import { relativePath } from './format';

const annotationLevel: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF are escaped. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, and `:` and `,` too. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::warning file=...::message`): each
 * finding becomes an annotation on the pull request's diff.
 */
export function formatGithub(files: readonly ReportFile[], context: ReportContext): string {
  const out: string[] = [];
  for (const file of files) {
    const name = relativePath(file.absolute, context.cwd);
    for (const finding of file.findings) {
      const { start, end } = finding.range;
      const properties = [`file=${escapeProperty(name)}`, `line=${start.line + 1}`];
      // Columns only mean something on one line; endColumn is inclusive, 1-based.
      if (end.line === start.line) properties.push(`col=${start.character + 1}`, `endLine=${end.line + 1}`, `endColumn=${Math.max(start.character + 1, end.character)}`);
      else properties.push(`endLine=${end.character === 0 ? end.line : end.line + 1}`);
      properties.push(`title=${escapeProperty(finding.rule)}`);
      out.push(`::${annotationLevel[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
