import type { Severity } from '../core';
import type { ReportFile } from './format';
import { escapeXml } from './xml';

const checkstyleSeverity: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/** Checkstyle XML, as Jenkins' warnings-ng and reviewdog read it; columns are 1-based. */
export function formatCheckstyle(files: readonly ReportFile[]): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of files) {
    out.push(`  <file name="${escapeXml(file.file)}">`);
    for (const finding of file.findings) {
      const attributes = [
        `line="${finding.range.start.line + 1}"`,
        `column="${finding.range.start.character + 1}"`,
        `severity="${checkstyleSeverity[finding.severity]}"`,
        `message="${escapeXml(finding.message)}"`,
        `source="dockhand.${escapeXml(finding.rule)}"`,
      ];
      out.push(`    <error ${attributes.join(' ')} />`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
