import type { AnalysisSettings, DocumentKind } from './core';
import { severities, type SeveritySetting } from './core/rules/rule';
import { loadAnalysis } from './load-analysis';

export interface ServerSettings {
  validationDelayMs: number;
  /** `dockhand.dockerfile.enable` / `dockhand.compose.enable`: analysis (diagnostics) per language. */
  enabled: Readonly<Record<DocumentKind, boolean>>;
  /** What the core gets: rule severities (every rule of a disabled language off) and formatting preferences. */
  analysis: AnalysisSettings;
  /** The rule severities as the user wrote them, before a disabled language turned its rules off. */
  userRules: Readonly<Record<string, SeveritySetting>>;
  /** `dockhand.shellcheck.*`: run ShellCheck on shell-form RUN when found; `path` empty means `shellcheck` on PATH. */
  shellcheck: Readonly<{ enable: boolean; path: string }>;
}

export const defaultServerSettings: ServerSettings = {
  validationDelayMs: 200,
  enabled: { dockerfile: true, compose: true },
  analysis: { rules: {} },
  userRules: {},
  shellcheck: { enable: true, path: '' },
};

/**
 * Reads the `dockhand` settings section (from the client) or the initialization
 * options (from any editor), ignoring values of the wrong type. The section
 * wins over the initialization options, which win over `fallback`.
 *
 * Section (VS Code `dockhand.*`): `validation.delayMs`, `rules`,
 * `dockerfile.enable`, `compose.enable`, `format.uppercaseKeywords`,
 * `format.continuationIndent`, `format.compose`, `shellcheck.enable`, `shellcheck.path`.
 * Initialization options: `validationDelayMs`, `rules`, and the same nested
 * `dockerfile`, `compose`, `format` and `shellcheck` objects.
 */
export function readServerSettings(section: unknown, initializationOptions: unknown, fallback = defaultServerSettings): ServerSettings {
  const settings = isRecord(section) ? section : {};
  const options = isRecord(initializationOptions) ? initializationOptions : {};
  const nested = (key: string, name: string): unknown => {
    const fromSettings = record(settings[key])[name];
    return fromSettings !== undefined ? fromSettings : record(options[key])[name];
  };

  const delay = firstNumber(record(settings['validation'])['delayMs'], options['validationDelayMs']) ?? fallback.validationDelayMs;
  const rulesSource = isRecord(settings['rules']) ? settings['rules'] : isRecord(options['rules']) ? options['rules'] : undefined;
  const userRules = rulesSource ? readRules(rulesSource) : fallback.userRules;
  const enabled: Record<DocumentKind, boolean> = {
    dockerfile: firstBoolean(nested('dockerfile', 'enable')) ?? fallback.enabled.dockerfile,
    compose: firstBoolean(nested('compose', 'enable')) ?? fallback.enabled.compose,
  };

  const formatting: NonNullable<AnalysisSettings['formatting']> = { ...fallback.analysis.formatting };
  const uppercase = firstBoolean(nested('format', 'uppercaseKeywords'));
  if (uppercase !== undefined) formatting.uppercaseKeywords = uppercase;
  const indent = firstNumber(nested('format', 'continuationIndent'));
  if (indent !== undefined) formatting.continuationIndent = Math.max(0, Math.min(Math.round(indent), 16));
  const compose = firstBoolean(nested('format', 'compose'));
  if (compose !== undefined) formatting.compose = compose;

  // A disabled language runs no rule: its diagnostics disappear, hovers and navigation stay.
  // (Only then is the rule list needed, so settings alone do not load the core at startup.)
  const rules: Record<string, SeveritySetting> = { ...userRules };
  if (!enabled.dockerfile || !enabled.compose) for (const rule of loadAnalysis().allRules) if (!enabled[rule.language]) rules[rule.id] = 'off';

  const shellcheckPath = nested('shellcheck', 'path');
  const shellcheck = {
    enable: firstBoolean(nested('shellcheck', 'enable')) ?? fallback.shellcheck.enable,
    path: typeof shellcheckPath === 'string' ? shellcheckPath.trim() : fallback.shellcheck.path,
  };

  const analysis: AnalysisSettings = { rules, ...(Object.keys(formatting).length > 0 && { formatting }) };
  return { validationDelayMs: Math.max(0, Math.min(delay, 10_000)), enabled, analysis, userRules, shellcheck };
}

function readRules(source: Record<string, unknown>): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(source)) {
    if (value === 'off' || (typeof value === 'string' && (severities as readonly string[]).includes(value))) {
      rules[id] = value as SeveritySetting;
    }
  }
  return rules;
}

function firstNumber(...values: unknown[]): number | undefined {
  for (const value of values) if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function firstBoolean(...values: unknown[]): boolean | undefined {
  for (const value of values) if (typeof value === 'boolean') return value;
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
