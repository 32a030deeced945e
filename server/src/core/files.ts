/**
 * How the core reads files beside the document it analyses (a `.dockerignore`,
 * an `.env`, a Dockerfile named by a compose file). Each face supplies its own:
 * the server and the CLI read the disk, tests use an in-memory map. Paths are
 * absolute and forward-slash separated.
 */
export interface FileAccess {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Names of the entries in a folder, or undefined when it cannot be listed. */
  listDirectory(path: string): string[] | undefined;
}

export const noFileAccess: FileAccess = {
  readFile: () => undefined,
  listDirectory: () => undefined,
};

/** An in-memory file system, for tests and for files given on standard input. */
export function memoryFileAccess(files: Record<string, string>): FileAccess {
  return {
    readFile: (path) => files[path],
    listDirectory: (path) => {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]!);
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}
