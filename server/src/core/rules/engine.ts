import type { RuleOptions } from '../config';
import type { FileAccess } from '../files';
import type { Finding, Rule, RuleContext, RuleMeta, Severity, SeveritySetting } from './rule';

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
  let ruleId = '';
  let severity: Severity = 'error';
  // One context for all rules, the rule being run kept in the two variables
  // above. Findings are spelled out, not `{ ...r, rule, severity }`: on Node 20
  // a spread followed by new properties gives each object its own hidden class,
  // slow to create and to read.
  const context: RuleContext<Model> = {
    model,
    files,
    path,
    options,
    report: (r) => {
      findings.push(r.fix ? { range: r.range, message: r.message, fix: r.fix, rule: ruleId, severity } : { range: r.range, message: r.message, rule: ruleId, severity });
    },
  };
  for (const rule of rules) {
    const setting = effectiveSeverity(rule, settings);
    if (setting === 'off') continue;
    ruleId = rule.id;
    severity = setting;
    try {
      rule.check(context);
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
