import * as fs from 'node:fs';
import type { FileAccess } from '../core/files';

/** Files larger than this are not read as neighbours (a `.env` or Dockerfile never is). */
const maxNeighbourBytes = 5 * 1024 * 1024;

export const nodeFileAccess: FileAccess = {
  readFile(path) {
    try {
      // A missing file is the common case (no `.env`, no Dockerfile yet): no exception for it.
      const stat = fs.statSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > maxNeighbourBytes) return undefined;
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  listDirectory(path) {
    try {
      return fs.readdirSync(path);
    } catch {
      return undefined;
    }
  },
};

/** The core works with forward-slash paths. */
export function toCorePath(fsPath: string): string {
  return fsPath.replace(/\\/g, '/');
}
