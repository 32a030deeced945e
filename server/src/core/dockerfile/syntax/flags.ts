// The instructions, and the flags each accepts, in the current Dockerfile frontend
// (docker/dockerfile:1, BuildKit). Versions are the first `# syntax=docker/dockerfile:X.Y`
// with the flag; `labs` flags also exist in the `-labs` channel before that.

export const instructionNames = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

const known = new Set<string>(instructionNames);

export function isInstruction(upper: string): boolean {
  return known.has(upper);
}

export type FlagKind = 'bool' | 'string' | 'strings';

export interface FlagSpec {
  /** bool: `--x` or `--x=true|false`; string: `--x=value` once; strings: `--x=value`, repeatable. */
  kind: FlagKind;
  /** First stable Dockerfile syntax with the flag. */
  since?: readonly [number, number];
  /** Available in the `-labs` channel before `since`. */
  labs?: boolean;
}

const durationFlag: FlagSpec = { kind: 'string' };

export const instructionFlags: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = {
  FROM: { platform: { kind: 'string' } },
  RUN: {
    mount: { kind: 'strings', since: [1, 2] },
    network: { kind: 'string', since: [1, 3] },
    security: { kind: 'string', since: [1, 20], labs: true },
    device: { kind: 'strings', labs: true },
  },
  COPY: {
    from: { kind: 'string' },
    chown: { kind: 'string' },
    chmod: { kind: 'string', since: [1, 2] },
    link: { kind: 'bool', since: [1, 4] },
    parents: { kind: 'bool', since: [1, 20], labs: true },
    exclude: { kind: 'strings', since: [1, 19], labs: true },
  },
  ADD: {
    chown: { kind: 'string' },
    chmod: { kind: 'string', since: [1, 2] },
    link: { kind: 'bool', since: [1, 4] },
    'keep-git-dir': { kind: 'bool', since: [1, 1] },
    checksum: { kind: 'string', since: [1, 6] },
    unpack: { kind: 'bool', since: [1, 17] },
    exclude: { kind: 'strings', since: [1, 19], labs: true },
  },
  HEALTHCHECK: {
    interval: durationFlag,
    timeout: durationFlag,
    'start-period': durationFlag,
    'start-interval': { kind: 'string', since: [1, 6] },
    retries: { kind: 'string' },
  },
};

/** Instructions whose flags the builder never checks (it drops them silently). */
export const flagsIgnored = new Set(['ARG', 'STOPSIGNAL']);

export const durationFlags = new Set(['interval', 'timeout', 'start-period', 'start-interval']);
