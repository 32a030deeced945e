import type { ReportFile, ReportContext } from './format';
import { relativePath } from './format';
import { escapeXml } from './xml';

/**
 * JUnit XML for CI test reports: one test suite per file; each finding is a
 * failed test case, and a clean file is one passing test case.
 */
export function formatJunit(files: readonly ReportFile[], context: ReportContext): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of files) {
    const name = escapeXml(relativePath(file.absolute, context.cwd));
    const cases: string[] = [];
    for (const finding of file.findings) {
      const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const detail = `${finding.severity}: ${finding.message} (${finding.rule}) at ${relativePath(file.absolute, context.cwd)}:${where}`;
      cases.push(
        `    <testcase classname="${name}" name="${escapeXml(`${where} ${finding.rule}`)}" file="${name}" time="0">\n` +
          `      <failure type="${escapeXml(finding.severity)}" message="${escapeXml(finding.message)}">${escapeXml(detail)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (cases.length === 0) cases.push(`    <testcase classname="${name}" name="no problems" file="${name}" time="0" />`);
    tests += cases.length;
    failures += file.findings.length;
    suites.push(`  <testsuite name="${name}" tests="${cases.length}" failures="${file.findings.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dockhand" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
