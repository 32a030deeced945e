// The CLI face: `dockhand lint` and `dockhand rules` for CI, on the same core as the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, detectKind, LanguageService, docsUrl, type DocumentKind, findRule, type Finding, isComposeFileName, isDockerfileName, type Severity } from '../core';
import ignore from '@balena/dockerignore';
import { type ProjectConfig, readDockhandConfig, readHadolintConfig } from '../core/config';
import { nodeFileAccess, toCorePath } from '../node/file-access';
import { parseArguments, type CliOptions, UsageError, usage } from './arguments';
import { formatStylish } from './format-stylish';

const maxFileBytes = 10 * 1024 * 1024;

interface FileResult {
  file: string;
  diagnostics: Finding[];
}

function main(argv: readonly string[]): number {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dockhand: ${error.message}\n${error.showUsage ? `\n${usage}` : ''}`);
      return 2;
    }
    throw error;
  }
  switch (options.command) {
    case 'help':
      process.stdout.write(usage);
      return 0;
    case 'version':
      process.stdout.write(`${typeof DOCKHAND_VERSION === 'string' ? DOCKHAND_VERSION : '0.0.0-dev'}\n`);
      return 0;
    case 'rules':
      return printRules(options);
    case 'lint':
      return lint(options);
  }
}

function printRules(options: CliOptions): number {
  if (options.format === 'json') {
    const rules = allRules.map((rule) => ({
      id: rule.id,
      language: rule.language,
      category: rule.category,
      defaultSeverity: rule.defaultSeverity,
      fixable: rule.fixable,
      equivalents: [...rule.equivalents],
      docsUrl: docsUrl(rule.id),
    }));
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const [id] = options.paths;
  if (id !== undefined) {
    const rule = findRule(id);
    if (!rule) {
      process.stderr.write(`dockhand: no rule named '${id}'; run 'dockhand rules' for the list\n`);
      return 2;
    }
    const lines = [
      `${rule.id} (${rule.language}, ${rule.category}, default ${rule.defaultSeverity}, fix: ${rule.fixable})`,
      '',
      rule.docs.finds,
      '',
      rule.docs.why,
      '',
      'Example:',
      indent(rule.docs.example),
      'Fixed:',
      indent(rule.docs.fixedExample),
      rule.equivalents.length > 0 ? `Same check elsewhere: ${rule.equivalents.join(', ')}` : '',
      `Docs: ${docsUrl(rule.id)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const width = Math.max(...allRules.map((rule) => rule.id.length));
  for (const rule of allRules) {
    process.stdout.write(`${rule.id.padEnd(width)}  ${rule.language.padEnd(10)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.fixable.padEnd(6)}  ${rule.docs.finds}\n`);
  }
  return 0;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function lint(options: CliOptions): number {
  const targets: { file: string; kind: DocumentKind; explicit: boolean }[] = [];
  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      process.stderr.write(`dockhand: cannot read '${given}': no such file or folder\n`);
      return 2;
    }
    if (stat.isDirectory()) {
      for (const file of findFiles(given)) {
        const kind = detectKind(undefined, file);
        if (kind) targets.push({ file, kind, explicit: false });
      }
    } else {
      const kind = options.kind ?? detectKind(undefined, given) ?? (/\.ya?ml$/i.test(given) ? 'compose' : undefined);
      if (!kind) {
        process.stderr.write(`dockhand: cannot tell what '${given}' is; name it like a Dockerfile or a compose file, or pass --kind dockerfile|compose\n`);
        return 2;
      }
      targets.push({ file: given, kind, explicit: true });
    }
  }

  const config = options.config === undefined ? undefined : readConfigFile(options.config);
  if (typeof config === 'string') {
    process.stderr.write(`dockhand: ${config}\n`);
    return 2;
  }
  const service = new LanguageService(nodeFileAccess, config);
  const settings = { rules: options.rules };
  const results: FileResult[] = [];
  for (const target of targets) {
    let text: string;
    try {
      const size = fs.statSync(target.file).size;
      if (size > maxFileBytes) {
        process.stderr.write(`dockhand: '${target.file}' is ${Math.round(size / 1024 / 1024)} MB, over the 10 MB limit for analysis\n`);
        return 2;
      }
      text = fs.readFileSync(target.file, 'utf8');
    } catch (error) {
      process.stderr.write(`dockhand: cannot read '${target.file}': ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const corePath = toCorePath(path.resolve(target.file));
    const analysis = service.analyze({ uri: corePath, path: corePath, kind: target.kind, version: 1, text }, settings);
    for (const problem of analysis.config.problems) {
      process.stderr.write(`dockhand: ${problem.file}: ${problem.message}\n`);
      return 2;
    }
    if (isIgnored(corePath, analysis.config.ignorePaths) && !target.explicit) continue;
    results.push({ file: target.file, diagnostics: analysis.findings });
    service.forget(corePath);
  }

  if (options.format === 'json') {
    const json = results.map((result) => ({
      file: result.file,
      diagnostics: result.diagnostics.map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        range: finding.range,
        fixable: finding.fix ? (findRule(finding.rule)?.fixable ?? 'none') : 'none',
      })),
    }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(formatStylish(results, { color: options.color ?? process.stdout.isTTY === true }));
  }
  return results.some((result) => result.diagnostics.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

/** True when a `.dockhand.yaml` `ignore` pattern matches the file (patterns are relative to that file's folder). */
function isIgnored(file: string, patterns: ProjectConfig['ignorePaths']): boolean {
  return patterns.some(({ base, pattern }) => {
    if (!file.startsWith(`${base}/`)) return false;
    return ignore().add(pattern).ignores(file.slice(base.length + 1));
  });
}

/** `--config FILE`: a .dockhand.yaml or .hadolint.yaml (by name) used instead of the discovered ones. */
function readConfigFile(file: string): ProjectConfig | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return `cannot read config file '${file}'`;
  }
  const corePath = toCorePath(path.resolve(file));
  const config = /hadolint/i.test(path.basename(file)) ? readHadolintConfig(corePath, text) : readDockhandConfig(corePath, text);
  const [problem] = config.problems;
  return problem ? `${file}: ${problem.message}` : config;
}

const skippedFolders = new Set(['node_modules', '.git']);

/** Dockerfiles and compose files under a folder, sorted so output order is stable. */
function findFiles(root: string): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) walk(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && (isDockerfileName(entry.name) || isComposeFileName(entry.name))) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found;
}

declare const DOCKHAND_VERSION: string | undefined;

export type { Severity };

process.exitCode = main(process.argv.slice(2));
