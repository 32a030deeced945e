import ignore, { type Ignore } from '@balena/dockerignore';
import type { FileAccess } from '../../files';
import { basename, dirname, join } from '../../paths';

/**
 * The ignore file BuildKit would use when the Dockerfile's folder is the build
 * context: `<Dockerfile-name>.dockerignore` beside the Dockerfile wins, then
 * `.dockerignore` at the context root.
 */
export function readDockerignore(files: FileAccess, dockerfilePath: string): { path: string; text: string } | undefined {
  const folder = dirname(dockerfilePath);
  for (const candidate of [join(folder, `${basename(dockerfilePath)}.dockerignore`), join(folder, '.dockerignore')]) {
    const text = files.readFile(candidate);
    if (text !== undefined) return { path: candidate, text };
  }
  return undefined;
}

/** The patterns of a .dockerignore, as Docker reads them: comments and blank lines dropped, whitespace trimmed. */
export function ignorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

export function ignoreMatcher(patterns: readonly string[]): Ignore {
  return ignore().add([...patterns]);
}

/** A context path in the form .dockerignore patterns are matched against: relative, cleaned, no `./`. */
export function contextRelative(source: string): string | undefined {
  const cleaned = join('/', source).slice(1);
  return cleaned === '' || cleaned === '.' ? undefined : cleaned;
}

/**
 * Entries at the root of a build context that a `.dockerignore` should keep out:
 * version control, dependency folders, caches and local secrets.
 */
const junk: readonly { test: RegExp; label: string }[] = [
  { test: /^\.git$/, label: '.git' },
  { test: /^\.hg$|^\.svn$/, label: 'version control data' },
  { test: /^node_modules$/, label: 'node_modules' },
  { test: /^\.env$|^\.env\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+$/, label: '.env files' },
  { test: /^\.venv$|^venv$/, label: 'a Python virtualenv' },
  { test: /^__pycache__$|^\.pytest_cache$|^\.mypy_cache$|^\.tox$|^\.ruff_cache$/, label: 'Python caches' },
  { test: /^\.terraform$/, label: '.terraform' },
  { test: /^\.aws$|^\.ssh$|^id_rsa$|^id_ed25519$/, label: 'credentials' },
];

/** The junk labels found among a folder's entries, in a stable order. */
export function junkIn(entries: readonly string[]): string[] {
  const labels: string[] = [];
  for (const { test, label } of junk) {
    if (entries.some((entry) => test.test(entry)) && !labels.includes(label)) labels.push(label);
  }
  return labels;
}
