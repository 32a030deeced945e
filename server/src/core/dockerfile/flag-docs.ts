// Hover text for instruction flags and RUN --mount options.

const ref = 'https://docs.docker.com/reference/dockerfile/';

export interface FlagDoc {
  text: string;
  anchor: string;
}

/** Keyed by `INSTRUCTION --flag`. */
export const flagDocs: Readonly<Record<string, FlagDoc>> = {
  'FROM --platform': {
    text: 'Which platform of a multi-platform base image to use, e.g. `linux/arm64`. `--platform=$BUILDPLATFORM` runs the stage natively on the build machine (for cross-compiling, with `TARGETOS`/`TARGETARCH` passed to the compiler); without the flag the stage uses the target platform.',
    anchor: 'from',
  },
  'COPY --from': {
    text: 'Copies from an earlier stage (by name or index), from an image (`--from=nginx:1.27`), or from a named build context, instead of the build context. Only the copied files reach this stage: the way to leave compilers behind in a multi-stage build.',
    anchor: 'copy---from',
  },
  'COPY --chown': {
    text: 'Owner of the copied files, `user:group` by name or number (Linux only). Without it, files belong to root (0:0). Names are looked up in the image\'s `/etc/passwd` and `/etc/group`; numeric ids need no lookup. Cheaper than a `RUN chown` later, which copies every file into a new layer.',
    anchor: 'copy---chown---chmod',
  },
  'COPY --chmod': {
    text: 'Permission bits of the copied files, e.g. `--chmod=755` (BuildKit only). Avoids a separate `RUN chmod` layer.',
    anchor: 'copy---chown---chmod',
  },
  'COPY --link': {
    text: 'Copies into an independent layer that does not depend on the layers before it (BuildKit only), so changing an earlier instruction does not invalidate this copy, and the layer can be reused when rebasing onto a new base image.',
    anchor: 'copy---link',
  },
  'COPY --parents': {
    text: 'Keeps the source paths\' parent directories under the destination, e.g. `COPY --parents ./apps/*/package.json /src/`. Needs a Dockerfile frontend that supports it (the labs channel since 1.7: `# syntax=docker/dockerfile:1.7-labs`).',
    anchor: 'copy---parents',
  },
  'COPY --exclude': {
    text: 'Leaves out sources matching a pattern, e.g. `--exclude=*.md`. Generally available since Dockerfile frontend 1.19 (earlier in the labs channel).',
    anchor: 'copy---exclude',
  },
  'ADD --checksum': {
    text: 'Verifies a remote file against a digest, e.g. `--checksum=sha256:...` (BuildKit only). Pin every download this way: without it, a changed or tampered file is silently built into the image.',
    anchor: 'add---checksum',
  },
  'ADD --keep-git-dir': {
    text: 'When adding a Git repository, keeps its `.git` directory (BuildKit only).',
    anchor: 'add---keep-git-dir',
  },
  'ADD --chown': { text: 'Owner of the added files, `user:group` (Linux only); root by default.', anchor: 'add---chown---chmod' },
  'ADD --chmod': { text: 'Permission bits of the added files (BuildKit only).', anchor: 'add---chown---chmod' },
  'ADD --link': { text: 'Adds into an independent layer, as `COPY --link` (BuildKit only).', anchor: 'add---link' },
  'ADD --exclude': { text: 'Leaves out sources matching a pattern, as `COPY --exclude`.', anchor: 'add---exclude' },
  'RUN --mount': {
    text: 'Mounts something only while this RUN executes (BuildKit only); nothing of it stays in the layer. Types: `bind` (default; files from the context or a stage, read-only), `cache` (a persistent package or compiler cache, e.g. `target=/root/.cache/pip`), `secret` (a secret as a file, default `/run/secrets/<id>`, given with `docker build --secret`), `ssh` (the SSH agent socket, for `git clone` of private repositories), `tmpfs`.',
    anchor: 'run---mount',
  },
  'RUN --network': {
    text: 'Network for this RUN (BuildKit only): `default`, `none` (no network: proves the step is hermetic) or `host` (needs the `network.host` entitlement).',
    anchor: 'run---network',
  },
  'RUN --security': {
    text: '`--security=insecure` runs this RUN with elevated privileges, like `docker run --privileged` (BuildKit only; needs the `security.insecure` entitlement). `sandbox` is the default.',
    anchor: 'run---security',
  },
  'HEALTHCHECK --interval': { text: 'Time between checks (default 30s), e.g. `--interval=30s`.', anchor: 'healthcheck' },
  'HEALTHCHECK --timeout': { text: 'How long one check may take before it counts as failed (default 30s).', anchor: 'healthcheck' },
  'HEALTHCHECK --start-period': { text: 'Grace period after start during which failures do not count (default 0s).', anchor: 'healthcheck' },
  'HEALTHCHECK --start-interval': { text: 'Time between checks during the start period (default 5s; Docker Engine 25 or newer).', anchor: 'healthcheck' },
  'HEALTHCHECK --retries': { text: 'Consecutive failures before the container is `unhealthy` (default 3).', anchor: 'healthcheck' },
};

/** Keyed by mount option name. */
export const mountOptionDocs: Readonly<Record<string, string>> = {
  type: '`bind` (default), `cache`, `secret`, `ssh` or `tmpfs`.',
  target: 'Where the mount appears inside the RUN (also `dst`, `destination`).',
  source: 'The path in `from` to mount (bind, cache); for secrets and ssh, use `id`.',
  from: 'A stage or image to mount from (bind), or to seed a cache from (cache); default: the build context.',
  ro: 'Read-only (`readonly`); the default for bind mounts.',
  rw: 'Read-write (`readwrite`); writes to a bind mount are discarded after the RUN.',
  id: 'Identifies the cache, secret (matches `docker build --secret id=...`) or SSH agent.',
  sharing: 'For caches: `shared` (default: concurrent writers), `private` (a new cache per writer) or `locked` (writers wait).',
  mode: 'File mode of the mounted cache directory, secret file or socket.',
  uid: 'User id owning the mount.',
  gid: 'Group id owning the mount.',
  required: 'For secrets and ssh: fail the build when it is not provided (default false).',
  env: 'For secrets: expose the secret as this environment variable instead of a file (Dockerfile frontend 1.10+).',
  size: 'For tmpfs: the size limit.',
};

export function flagHoverMarkdown(keyword: string, flag: string): string | undefined {
  const doc = flagDocs[`${keyword} --${flag}`] ?? (keyword === 'ONBUILD' ? undefined : undefined);
  return doc ? `**${keyword} --${flag}**\n\n${doc.text}\n\n[Dockerfile reference](${ref}#${doc.anchor})` : undefined;
}
