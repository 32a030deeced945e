// Which files `dockhand lint` reads: folders walked with .gitignore respected, globs, named files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { detectKind, type DocumentKind } from '../core';
import { CliError } from './arguments';
import { printable } from './printable';
import { nodeKind, notRegularFile, unreadableReason } from './read-file';

export interface Target {
  /** The path as reports show it: as given, or joined onto the folder or glob base given. */
  file: string;
  absolute: string;
  kind: DocumentKind;
  /** Named on the command line, so `.dockhand.yaml` ignore patterns do not skip it. */
  explicit: boolean;
}

const skippedFolders = new Set(['node_modules', '.git']);
const collator = new Intl.Collator('en');

// Files a user names (or a glob picks) may be named `app__Dockerfile` or `prod-compose.yml`.
const looseDockerfileName = /(?:docker|container)file$/i;
const looseComposeName = /compose[\w.-]*\.ya?ml$/i;

/** The kind of a file the user chose: `--kind`, then the usual names, then looser ones. */
export function kindOfNamedFile(file: string, given: DocumentKind | undefined): DocumentKind | undefined {
  if (given) return given;
  const name = path.basename(file);
  return detectKind(undefined, name) ?? (looseDockerfileName.test(name) ? 'dockerfile' : looseComposeName.test(name) ? 'compose' : undefined);
}

/**
 * The files one PATH|GLOB argument stands for, in a stable order. Entries a
 * folder walk or a glob finds that would be linted but are not regular files
 * (a FIFO, a symbolic link loop) are skipped, each with a line for `onSkipped`.
 */
export function targetsFor(given: string, kind: DocumentKind | undefined, onSkipped: (note: string) => void = () => undefined): Target[] {
  let stat: fs.Stats | undefined;
  let statError: unknown;
  try {
    stat = fs.statSync(given);
  } catch (error) {
    statError = error;
  }
  if (stat?.isDirectory()) {
    const found: Target[] = [];
    walk(
      given,
      (file) => {
        const detected = detectKind(undefined, path.basename(file));
        if (detected) found.push({ file, absolute: path.resolve(file), kind: detected, explicit: false });
      },
      (file, reason) => {
        if (detectKind(undefined, path.basename(file))) onSkipped(`skipped '${printable(file)}': ${reason}`);
      },
    );
    return found;
  }
  if (stat) {
    const irregular = notRegularFile(stat);
    if (irregular) throw new CliError(`cannot lint '${printable(given)}': ${irregular}${stat.isFIFO() ? " (to lint a pipe, pass '-' and send it on standard input)" : ''}`);
    const detected = kindOfNamedFile(given, kind) ?? (/\.ya?ml$/i.test(given) ? 'compose' : undefined);
    if (!detected) throw new CliError(`cannot tell what '${printable(given)}' is; name it like a Dockerfile or a compose file, or pass --kind dockerfile|compose`);
    return [{ file: given, absolute: path.resolve(given), kind: detected, explicit: true }];
  }
  const scan = picomatch.scan(given);
  // A path that exists but cannot be followed (a symbolic link loop or to nowhere, no permission) is not a glob.
  if (!scan.isGlob || (statError as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT' || isLink(given)) {
    throw new CliError(`cannot read '${printable(given)}': ${unreadableReason(given, statError)}`);
  }
  const found = globTargets(scan.base === '' ? '.' : scan.base, scan.glob, kind, onSkipped);
  if (found.length === 0) throw new CliError(`no Dockerfile or compose file matches '${printable(given)}'`);
  return found;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Files under `base` whose path relative to it matches `glob`; a matching
 * folder contributes the Dockerfiles and compose files found in it.
 */
function globTargets(base: string, glob: string, kind: DocumentKind | undefined, onSkipped: (note: string) => void): Target[] {
  const isMatch = picomatch(glob);
  const kindOf = (file: string): DocumentKind | undefined => {
    const relative = path.relative(base, file).split(path.sep);
    if (isMatch(relative.join('/'))) return kindOfNamedFile(file, kind);
    for (let depth = 1; depth < relative.length; depth++) {
      if (isMatch(relative.slice(0, depth).join('/'))) return detectKind(undefined, path.basename(file));
    }
    return undefined;
  };
  const found: Target[] = [];
  walk(
    base,
    (file) => {
      const detected = kindOf(file);
      if (detected) found.push({ file, absolute: path.resolve(file), kind: detected, explicit: false });
    },
    (file, reason) => {
      if (kindOf(file)) onSkipped(`skipped '${printable(file)}': ${reason}`);
    },
  );
  return found;
}

interface IgnoreFile {
  /** Absolute folder the patterns are relative to. */
  base: string;
  matcher: Ignore;
}

/**
 * Calls `onFile` for every file under `root`, sorted by name per folder, never
 * entering node_modules, .git or what a .gitignore (of the folder, its parents
 * up to the repository root, or .git/info/exclude) leaves out, nor a folder
 * twice, nor (as git) a symbolic link to a folder. Entries that are neither
 * files nor folders (FIFOs, sockets, devices, symbolic link loops or links to
 * nowhere) go to `onSkipped` with the reason.
 */
function walk(root: string, onFile: (file: string) => void, onSkipped: (file: string, reason: string) => void): void {
  const rootAbsolute = path.resolve(root);
  let inherited = repositoryIgnoreFiles(rootAbsolute);
  // A folder named on the command line is linted even when a parent's .gitignore leaves it out.
  if (isGitIgnored(rootAbsolute, true, inherited)) inherited = [];
  const visited = new Set<string>();
  const visit = (folder: string, absolute: string, ignoreFiles: readonly IgnoreFile[]): void => {
    let real: string;
    try {
      real = fs.realpathSync(absolute);
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
    const own = entries.some((entry) => entry.name === '.gitignore') ? readIgnoreFile(absolute, path.join(absolute, '.gitignore')) : undefined;
    const here = own ? [...ignoreFiles, own] : ignoreFiles;
    for (const entry of entries.sort((a, b) => collator.compare(a.name, b.name))) {
      const full = path.join(folder, entry.name);
      const entryAbsolute = path.join(absolute, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name) && !isGitIgnored(entryAbsolute, true, here)) visit(full, entryAbsolute, here);
        continue;
      }
      if (isGitIgnored(entryAbsolute, false, here)) continue;
      let stats: fs.Stats | fs.Dirent = entry;
      if (entry.isSymbolicLink()) {
        try {
          stats = fs.statSync(full);
        } catch (error) {
          onSkipped(full, unreadableReason(full, error));
          continue;
        }
      }
      // Symbolic links to folders are not followed, as git does not.
      if (stats.isFile()) onFile(full);
      else if (!stats.isDirectory()) onSkipped(full, `it is ${nodeKind(stats)}, not a regular file`);
    }
  };
  visit(root, rootAbsolute, inherited);
}

/** As git decides: the last pattern that matches wins, deeper .gitignore files last. */
function isGitIgnored(absolute: string, isDirectory: boolean, ignoreFiles: readonly IgnoreFile[]): boolean {
  let ignored = false;
  for (const { base, matcher } of ignoreFiles) {
    const relative = path.relative(base, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const result = matcher.test(relative.split(path.sep).join('/') + (isDirectory ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function readIgnoreFile(base: string, file: string): IgnoreFile | undefined {
  try {
    return { base, matcher: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .git/info/exclude and the .gitignore files of the folders above `folder`, up to its repository's root. */
function repositoryIgnoreFiles(folder: string): IgnoreFile[] {
  const above: string[] = [];
  let current = folder;
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) break;
    const parent = path.dirname(current);
    if (parent === current) return []; // not in a repository: only the .gitignore files below apply
    current = parent;
    above.unshift(current);
  }
  const files = [readIgnoreFile(current, path.join(current, '.git', 'info', 'exclude'))];
  for (const parent of above) files.push(readIgnoreFile(parent, path.join(parent, '.gitignore')));
  return files.filter((file): file is IgnoreFile => file !== undefined);
}
