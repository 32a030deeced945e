/**
 * Parsers for Compose's short-syntax strings: port mappings and volume mounts.
 * Offsets are relative to the string, so callers can point at one part of it.
 */

export interface Part {
  text: string;
  start: number;
  end: number;
}

export interface PortSpec {
  hostIp: Part | undefined;
  /** The published (host) port or range; undefined when Compose picks a random host port. */
  published: Part | undefined;
  target: Part;
  protocol: string;
}

/** `[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`, IPv6 addresses in brackets or not. */
export function parsePortSpec(spec: string): PortSpec | undefined {
  let end = spec.length;
  let protocol = 'tcp';
  const slash = spec.lastIndexOf('/');
  if (slash >= 0) {
    protocol = spec.slice(slash + 1).toLowerCase();
    end = slash;
  }
  const part = (start: number, stop: number): Part => ({ text: spec.slice(start, stop), start, end: stop });
  let hostIp: Part | undefined;
  let start = 0;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    if (close < 0 || close > end) return undefined;
    hostIp = part(1, close);
    start = close + 1;
    if (spec[start] === ':') start++;
  }
  // Colon positions in the remaining text.
  const colons: number[] = [];
  for (let i = start; i < end; i++) if (spec[i] === ':') colons.push(i);
  if (hostIp) {
    if (colons.length === 0) return { hostIp, published: undefined, target: part(start, end), protocol };
    if (colons.length > 1) return undefined;
    const c = colons[0]!;
    return { hostIp, published: c > start ? part(start, c) : undefined, target: part(c + 1, end), protocol };
  }
  if (colons.length === 0) return { hostIp: undefined, published: undefined, target: part(start, end), protocol };
  if (colons.length === 1) {
    const c = colons[0]!;
    return { hostIp: undefined, published: part(start, c), target: part(c + 1, end), protocol };
  }
  // IP:HOST:CONTAINER, where an unbracketed IPv6 address holds further colons.
  const last = colons[colons.length - 1]!;
  const middle = colons[colons.length - 2]!;
  return {
    hostIp: part(start, middle),
    published: last > middle + 1 ? part(middle + 1, last) : undefined,
    target: part(last + 1, end),
    protocol,
  };
}

/** The numbers of a port or range (`8080`, `8000-8010`); undefined when it is not numeric. At most 65536 ports. */
export function portNumbers(text: string): [number, number] | undefined {
  const match = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(text);
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low > 65535 || high > 65535 || high < low) return undefined;
  return [low, high];
}

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | (string & {});

export interface VolumeSpec {
  type: MountType;
  source: Part | undefined;
  target: Part | undefined;
  mode: Part | undefined;
  readOnly: boolean;
}

/**
 * `SOURCE:TARGET[:MODE]` or `TARGET`. A source that starts with `.`, `/`, `~`
 * or a Windows drive is a bind mount from the host; any other is a named volume.
 */
export function parseVolumeSpec(spec: string): VolumeSpec {
  const parts: Part[] = [];
  let start = 0;
  // A Windows drive letter (`C:\data`) is part of the path, not a separator.
  const skipDrive = (at: number): number => (/^[A-Za-z]:[\\/]/.test(spec.slice(at, at + 3)) ? at + 2 : at);
  let scan = skipDrive(0);
  for (let i = scan; i <= spec.length; i++) {
    if (i === spec.length || spec[i] === ':') {
      parts.push({ text: spec.slice(start, i), start, end: i });
      start = i + 1;
      scan = skipDrive(start);
      if (scan > i + 1) i = scan - 1;
    }
  }
  if (parts.length === 1) {
    return { type: 'volume', source: undefined, target: parts[0], mode: undefined, readOnly: false };
  }
  const [source, target, mode] = parts as [Part, Part, Part | undefined];
  const readOnly = mode !== undefined && mode.text.split(',').includes('ro');
  // A volume name holds no slash, so `${PWD}/data` is a host path too.
  return { type: isHostPath(source.text) || source.text.includes('/') ? 'bind' : 'volume', source, target, mode, readOnly };
}

export function isHostPath(source: string): boolean {
  return /^(?:[./~]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}
