// SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl, type Finding, type RuleMeta, type Severity } from '../core';
import { ruleMarkdown } from '../core/rules/rules-markdown';
import type { ReportContext, ReportFile } from './format';
import { relativePath } from './format';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
const informationUri = 'https://github.com/dockhand-dev/dockhand';
const srcRoot = '%SRCROOT%';

const sarifLevel: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** `untagged-base-image` → `UntaggedBaseImage`, the form SARIF suggests for a rule's name. */
function pascalCase(id: string): string {
  return id.replace(/(?:^|-)([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const help = [rule.docs.finds, '', rule.docs.why, '', 'Example:', rule.docs.example.trimEnd(), '', 'Fixed:', rule.docs.fixedExample.trimEnd(), '', `Docs: ${docsUrl(rule.id)}`].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.docs.finds },
    fullDescription: { text: rule.docs.why },
    help: { text: help, markdown: ruleMarkdown(rule) },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { level: sarifLevel[rule.defaultSeverity], enabled: rule.enabledByDefault !== false },
    properties: {
      tags: [...new Set([rule.language, rule.category, ...(rule.category === 'security' ? ['security'] : [])])],
      fixable: rule.fixable,
      ...(rule.equivalents.length > 0 ? { equivalents: [...rule.equivalents] } : {}),
    },
  };
}

/** For findings that no registered rule made (`internal-error`). */
function unknownRuleDescriptor(id: string): Record<string, unknown> {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: id === 'internal-error' ? 'A Dockhand rule failed while analysing the file.' : `Findings of ${id}.` },
    helpUri: informationUri,
    defaultConfiguration: { level: 'error' },
  };
}

/** Percent-encodes each segment of a relative path for a URI reference. */
function uriOf(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/**
 * Fingerprints that survive lines moving: the rule, the text of the finding's
 * first line, and how many times that pair came before in the file.
 */
function fingerprints(file: ReportFile): string[] {
  let lines: string[] = [];
  try {
    lines = (file.text ?? fs.readFileSync(file.absolute, 'utf8')).split(/\r?\n|\r/);
  } catch {
    // The file is gone: fingerprints from the rule and message alone.
  }
  const seen = new Map<string, number>();
  return file.findings.map((finding) => {
    const key = `${finding.rule}\0${(lines[finding.range.start.line] ?? finding.message).trim()}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return `${createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32)}:${occurrence + 1}`;
  });
}

function region(finding: Finding): Record<string, number> {
  const { start, end } = finding.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function formatSarif(files: readonly ReportFile[], context: ReportContext): string {
  const descriptors = allRules.map(ruleDescriptor);
  const ruleIndex = new Map(allRules.map((rule, index) => [rule.id, index]));
  const results: Record<string, unknown>[] = [];
  for (const file of files) {
    const relative = relativePath(file.absolute, context.cwd);
    const artifactLocation = relative.startsWith('/') || /^[A-Za-z]:/.test(relative) ? { uri: pathToFileURL(file.absolute).href } : { uri: uriOf(relative), uriBaseId: srcRoot };
    const prints = fingerprints(file);
    file.findings.forEach((finding, i) => {
      let index = ruleIndex.get(finding.rule);
      if (index === undefined) {
        index = descriptors.length;
        descriptors.push(unknownRuleDescriptor(finding.rule));
        ruleIndex.set(finding.rule, index);
      }
      results.push({
        ruleId: finding.rule,
        ruleIndex: index,
        level: sarifLevel[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(finding) } }],
        partialFingerprints: { 'dockhandFinding/v1': prints[i]! },
      });
    });
  }
  const log = {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Dockhand',
            informationUri,
            version: context.version,
            semanticVersion: context.version,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [srcRoot]: { uri: pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
