import { findRule } from '../core';
import type { ReportFile } from './format';

/** The JSON contract: `[{file, diagnostics: [{rule, severity, message, range, fixable}]}]`, 0-based LSP positions. */
export function formatJson(files: readonly ReportFile[]): string {
  const json = files.map((result) => ({
    file: result.file,
    diagnostics: result.findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      range: finding.range,
      fixable: finding.fix ? (findRule(finding.rule)?.fixable ?? 'none') : 'none',
    })),
  }));
  return `${JSON.stringify(json, null, 2)}\n`;
}
