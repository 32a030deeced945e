import { type AnalysisSettings, severities, type SeveritySetting } from './core';

export interface ServerSettings {
  validationDelayMs: number;
  analysis: AnalysisSettings;
}

export const defaultServerSettings: ServerSettings = {
  validationDelayMs: 200,
  analysis: { rules: {} },
};

/**
 * Reads the `dockhand` settings section (from the client) or the initialization
 * options (from any editor), ignoring values of the wrong type.
 */
export function readServerSettings(section: unknown, initializationOptions: unknown, fallback = defaultServerSettings): ServerSettings {
  const settings = isRecord(section) ? section : {};
  const options = isRecord(initializationOptions) ? initializationOptions : {};
  const validation = isRecord(settings['validation']) ? settings['validation'] : {};
  const delay = firstNumber(validation['delayMs'], options['validationDelayMs'], fallback.validationDelayMs);
  const rulesSource = isRecord(settings['rules']) ? settings['rules'] : isRecord(options['rules']) ? options['rules'] : undefined;
  const rules: Record<string, SeveritySetting> = {};
  if (rulesSource) {
    for (const [id, value] of Object.entries(rulesSource)) {
      if (value === 'off' || (typeof value === 'string' && (severities as readonly string[]).includes(value))) {
        rules[id] = value as SeveritySetting;
      }
    }
  }
  const analysis = rulesSource ? { rules } : fallback.analysis;
  return { validationDelayMs: Math.max(0, Math.min(delay, 10_000)), analysis };
}

function firstNumber(...values: unknown[]): number {
  for (const value of values) if (typeof value === 'number' && Number.isFinite(value)) return value;
  return defaultServerSettings.validationDelayMs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
