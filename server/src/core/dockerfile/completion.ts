// Completion: what may be written at the cursor, read from the instruction line as
// the builder reads it (continuations joined, comment lines dropped). Every list
// comes from the tables the rules use (flags, mount types) or from this file's
// model (stages, variables in scope); base images come from an offline list.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../feature-context';
import type { CompletionItem } from '../features';
import type { Position, Range } from '../text';
import { officialImage, officialImages } from './data/official-images';
import { flagHoverMarkdown, mountOptionDocs } from './flag-docs';
import { instructionHoverMarkdown } from './instruction-docs';
import type { DockerfileModel, Stage } from './model';
import { dockerfileRules } from './rules';
import { lexStatement, modelDescribes, physicalLine } from './format';
import { instructionFlags, instructionNames } from './syntax/flags';
import { mountTypes } from './syntax/mount';
import { type Statement, syntaxOf } from './syntax/scan';
import { type ShellWord, shellWords } from './syntax/words';
import { platformArgs, proxyArgs, type VariableDefinition } from './variables';

/** Where the cursor is, and the instruction text before it as the builder joins it. */
export interface CursorContext {
  kind: 'instruction' | 'heredoc' | 'comment';
  /** The instruction the cursor is in; undefined on a blank line. */
  statement: Statement | undefined;
  /** From column 0 of the instruction's first line (the cursor line when there is none) to the cursor. */
  prefix: string;
  /** `prefix` offset minus this is the character on the cursor line. */
  lineStart: number;
  /** The cursor line without a byte-order mark, for looking right of the cursor. */
  lineText: string;
  /** 1 when the cursor line starts with a byte-order mark (its characters count in positions). */
  shift: number;
  position: Position;
}

/** The statement whose lines (heredoc bodies included) contain `line`, by binary search. */
export function statementAt(statements: readonly Statement[], line: number): Statement | undefined {
  let low = 0;
  let high = statements.length - 1;
  let found: Statement | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = statements[mid]!;
    if (candidate.startLine <= line) {
      found = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found && line <= found.endLine ? found : undefined;
}

export function cursorContext(model: DockerfileModel, position: Position): CursorContext | undefined {
  const lines = model.lines;
  if (position.line < 0 || position.line >= lines.lineCount) return undefined;
  const info = syntaxOf(model);
  const { text: cursorText, shift } = physicalLine(lines, position.line);
  const character = Math.max(0, Math.min(position.character - shift, cursorText.length));
  const statement = statementAt(info.statements, position.line);
  const base = { lineText: cursorText, shift, position };
  if (!statement) {
    const kind = /^\s*#/.test(cursorText) ? 'comment' : 'instruction';
    return { ...base, kind, statement: undefined, prefix: cursorText.slice(0, character), lineStart: -shift };
  }
  if (position.line > statement.lineEnd) return { ...base, kind: 'heredoc', statement, prefix: cursorText.slice(0, character), lineStart: -shift };
  let prefix = '';
  for (const entry of lexStatement(lines, statement, info.escape)) {
    if (entry.line === position.line) {
      if (entry.kind === 'comment') return { ...base, kind: 'comment', statement, prefix: cursorText.slice(0, character), lineStart: -shift };
      if (entry.escapeAt >= 0 && character > entry.escapeAt) return undefined;
      const lineStart = prefix.length - entry.shift;
      return { ...base, kind: 'instruction', statement, prefix: prefix + entry.text.slice(0, Math.min(character, entry.escapeAt >= 0 ? entry.escapeAt : entry.text.length)), lineStart };
    }
    if (entry.kind === 'code') prefix += entry.text.slice(0, entry.escapeAt >= 0 ? entry.escapeAt : entry.text.length);
  }
  return undefined;
}

/** The prefix split into words as the builder splits instruction arguments; `current` is the word at the cursor ('' after a blank). */
export function wordsBefore(prefix: string, escape: string): { words: ShellWord[]; current: ShellWord } {
  const words = shellWords(prefix, 0, escape);
  const last = words[words.length - 1];
  if (last && last.end === prefix.length && !/\s$/.test(prefix)) return { words: words.slice(0, -1), current: last };
  return { words, current: { start: prefix.length, end: prefix.length, text: '', openQuote: false } };
}

/** Completion items for the position. */
export function completion(featureContext: DockerfileContext, position: Position): CompletionItem[] {
  if (!modelDescribes(featureContext)) return [];
  const model = featureContext.analysis.model;
  const context = cursorContext(model, position);
  if (!context) return [];
  const escape = syntaxOf(model).escape;
  if (context.kind === 'comment') return directiveCompletion(model, context);

  const variable = variableCompletion(model, context, escape);
  if (variable) return variable;
  if (context.kind === 'heredoc') return [];

  const { words, current } = wordsBefore(context.prefix, escape);
  const replace = (start: number, rightChars: RegExp): Range => rangeAt(context, start, rightChars);
  const header = syntaxOf(model).header;
  if (words.length === 0) {
    const items = instructionItems(context, replace(current.start, /[A-Za-z]/), false);
    if (current.text === '' && context.statement === undefined && position.line <= header.end.line && !header.shebang) items.push(...directiveNameItems(model, replace(current.start, /(?!)/), ''));
    return items;
  }
  let keywordIndex = 0;
  if (words[0]!.text.toUpperCase() === 'ONBUILD') {
    if (words.length === 1) return instructionItems(context, replace(current.start, /[A-Za-z]/), true);
    keywordIndex = 1;
  }
  const keyword = words[keywordIndex]!.text.toUpperCase();
  const after = words.slice(keywordIndex + 1);
  const flagsDone = after.some((w) => !w.text.startsWith('--'));
  if (!flagsDone && current.text.startsWith('-')) return flagCompletion(model, context, keyword, after, current);
  if (current.text.startsWith('-')) return [];
  const firstArg = after.findIndex((w) => !w.text.startsWith('--'));
  const args = firstArg < 0 ? [] : after.slice(firstArg);
  return argumentCompletion(model, context, keyword, args.length, args, current, firstArg !== 0 && after.length > 0);
}

/** The cursor's character on its line. */
function cursorCharacter(context: CursorContext): number {
  return Math.max(context.shift, context.prefix.length - context.lineStart);
}

/** The cursor line from the cursor on. */
function rightOfCursor(context: CursorContext): string {
  return context.lineText.slice(cursorCharacter(context) - context.shift);
}

/** The range from a prefix offset to the cursor, extended right over the characters of the word. */
function rangeAt(context: CursorContext, start: number, rightChars: RegExp): Range {
  const line = context.position.line;
  const cursor = cursorCharacter(context);
  let end = cursor;
  while (end - context.shift < context.lineText.length && rightChars.test(context.lineText[end - context.shift]!)) end++;
  return { start: { line, character: Math.max(context.shift, Math.min(cursor, start - context.lineStart)) }, end: { line, character: end } };
}

// ---------------------------------------------------------------------------
// Instructions

const snippets: Readonly<Record<string, readonly { label: string; body: string }[]>> = {
  FROM: [
    { label: 'FROM image:tag AS name', body: 'FROM ${1:image}:${2:tag} AS ${3:name}' },
    { label: 'FROM image:tag', body: 'FROM ${1:image}:${2:tag}' },
  ],
  RUN: [
    { label: 'RUN --mount=type=cache', body: 'RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}' },
    { label: 'RUN --mount=type=secret', body: 'RUN --mount=type=secret,id=${1:name} ${2:command}' },
    { label: 'RUN <<EOF (heredoc)', body: 'RUN <<EOF\n${1:command}\nEOF' },
  ],
  COPY: [
    { label: 'COPY src dest', body: 'COPY ${1:src} ${2:dest}' },
    { label: 'COPY --from=stage', body: 'COPY --from=${1:stage} ${2:/src} ${3:/dest}' },
    { label: 'COPY --chown=user:group', body: 'COPY --chown=${1:10001}:${2:10001} ${3:src} ${4:dest}' },
  ],
  ADD: [{ label: 'ADD --checksum=sha256:... url dest', body: 'ADD --checksum=sha256:${1:digest} ${2:https://example.com/file.tar.gz} ${3:/dest}' }],
  HEALTHCHECK: [
    { label: 'HEALTHCHECK --interval=30s CMD ...', body: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} --start-period=${3:10s} --retries=${4:3} CMD ${5:command}' },
    { label: 'HEALTHCHECK NONE', body: 'HEALTHCHECK NONE' },
  ],
  CMD: [{ label: 'CMD ["executable", "param"]', body: 'CMD ["${1:executable}", "${2:param}"]' }],
  ENTRYPOINT: [{ label: 'ENTRYPOINT ["executable"]', body: 'ENTRYPOINT ["${1:executable}"]' }],
  ENV: [{ label: 'ENV NAME=value', body: 'ENV ${1:NAME}=${2:value}' }],
  ARG: [{ label: 'ARG NAME=default', body: 'ARG ${1:NAME}=${2:default}' }],
  LABEL: [{ label: 'LABEL key="value"', body: 'LABEL ${1:org.opencontainers.image.source}="${2:value}"' }],
  EXPOSE: [{ label: 'EXPOSE port', body: 'EXPOSE ${1:8080}' }],
  USER: [{ label: 'USER uid:gid', body: 'USER ${1:10001}:${2:10001}' }],
  WORKDIR: [{ label: 'WORKDIR /path', body: 'WORKDIR ${1:/app}' }],
  SHELL: [{ label: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', body: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]' }],
  STOPSIGNAL: [{ label: 'STOPSIGNAL signal', body: 'STOPSIGNAL ${1:SIGTERM}' }],
  VOLUME: [{ label: 'VOLUME ["/path"]', body: 'VOLUME ["${1:/data}"]' }],
};

/** Instructions that have completions for their arguments: accepting the keyword asks for them. */
const argumentsComplete = new Set(['FROM', 'HEALTHCHECK', 'STOPSIGNAL', 'SHELL', 'ARG']);

function instructionItems(context: CursorContext, range: Range, trigger: boolean): CompletionItem[] {
  const followedByBlank = /^[A-Za-z]*[ \t]/.test(rightOfCursor(context));
  const items: CompletionItem[] = [];
  instructionNames.forEach((name, index) => {
    if (name === 'MAINTAINER') return; // deprecated: the rules point to LABEL instead
    if (trigger && (name === 'ONBUILD' || name === 'FROM')) return;
    const documentation = instructionHoverMarkdown(name);
    const order = String(index).padStart(2, '0');
    items.push({
      label: name,
      kind: 'keyword',
      insertText: followedByBlank ? name : `${name} `,
      insertTextFormat: 'plain',
      range,
      sortText: `0${order}`,
      ...(documentation !== undefined && { documentation }),
      ...(argumentsComplete.has(name) && !followedByBlank && { retrigger: true }),
    });
    if (followedByBlank) return;
    for (const snippet of snippets[name] ?? []) {
      items.push({
        label: snippet.label,
        kind: 'snippet',
        detail: `${name} snippet`,
        insertText: snippet.body,
        insertTextFormat: 'snippet',
        range,
        filterText: name,
        sortText: `1${order}`,
        ...(documentation !== undefined && { documentation }),
      });
    }
  });
  return items;
}

// ---------------------------------------------------------------------------
// Flags

function flagCompletion(model: DockerfileModel, context: CursorContext, keyword: string, before: readonly ShellWord[], current: ShellWord): CompletionItem[] {
  const flags = instructionFlags[keyword];
  if (!flags) return [];
  const eq = current.text.indexOf('=');
  if (eq < 0) {
    const used = new Set(before.map((w) => /^--([^=]*)/.exec(w.text)?.[1]?.toLowerCase()));
    const range = rangeAt(context, current.start, /[A-Za-z-]/);
    const hasValue = context.lineText[range.end.character - context.shift] === '=';
    return Object.entries(flags)
      .filter(([name, spec]) => spec.kind === 'strings' || !used.has(name))
      .map(([name, spec], index): CompletionItem => {
        const documentation = flagHoverMarkdown(keyword, name);
        const takesValue = spec.kind !== 'bool';
        return {
          label: `--${name}`,
          kind: 'property',
          detail: flagDetail(spec.since, spec.labs),
          insertText: takesValue && !hasValue ? `--${name}=` : `--${name}`,
          insertTextFormat: 'plain',
          range,
          sortText: String(index).padStart(2, '0'),
          ...(documentation !== undefined && { documentation }),
          ...(takesValue && !hasValue && { retrigger: true }),
        };
      });
  }
  const name = current.text.slice(2, eq).toLowerCase();
  const valueStart = current.start + eq + 1;
  const value = current.text.slice(eq + 1);
  if (value.startsWith('"') || value.startsWith("'")) return [];
  if (keyword === 'RUN' && name === 'mount') return mountCompletion(model, context, valueStart, value);
  const range = rangeAt(context, valueStart, /[^\s]/);
  const values = (list: readonly (readonly [string, string])[], kind: CompletionItem['kind'] = 'enum'): CompletionItem[] =>
    list.map(([label, documentation], index) => ({ label, kind, documentation, insertText: label, insertTextFormat: 'plain', range, sortText: String(index).padStart(2, '0') }));
  if (keyword === 'COPY' && name === 'from') return stageItems(model, context, range, 'before-current');
  if (keyword === 'RUN' && name === 'network') return values(networkValues);
  if (keyword === 'RUN' && name === 'security') return values(securityValues);
  if (keyword === 'FROM' && name === 'platform') return values(platformValues, 'value');
  if (keyword === 'HEALTHCHECK' && name !== 'retries') return values(durationValues, 'value');
  if (keyword === 'HEALTHCHECK' && name === 'retries') return values([['3', 'The default: three consecutive failures make the container `unhealthy`.']], 'value');
  if (flags[name]?.kind === 'bool') return values([['true', 'Turns the flag on (the same as writing it without a value).'], ['false', 'Turns the flag off.']]);
  return [];
}

function flagDetail(since: readonly [number, number] | undefined, labs: boolean | undefined): string {
  if (!since) return labs ? 'BuildKit, labs channel' : 'flag';
  return `BuildKit, Dockerfile ${since[0]}.${since[1]}+${labs ? ' (earlier in labs)' : ''}`;
}

const networkValues = [
  ['default', 'The normal build network (the default).'],
  ['none', 'No network at all: proves the step needs nothing from outside.'],
  ['host', "The host's network (needs the `network.host` entitlement)."],
] as const;

const securityValues = [
  ['sandbox', 'The default sandbox.'],
  ['insecure', 'Elevated privileges, like `docker run --privileged` (needs the `security.insecure` entitlement).'],
] as const;

const platformValues = [
  ['$BUILDPLATFORM', 'The platform of the build machine: the stage runs natively, for cross-compiling with `TARGETOS`/`TARGETARCH`.'],
  ['$TARGETPLATFORM', 'The platform being built (the default anyway).'],
  ['linux/amd64', '64-bit x86 Linux.'],
  ['linux/arm64', '64-bit ARM Linux.'],
] as const;

const durationValues = [
  ['30s', 'Thirty seconds.'],
  ['10s', 'Ten seconds.'],
  ['5s', 'Five seconds.'],
  ['1m', 'One minute.'],
] as const;

// ---------------------------------------------------------------------------
// RUN --mount

/** The options worth offering for each mount type, most used first; every one is accepted by the rules' mount check. */
export const mountOptionsByType: Readonly<Record<(typeof mountTypes)[number], readonly string[]>> = {
  bind: ['target', 'source', 'from', 'rw'],
  cache: ['target', 'id', 'sharing', 'from', 'source', 'mode', 'uid', 'gid', 'ro'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};

const bareMountOptions = new Set(['rw', 'ro', 'required']);

const mountTypeDocs: Readonly<Record<string, string>> = {
  bind: 'Files from the build context, or from a stage or image with `from=`; read-only unless `rw`. The default type.',
  cache: 'A directory kept between builds for package and compiler caches, never part of the layer.',
  tmpfs: 'An empty in-memory directory for this RUN.',
  secret: 'A secret given with `docker build --secret id=...`, as a file (default `/run/secrets/<id>`) or with `env=` a variable; never stored in the image.',
  ssh: 'The SSH agent socket given with `docker build --ssh default`, for `git clone` of private repositories.',
};

const cacheTargets = [
  ['/root/.cache/pip', 'pip\'s cache (as root); keep `pip install` without `--no-cache-dir` to use it.'],
  ['/root/.npm', "npm's cache (as root)."],
  ['/root/.cache/go-build', "Go's build cache."],
  ['/go/pkg/mod', 'Go modules, in the official golang images.'],
  ['/usr/local/cargo/registry', 'Cargo\'s registry, in the official rust images.'],
  ['/root/.m2', "Maven's local repository (as root)."],
  ['/var/cache/apk', 'apk\'s cache; use it with `apk add` without `--no-cache`.'],
  ['/var/cache/apt', "apt's archives; add `sharing=locked` and remove `/etc/apt/apt.conf.d/docker-clean` in Debian images."],
] as const;

function mountCompletion(model: DockerfileModel, context: CursorContext, valueStart: number, value: string): CompletionItem[] {
  const comma = value.lastIndexOf(',');
  const field = value.slice(comma + 1);
  const fieldStart = valueStart + comma + 1;
  const fields = value.slice(0, comma < 0 ? 0 : comma).split(',');
  const keyOf = (f: string): string => (f.includes('=') ? f.slice(0, f.indexOf('=')) : f).toLowerCase();
  const typeField = fields.find((f) => keyOf(f) === 'type');
  const type = (typeField?.slice(typeField.indexOf('=') + 1).toLowerCase() ?? 'bind') as (typeof mountTypes)[number];
  const eq = field.indexOf('=');
  if (eq < 0) {
    const range = rangeAt(context, fieldStart, /[A-Za-z]/);
    const used = new Set(fields.map(keyOf).map((k) => ({ dst: 'target', destination: 'target', src: 'source', readonly: 'ro', readwrite: 'rw' })[k] ?? k));
    const options = [...(typeField ? [] : ['type']), ...(mountOptionsByType[type] ?? [])].filter((key) => !used.has(key));
    return options.map((key, index): CompletionItem => {
      const bare = bareMountOptions.has(key);
      return {
        label: key,
        kind: 'property',
        documentation: `**--mount ${key}**: ${mountOptionDocs[key] ?? ''}`,
        insertText: bare ? key : `${key}=`,
        insertTextFormat: 'plain',
        range,
        sortText: String(index).padStart(2, '0'),
        ...(!bare && { retrigger: true }),
      };
    });
  }
  const key = keyOf(field);
  const range = rangeAt(context, fieldStart + eq + 1, /[^\s,]/);
  const items = (list: readonly (readonly [string, string])[]): CompletionItem[] =>
    list.map(([label, documentation], index) => ({ label, kind: 'enum', documentation, insertText: label, insertTextFormat: 'plain', range, sortText: String(index).padStart(2, '0') }));
  switch (key) {
    case 'type':
      return items(mountTypes.map((t) => [t, mountTypeDocs[t] ?? ''] as const));
    case 'sharing':
      return items([
        ['shared', 'Concurrent builds share the cache (the default).'],
        ['private', 'A new cache for each concurrent writer.'],
        ['locked', 'Concurrent writers wait for each other (for apt, whose lock files need it).'],
      ]);
    case 'from':
      return stageItems(model, context, range, 'before-current');
    case 'target':
    case 'dst':
    case 'destination':
      return type === 'cache' ? items(cacheTargets) : [];
    case 'required':
    case 'ro':
    case 'rw':
    case 'readonly':
    case 'readwrite':
      return items([['true', 'On.'], ['false', 'Off.']]);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------
// Arguments

function argumentCompletion(
  model: DockerfileModel,
  context: CursorContext,
  keyword: string,
  argIndex: number,
  args: readonly ShellWord[],
  current: ShellWord,
  hasFlags: boolean,
): CompletionItem[] {
  switch (keyword) {
    case 'FROM':
      if (argIndex === 0) return fromImageCompletion(model, context, current);
      if (argIndex === 1 && /^a?s?$/i.test(current.text)) {
        return [{ label: 'AS', kind: 'keyword', documentation: 'Names the stage, for `COPY --from=name`, `--target name` and later `FROM name`.', insertText: 'AS ', insertTextFormat: 'plain', range: rangeAt(context, current.start, /[A-Za-z]/) }];
      }
      return [];
    case 'HEALTHCHECK': {
      if (argIndex !== 0) return [];
      const range = rangeAt(context, current.start, /[A-Za-z]/);
      const items: CompletionItem[] = [
        { label: 'CMD', kind: 'keyword', documentation: 'The command that checks the container: exit 0 means healthy, 1 unhealthy. It runs inside the container.', insertText: 'CMD ${1:command}', insertTextFormat: 'snippet', range },
      ];
      if (!hasFlags) items.push({ label: 'NONE', kind: 'keyword', documentation: 'Disables a health check inherited from the base image.', insertText: 'NONE', insertTextFormat: 'plain', range });
      return items;
    }
    case 'STOPSIGNAL': {
      if (argIndex !== 0) return [];
      const range = rangeAt(context, current.start, /[A-Za-z0-9+]/);
      return signals.map(([label, documentation], index) => ({ label, kind: 'enum', documentation, insertText: label, insertTextFormat: 'plain', range, sortText: String(index).padStart(2, '0') }));
    }
    case 'SHELL': {
      if (argIndex !== 0 || args.length > 0) return [];
      if (rightOfCursor(context).trim() !== '') return [];
      const range = rangeAt(context, current.start, /[^\s]/);
      return shells.map(([label, documentation], index) => ({ label, kind: 'value', documentation, insertText: label, insertTextFormat: 'plain', range, sortText: String(index).padStart(2, '0') }));
    }
    case 'ARG':
      return current.text.includes('=') ? [] : argNameCompletion(model, context, current);
    default:
      return [];
  }
}

const signals = [
  ['SIGTERM', 'The default: asks the program to stop. Handle it in PID 1, or run an init such as tini.'],
  ['SIGINT', 'What Ctrl-C sends; some programs (Node.js REPLs, Python) stop cleanly on it.'],
  ['SIGQUIT', 'nginx and php-fpm finish open requests and stop gracefully on it.'],
  ['SIGWINCH', 'Apache httpd stops gracefully on it.'],
  ['SIGHUP', 'Often means "reload configuration" rather than stop.'],
  ['SIGUSR1', 'Program-defined.'],
  ['SIGUSR2', 'Program-defined.'],
  ['SIGRTMIN+3', 'systemd shuts down on it, for images that run systemd as PID 1.'],
  ['SIGKILL', 'Cannot be caught: the program gets no chance to clean up.'],
] as const;

const shells = [
  ['["/bin/bash", "-o", "pipefail", "-c"]', 'bash, where a failing command in a pipe fails the RUN (needs bash in the image).'],
  ['["/bin/sh", "-c"]', 'The default shell on Linux.'],
  ['["/bin/ash", "-eo", "pipefail", "-c"]', 'Alpine\'s BusyBox ash with pipefail.'],
  ['["cmd", "/S", "/C"]', 'The default shell on Windows.'],
  ['["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]', 'PowerShell on Windows, stopping at the first error.'],
] as const;

function fromImageCompletion(model: DockerfileModel, context: CursorContext, current: ShellWord): CompletionItem[] {
  const text = current.text;
  const colon = text.indexOf(':', text.lastIndexOf('/') + 1);
  if (text.includes('@') || text.includes('$')) return [];
  if (colon >= 0) {
    const image = officialImage(text.slice(0, colon));
    if (!image) return [];
    const range = rangeAt(context, current.start + colon + 1, /[A-Za-z0-9._-]/);
    return image.tags.map((tag, index) => ({
      label: tag.tag,
      kind: 'constant',
      detail: 'tag family',
      documentation: `\`${image.name}:${tag.tag}\`: ${tag.note}.\n\nA tag family moves to each new patch release; pin a digest (\`@sha256:...\`) when builds must be reproducible.`,
      insertText: tag.tag,
      insertTextFormat: 'plain',
      range,
      sortText: String(index).padStart(2, '0'),
    }));
  }
  const range = rangeAt(context, current.start, /[A-Za-z0-9._/-]/);
  const items: CompletionItem[] = stageItems(model, context, range, 'before-line').map((item) => ({ ...item, sortText: `0${item.sortText ?? ''}` }));
  items.push({ label: 'scratch', kind: 'keyword', documentation: 'An empty base: nothing but what you COPY in. For static binaries.', insertText: 'scratch', insertTextFormat: 'plain', range, sortText: '1' });
  officialImages.forEach((image, index) => {
    items.push({
      label: image.name,
      kind: 'module',
      detail: 'base image',
      documentation: `${image.description}\n\nTag families: ${image.tags.map((t) => `\`${t.tag}\``).join(', ')}.`,
      insertText: `${image.name}:`,
      insertTextFormat: 'plain',
      range,
      sortText: `2${String(index).padStart(3, '0')}`,
      retrigger: true,
    });
  });
  return items;
}

/** The current stage (the last FROM at or before the statement) and the named stages a reference may use. */
function stageItems(model: DockerfileModel, context: CursorContext, range: Range, which: 'before-current' | 'before-line'): CompletionItem[] {
  const line = context.statement?.startLine ?? context.position.line;
  let candidates: Stage[];
  if (which === 'before-line') {
    candidates = model.stages.filter((s) => s.from.getRange().start.line < line);
  } else {
    const current = model.stageAt(line);
    candidates = current ? model.stages.filter((s) => s.index < current.index) : [];
  }
  return candidates
    .filter((s): s is Stage & { name: string } => s.name !== undefined)
    .map((stage, index) => ({
      label: stage.name,
      kind: 'reference',
      detail: `stage ${stage.index}`,
      documentation: `Stage \`${stage.name}\` (line ${stage.from.getRange().start.line + 1}), from \`${stage.baseText}\`.`,
      insertText: stage.name,
      insertTextFormat: 'plain',
      range,
      sortText: String(index).padStart(3, '0'),
    }));
}

/** `ARG ` in a stage: the platform ARGs and the global ARGs, which a stage must declare to see. */
function argNameCompletion(model: DockerfileModel, context: CursorContext, current: ShellWord): CompletionItem[] {
  const line = context.statement?.startLine ?? context.position.line;
  const stage = model.stageAt(line);
  if (!stage) return [];
  const declared = new Set(
    model.variables.definitions.filter((d) => d.stage === stage && d.kind === 'arg' && d.nameRange.start.line < line).map((d) => d.name),
  );
  const range = rangeAt(context, current.start, /[A-Za-z0-9_]/);
  const items: CompletionItem[] = [];
  for (const global of model.globalArgs.values()) {
    if (declared.has(global.name)) continue;
    items.push({
      label: global.name,
      kind: 'variable',
      detail: 'global ARG',
      documentation: `Makes the global \`ARG ${global.name}\` (line ${global.nameRange.start.line + 1}${global.value !== undefined ? `, default \`${global.value}\`` : ''}) visible in this stage.`,
      insertText: global.name,
      insertTextFormat: 'plain',
      range,
      sortText: `0${global.name}`,
    });
  }
  for (const name of platformArgs) {
    if (declared.has(name) || model.globalArgs.has(name)) continue;
    items.push({ label: name, kind: 'variable', detail: 'BuildKit platform ARG', documentation: `Declares BuildKit's automatic \`${name}\` in this stage, so that \`$${name}\` has a value here.`, insertText: name, insertTextFormat: 'plain', range, sortText: `1${name}` });
  }
  return items;
}

// ---------------------------------------------------------------------------
// Variables

function variableCompletion(model: DockerfileModel, context: CursorContext, escape: string): CompletionItem[] | undefined {
  const match = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(context.prefix);
  if (!match) return undefined;
  const dollar = match.index;
  if (dollar > 0 && context.prefix[dollar - 1] === escape) return undefined;
  const braced = match[1] === '{';
  const nameStart = dollar + 1 + (braced ? 1 : 0);
  if (nameStart - context.lineStart < context.shift) return undefined;
  const range = rangeAt(context, nameStart, /[A-Za-z0-9_]/);
  const after = context.lineText[range.end.character - context.shift];
  const close = braced && after !== '}' ? '}' : '';
  const statement = context.statement;
  if (!statement) return [];
  const instruction = instructionAtLine(model, statement.startLine);
  const global = statement.upper === 'FROM' || model.stageAt(statement.startLine) === undefined;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (name: string, detail: string, documentation: string, sort: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    items.push({ label: name, kind: 'variable', detail, documentation, insertText: `${name}${close}`, insertTextFormat: 'plain', range, sortText: `${sort}${name}` });
  };
  if (global) {
    const globals = model.variables.definitions.filter((d) => d.stage === undefined && d.nameRange.start.line < statement.startLine);
    for (const definition of globals.reverse()) add(definition.name, 'global ARG', definitionDoc(definition), '0');
    for (const name of platformArgs) add(name, 'BuildKit platform ARG', `Set by BuildKit for every build (\`${name}\`); usable in FROM and global ARG lines.`, '1');
  } else {
    const scope = instruction ? model.variables.scopeBefore(instruction) : new Map<string, VariableDefinition>();
    for (const definition of scope.values()) add(definition.name, definition.kind === 'env' ? 'ENV' : 'ARG', definitionDoc(definition), '0');
    for (const name of proxyArgs) add(name, 'predefined ARG', `A proxy setting the builder passes without a declaration (\`--build-arg ${name}=...\`).`, '1');
  }
  return items;
}

function definitionDoc(definition: VariableDefinition): string {
  const value = definition.resolvedValue ?? definition.value;
  return `\`${definition.kind.toUpperCase()} ${definition.name}\` on line ${definition.nameRange.start.line + 1}${value !== undefined ? `: \`${value}\`` : ', no default'}.`;
}

/** The parsed instruction that starts on a line, by binary search. */
function instructionAtLine(model: DockerfileModel, line: number): Instruction | undefined {
  const instructions = model.instructions;
  let low = 0;
  let high = instructions.length - 1;
  let found: Instruction | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = instructions[mid]!;
    if (candidate.getRange().start.line <= line) {
      found = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Parser directives

const directiveDocs: Readonly<Record<string, string>> = {
  syntax: 'Selects the Dockerfile frontend BuildKit uses. `docker/dockerfile:1` follows the latest stable 1.x syntax.',
  escape: 'The escape and line-continuation character: `\\` (default) or `` ` `` (handy on Windows, where `\\` separates paths).',
  check: 'Configures the build checks: `skip=` a list of checks (or `all`), `error=true` to fail the build on a check.',
};

function directiveNameItems(model: DockerfileModel, range: Range, typed: string): CompletionItem[] {
  const present = new Set(syntaxOf(model).header.directives.map((d) => d.name));
  const items: [string, string, string, boolean][] = [
    ['syntax', '# syntax=docker/dockerfile:1', 'syntax', false],
    ['escape', '# escape=`', 'escape', false],
    ['check', '# check=skip=', 'check', true],
    ['check', '# check=error=true', 'check', false],
  ];
  return items
    .filter(([name]) => !present.has(name))
    .map(([name, insertText, doc, retrigger], index): CompletionItem => ({
      label: insertText,
      kind: 'keyword',
      detail: 'parser directive',
      documentation: `${directiveDocs[doc] ?? ''}\n\nParser directives must come first in the file, before any other comment or blank line.`,
      insertText,
      insertTextFormat: 'plain',
      range,
      filterText: typed === '' ? insertText : `# ${name}`,
      sortText: `9${index}`,
      ...(retrigger && { retrigger: true }),
    }));
}

let checkNames: { name: string; documentation: string }[] | undefined;

/** BuildKit check names, from the `buildkit:` equivalents of Dockhand's rules. */
function buildkitChecks(): { name: string; documentation: string }[] {
  if (!checkNames) {
    const byName = new Map<string, string>();
    for (const rule of dockerfileRules) {
      for (const equivalent of rule.equivalents) {
        if (!equivalent.startsWith('buildkit:')) continue;
        const name = equivalent.slice('buildkit:'.length);
        if (!byName.has(name)) byName.set(name, `BuildKit check; Dockhand reports it as \`${rule.id}\`: ${rule.docs.finds}`);
      }
    }
    checkNames = [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, documentation]) => ({ name, documentation }));
  }
  return checkNames;
}

function directiveCompletion(model: DockerfileModel, context: CursorContext): CompletionItem[] {
  const header = syntaxOf(model).header;
  const line = context.position.line;
  if (line > header.end.line || (header.shebang && line === 0)) return [];
  const prefix = context.prefix;
  const nameMatch = /^([ \t]*)#([ \t]*)([A-Za-z]*)$/.exec(prefix);
  if (nameMatch) {
    const range = rangeAt(context, nameMatch[1]!.length, /[A-Za-z]/);
    return directiveNameItems(model, range, `#${nameMatch[2]}${nameMatch[3]}`);
  }
  const valueMatch = /^[ \t]*#[ \t]*(syntax|escape|check)[ \t]*=[ \t]*(.*)$/i.exec(prefix);
  if (!valueMatch) return [];
  const name = valueMatch[1]!.toLowerCase();
  const value = valueMatch[2]!;
  const valueStart = context.prefix.length - value.length;
  const items = (list: readonly (readonly [string, string])[], start: number, chars: RegExp, kind: CompletionItem['kind'] = 'value', retrigger = false): CompletionItem[] => {
    const range = rangeAt(context, start, chars);
    return list.map(([label, documentation], index) => ({ label, kind, documentation, insertText: label, insertTextFormat: 'plain', range, sortText: String(index).padStart(3, '0'), ...(retrigger && { retrigger }) }));
  };
  if (name === 'syntax') {
    return items(
      [
        ['docker/dockerfile:1', 'The stable 1.x channel: new syntax arrives with each 1.x release.'],
        ['docker/dockerfile:1-labs', 'The 1.x labs channel: also experimental features such as `COPY --parents` before they are stable.'],
      ],
      valueStart,
      /[^\s]/,
    );
  }
  if (name === 'escape') return items([['`', 'Backtick: for Windows images, where `\\` separates paths.'], ['\\', 'Backslash, the default.']], valueStart, /[^\s]/);
  const semicolon = value.lastIndexOf(';');
  const part = value.slice(semicolon + 1);
  const partStart = valueStart + semicolon + 1;
  const eq = part.indexOf('=');
  if (eq < 0) {
    return items(
      [
        ['skip=', 'Checks not to run, comma-separated, or `all`.'],
        ['error=true', 'Fail the build when a check reports something.'],
        ['experimental=', 'Experimental checks to run, comma-separated, or `all`.'],
      ],
      partStart,
      /[A-Za-z=]/,
      'property',
      true,
    );
  }
  const key = part.slice(0, eq).trim().toLowerCase();
  const list = part.slice(eq + 1);
  if (key === 'error') return items([['true', 'Check findings fail the build.'], ['false', 'Check findings are warnings (the default).']], partStart + eq + 1, /[A-Za-z]/);
  if (key !== 'skip') return key === 'experimental' ? items([['all', 'Every experimental check.']], partStart + eq + 1, /[A-Za-z]/) : [];
  const comma = list.lastIndexOf(',');
  const already = new Set(list.split(',').map((s) => s.trim()));
  const checks = buildkitChecks().filter((c) => !already.has(c.name)).map((c) => [c.name, c.documentation] as const);
  return items([...(comma < 0 ? [['all', 'Skip every check.'] as const] : []), ...checks], partStart + eq + 1 + comma + 1, /[A-Za-z]/, 'enum');
}
