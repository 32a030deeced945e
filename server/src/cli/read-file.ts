// Reads the files the CLI lints without waiting forever on a FIFO or a device,
// and without taking a binary file or a huge one for a Dockerfile. Every
// problem is one line naming the file, for an exit 2.
import * as fs from 'node:fs';
import { printable } from './printable';

/** Larger files are not read: the analysis would not look past its own, smaller, limits anyway. */
export const maxFileBytes = 10 * 1024 * 1024;

/** The kind of a file system entry that is not a regular file, in words. */
export function nodeKind(stats: fs.Stats | fs.Dirent): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return stats.isFile() ? 'a regular file' : 'not a regular file';
}

/** Why `file` cannot be opened, from the error of a stat or open on it. */
export function unreadableReason(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ELOOP':
      return 'it is a symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOENT':
    case 'ENOTDIR': {
      let target: string | undefined;
      try {
        target = fs.readlinkSync(file);
      } catch {
        target = undefined;
      }
      return target === undefined ? 'no such file or folder' : `it is a symbolic link to '${printable(target)}', which does not exist`;
    }
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Why an entry is not a file to read, if it is not a regular file (`it is a FIFO (named pipe), not a regular file`). */
export function notRegularFile(stats: fs.Stats): string | undefined {
  return stats.isFile() ? undefined : `it is ${nodeKind(stats)}, not a regular file`;
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

/** Why `buffer` is not text to lint, if it is not. */
function notText(buffer: Buffer): string | undefined {
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) return 'it is UTF-16 text (it starts with a UTF-16 byte order mark); dockhand reads UTF-8';
  // As git decides: text never holds a NUL byte.
  if (buffer.includes(0)) return 'it looks like a binary file (it has NUL bytes), not text';
  return undefined;
}

/**
 * The text of `file`, or why it cannot be read as text, to follow
 * `cannot lint 'FILE': `. The file is opened without blocking, so a FIFO
 * with no writer is reported, not waited on.
 */
export function readTextFile(file: string): { text: string } | { problem: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: unreadableReason(file, error) };
  }
  try {
    const stats = fs.fstatSync(fd);
    const irregular = notRegularFile(stats);
    if (irregular) return { problem: irregular };
    if (stats.size > maxFileBytes) return { problem: `it is ${bytes(stats.size)} (${(stats.size / 1024 / 1024).toFixed(1)} MiB), over the ${maxFileBytes / 1024 / 1024} MiB (${bytes(maxFileBytes)}) that dockhand reads` };
    const buffer = fs.readFileSync(fd);
    const problem = notText(buffer);
    return problem ? { problem } : { text: buffer.toString('utf8') };
  } catch (error) {
    return { problem: unreadableReason(file, error) };
  } finally {
    fs.closeSync(fd);
  }
}
