import type { DocumentKind } from '../document-kind';
import type { RuleOptions } from '../config';
import type { FileAccess } from '../files';
import type { Range, TextEdit } from '../text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
/** As ruff's fix safety: a safe fix keeps the meaning of the file, an unsafe one may change it. */
export type Fixability = 'none' | 'safe' | 'unsafe';
export type Category = 'syntax' | 'correctness' | 'best-practice' | 'security' | 'performance' | 'style';

export const severities: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Rule documentation, with the same headings for every rule. */
export interface RuleDocs {
  /** One sentence: what the rule finds. */
  finds: string;
  /** Why it matters, in a short paragraph. */
  why: string;
  /** A complete file on which the rule fires. */
  example: string;
  /** The same file with the problem fixed; the rule stays quiet on it. */
  fixedExample: string;
}

export interface RuleMeta {
  /** Kebab-case, names the pattern found; also the docs anchor and the fixture folder. */
  id: string;
  language: DocumentKind;
  category: Category;
  defaultSeverity: Severity;
  /** Rules that are noisy for many projects ship switched off. */
  enabledByDefault?: boolean;
  fixable: Fixability;
  /** The same check in other tools, spelled `tool:ID` (hadolint, buildkit, trivy, checkov, dclint, kics). */
  equivalents: readonly string[];
  docs: RuleDocs;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** What a rule reports; the engine adds the rule id and the configured severity. */
export interface Report {
  range: Range;
  message: string;
  fix?: Fix;
}

export interface Finding extends Report {
  rule: string;
  severity: Severity;
}

export interface RuleContext<Model> {
  readonly model: Model;
  readonly report: (report: Report) => void;
  /** Reads files beside the document (`.dockerignore`, `.env`, a compose file's Dockerfile). */
  readonly files: FileAccess;
  /** Absolute forward-slash path of the document, when it is a file on disk. */
  readonly path: string | undefined;
  /** Options from `.dockhand.yaml` / `.hadolint.yaml`, such as trusted registries. */
  readonly options: RuleOptions;
}

export interface Rule<Model> extends RuleMeta {
  check(context: RuleContext<Model>): void;
}

export const docsBaseUrl = 'https://github.com/dockhand-dev/dockhand/blob/main/RULES.md';

export function docsUrl(ruleId: string): string {
  // ShellCheck's codes are reported like rules; their docs are ShellCheck's wiki.
  if (/^SC\d{4}$/.test(ruleId)) return `https://www.shellcheck.net/wiki/${ruleId}`;
  return `${docsBaseUrl}#${ruleId}`;
}
