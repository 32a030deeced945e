import { parse as parseYaml } from 'yaml';
import { dirname, join } from './paths';
import type { FileAccess } from './files';
import type { RuleSettings } from './rules/engine';
import { allRules } from './rules/registry';
import { isShellcheckCode, rulesWithEquivalent } from './rules/suppressions';
import { severities, type SeveritySetting } from './rules/rule';

/** Options some rules read from configuration. */
export interface RuleOptions {
  /** Registries base images may come from (hadolint's trustedRegistries); undefined: any. */
  trustedRegistries: readonly string[] | undefined;
}

export interface ConfigProblem {
  file: string;
  message: string;
}

/** What `.dockhand.yaml` and `.hadolint.yaml` say for one folder, merged. */
export interface ProjectConfig {
  rules: RuleSettings;
  options: RuleOptions;
  /** Path patterns (relative to the config file's folder) the CLI skips. */
  ignorePaths: readonly { base: string; pattern: string }[];
  /** The config files that contributed, nearest last. */
  sources: readonly string[];
  problems: readonly ConfigProblem[];
}

export const emptyConfig: ProjectConfig = { rules: {}, options: { trustedRegistries: undefined }, ignorePaths: [], sources: [], problems: [] };

export const dockhandConfigNames = ['.dockhand.yaml', '.dockhand.yml'];
export const hadolintConfigNames = ['.hadolint.yaml', '.hadolint.yml'];

/** Configuration files larger than this are not read. */
const maxConfigBytes = 256 * 1024;

/**
 * Finds the nearest `.dockhand.yaml` and `.hadolint.yaml` walking up from
 * `folder` and merges them: rule defaults, then hadolint's settings (mapped
 * through each rule's hadolint equivalents), then Dockhand's own.
 */
export function loadProjectConfig(files: FileAccess, folder: string): ProjectConfig {
  const hadolint = findUpward(files, folder, hadolintConfigNames);
  const dockhand = findUpward(files, folder, dockhandConfigNames);
  let config = emptyConfig;
  if (hadolint) config = mergeConfig(config, readHadolintConfig(hadolint.path, hadolint.text));
  if (dockhand) config = mergeConfig(config, readDockhandConfig(dockhand.path, dockhand.text));
  return config;
}

export function findUpward(files: FileAccess, folder: string, names: readonly string[]): { path: string; text: string } | undefined {
  let current = folder;
  for (let depth = 0; depth < 64; depth++) {
    for (const name of names) {
      const path = join(current, name);
      const text = files.readFile(path);
      if (text !== undefined) return { path, text: text.length > maxConfigBytes ? '' : text };
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

export function mergeConfig(base: ProjectConfig, next: ProjectConfig): ProjectConfig {
  return {
    rules: { ...base.rules, ...next.rules },
    options: { trustedRegistries: next.options.trustedRegistries ?? base.options.trustedRegistries },
    ignorePaths: [...base.ignorePaths, ...next.ignorePaths],
    sources: [...base.sources, ...next.sources],
    problems: [...base.problems, ...next.problems],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseConfigYaml(path: string, text: string, problems: ConfigProblem[]): Record<string, unknown> {
  try {
    const value: unknown = parseYaml(text, { maxAliasCount: 50, prettyErrors: false });
    if (value === null || value === undefined) return {};
    if (isRecord(value)) return value;
    problems.push({ file: path, message: 'expected a mapping at the top level' });
  } catch (error) {
    problems.push({ file: path, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` });
  }
  return {};
}

function stringList(value: unknown, path: string, key: string, problems: ConfigProblem[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  problems.push({ file: path, message: `'${key}' should be a list of strings` });
  return undefined;
}

/**
 * `.dockhand.yaml`:
 *
 *     rules:
 *       untagged-base-image: off
 *       root-user: error
 *     ignore: [vendor/**]
 *     trustedRegistries: [docker.io, ghcr.io]
 */
export function readDockhandConfig(path: string, text: string): ProjectConfig {
  const problems: ConfigProblem[] = [];
  const raw = parseConfigYaml(path, text, problems);
  const rules: Record<string, SeveritySetting> = {};
  const known = new Set(allRules.map((rule) => rule.id));
  for (const key of Object.keys(raw)) {
    if (!['rules', 'ignore', 'trustedRegistries'].includes(key)) problems.push({ file: path, message: `unknown key '${key}' (expected rules, ignore or trustedRegistries)` });
  }
  if (raw['rules'] !== undefined && !isRecord(raw['rules'])) problems.push({ file: path, message: "'rules' should map rule ids to error, warning, info, hint or off" });
  for (const [id, value] of Object.entries(isRecord(raw['rules']) ? raw['rules'] : {})) {
    // YAML reads a bare `off` as the string "off" and `false` as a boolean: accept both.
    const setting = value === false ? 'off' : value;
    if (!known.has(id) && !isShellcheckCode(id)) problems.push({ file: path, message: `unknown rule '${id}'` });
    else if (typeof setting === 'string' && (setting === 'off' || (severities as readonly string[]).includes(setting))) rules[id] = setting as SeveritySetting;
    else problems.push({ file: path, message: `rule '${id}': expected error, warning, info, hint or off` });
  }
  const base = dirname(path);
  const ignore = stringList(raw['ignore'], path, 'ignore', problems) ?? [];
  return {
    rules,
    options: { trustedRegistries: stringList(raw['trustedRegistries'], path, 'trustedRegistries', problems) },
    ignorePaths: ignore.map((pattern) => ({ base, pattern })),
    sources: [path],
    problems,
  };
}

const hadolintSeverity: Readonly<Record<string, SeveritySetting>> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

/**
 * `.hadolint.yaml`: `ignored`, `override.{error,warning,info,style}` and
 * `trustedRegistries`, applied to the Dockhand rules that are the same checks.
 */
export function readHadolintConfig(path: string, text: string): ProjectConfig {
  const problems: ConfigProblem[] = [];
  const raw = parseConfigYaml(path, text, problems);
  const rules: Record<string, SeveritySetting> = {};
  const override = isRecord(raw['override']) ? raw['override'] : {};
  for (const [level, ids] of Object.entries(override)) {
    const severity = hadolintSeverity[level];
    const list = stringList(ids, path, `override.${level}`, problems) ?? [];
    if (!severity) {
      problems.push({ file: path, message: `unknown override level '${level}'` });
      continue;
    }
    for (const id of list) for (const rule of isShellcheckCode(id) ? [id] : rulesWithEquivalent('hadolint', id)) rules[rule] = severity;
  }
  for (const id of stringList(raw['ignored'], path, 'ignored', problems) ?? []) {
    for (const rule of isShellcheckCode(id) ? [id] : rulesWithEquivalent('hadolint', id)) rules[rule] = 'off';
  }
  return {
    rules,
    options: { trustedRegistries: stringList(raw['trustedRegistries'], path, 'trustedRegistries', problems) },
    ignorePaths: [],
    sources: [path],
    problems,
  };
}
