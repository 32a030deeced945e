// The report formats of `dockhand lint`; each is one pure function from results to text.
import * as path from 'node:path';
import type { DocumentKind, Finding } from '../core';
import type { Format } from './arguments';
import { formatCheckstyle } from './format-checkstyle';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { formatJunit } from './format-junit';
import { formatSarif } from './format-sarif';
import { formatStylish } from './format-stylish';

export interface ReportFile {
  /** The path as the user gave or the walk found it. */
  file: string;
  absolute: string;
  kind: DocumentKind;
  findings: readonly Finding[];
  /** The text that was analysed when it is not on disk (standard input). */
  text?: string;
}

export interface ReportContext {
  /** Paths in SARIF, GitHub annotations and JUnit are relative to it (the repository root in CI). */
  cwd: string;
  color: boolean;
  version: string;
}

export function formatReport(format: Format, files: readonly ReportFile[], context: ReportContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(files, context);
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, context);
    case 'github':
      return formatGithub(files, context);
    case 'checkstyle':
      return formatCheckstyle(files);
    case 'junit':
      return formatJunit(files, context);
  }
}

/** A forward-slash path relative to `cwd`, or the absolute path when the file is outside it. */
export function relativePath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}
