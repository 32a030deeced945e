// POSIX-style path helpers for the core, which may not import Node's `path`.
// The adapters hand the core absolute, forward-slash paths.

export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return trimmed.slice(0, slash);
}

export function basename(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((part) => part.length > 0).join('/'));
}

/** Resolves `relative` against the folder `base`; an absolute `relative` wins. */
export function resolve(base: string, relative: string): string {
  return relative.startsWith('/') ? normalize(relative) : normalize(`${base}/${relative}`);
}

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else {
      out.push(segment);
    }
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
