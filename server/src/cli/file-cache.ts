import type { FileAccess } from '../core';

/**
 * Remembers folder listings and missing files for one run: rules list the
 * folder of every file (for a .dockerignore, a compose project's files) and
 * look upward for config files that are mostly absent. File contents are not
 * kept, so memory stays flat however many files are linted, and `--fix`
 * (which only rewrites existing files) cannot make an entry stale.
 */
export function cachingFileAccess(files: FileAccess): FileAccess {
  const listings = new Map<string, string[] | undefined>();
  const missing = new Set<string>();
  return {
    readFile(path) {
      if (missing.has(path)) return undefined;
      const text = files.readFile(path);
      if (text === undefined) missing.add(path);
      return text;
    },
    listDirectory(path) {
      if (!listings.has(path)) listings.set(path, files.listDirectory(path));
      const listing = listings.get(path);
      return listing && [...listing];
    },
  };
}
