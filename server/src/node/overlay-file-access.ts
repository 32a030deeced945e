import type { FileAccess } from '../core/files';

/** Reads open documents' unsaved text before the disk, so cross-file features see what the user sees. */
export function overlayFileAccess(disk: FileAccess, openText: (path: string) => string | undefined): FileAccess {
  return {
    readFile: (path) => openText(path) ?? disk.readFile(path),
    listDirectory: (path) => disk.listDirectory(path),
  };
}
