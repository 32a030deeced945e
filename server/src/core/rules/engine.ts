import type { RuleOptions } from '../config';
import type { FileAccess } from '../files';
import type { Finding, Report, Rule, RuleMeta, SeveritySetting } from './rule';

/** Per-rule severity overrides, as in `dockhand.rules` or `.dockhand.yaml`. */
export type RuleSettings = Readonly<Record<string, SeveritySetting | undefined>>;

export function effectiveSeverity(rule: RuleMeta, settings: RuleSettings): SeveritySetting {
  const configured = settings[rule.id];
  if (configured !== undefined) return configured;
  return rule.enabledByDefault === false ? 'off' : rule.defaultSeverity;
}

/**
 * Runs every enabled rule on a model. A rule that throws is reported as an
 * internal error finding instead of taking the whole analysis down.
 */
export interface RunOptions {
  settings: RuleSettings;
  files: FileAccess;
  path: string | undefined;
  options: RuleOptions;
}

export function runRules<Model>(rules: readonly Rule<Model>[], model: Model, { settings, files, path, options }: RunOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, settings);
    if (severity === 'off') continue;
    const report = (r: Report): void => {
      findings.push({ ...r, rule: rule.id, severity });
    };
    try {
      rule.check({ model, report, files, path, options });
    } catch (error) {
      findings.push({
        rule: 'internal-error',
        severity: 'error',
        message: `Dockhand's rule ${rule.id} failed on this file: ${error instanceof Error ? error.message : String(error)}. Please report it.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
