// fast-check generators of Dockerfiles and compose files: mostly plausible,
// with the odd constructs parsers get wrong (continuations with comments in
// them, heredocs, escape directives, anchors and merges, tags, deep nesting)
// and hostile noise (CRLF, lone CR, tabs, NUL, unpaired surrogates, BOM).
import fc from 'fast-check';

// ---------------------------------------------------------------- shared

const hostileCharacters = ['\u0000', '\r', '\t', '\uFEFF', '\u2028', '\uD800', '\uDFFF', '😀', 'é', '\u200B', '\\', '`', '"', "'", '$', '{', '}', '[', ']', '#', ':', '&', '*', '!', '|', '>', '-', ' '];

/** Small edits anywhere in the text: hostile characters, doubled or dropped characters. */
const noise = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...hostileCharacters), fc.constantFrom('insert', 'replace', 'delete')), { maxLength: 3 });

function applyNoise(text: string, edits: readonly [number, string, string][]): string {
  let result = text;
  for (const [seed, character, how] of edits) {
    const at = result.length === 0 ? 0 : seed % result.length;
    if (how === 'insert') result = result.slice(0, at) + character + result.slice(at);
    else if (how === 'replace') result = result.slice(0, at) + character + result.slice(at + 1);
    else result = result.slice(0, at) + result.slice(at + 1);
  }
  return result;
}

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** Joins lines with one line ending, sometimes mixed, with or without a final one. */
function joinLines(lines: readonly string[], eol: string, mixed: boolean, finalNewline: boolean): string {
  const text = lines.map((line, i) => (i === lines.length - 1 ? line : `${line}${mixed && i % 3 === 1 ? '\r\n' : eol}`)).join('');
  return finalNewline ? `${text}${eol}` : text;
}

const unicodeWord = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
const binaryWord = fc.string({ unit: 'binary', minLength: 1, maxLength: 4 });

// ---------------------------------------------------------------- Dockerfile

const keywords = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL',
  'HEALTHCHECK', 'SHELL', 'from', 'run', 'Copy', 'FOO', 'RUN\t',
];

const dockerWords = [
  'alpine', 'alpine:3.20', 'ubuntu', 'ubuntu:latest', 'python:3.12-slim', `node@sha256:${'a'.repeat(64)}`, 'docker.io/library/redis:7', '$BASE', '${BASE}', '${TAG:-latest}', '${A:+x}', '${A?missing}', '${A', '$',
  'AS', 'as', 'build', 'base', 'scratch', '/app', '.', './', '..', '/', 'src/', '*.txt', '/usr/local/bin/', 'apt-get', 'apt', 'update', 'install', '-y', '--no-install-recommends', 'curl', 'wget',
  '-qO-', 'https://example.com/install.sh', '|', 'sh', 'bash', '-c', '&&', '||', ';', '&', '>', '2>&1', 'echo', '"hello world"', "'single quoted'", '"unterminated', 'cd', 'sudo', 'pip', 'install', 'npm', 'ci',
  'rm', '-rf', '/var/lib/apt/lists/*', 'apk', 'add', '--no-cache', 'yum', 'dnf', 'zypper', 'useradd', '-u', '123456789', 'chmod', '777', 'ln', '-sf', '/bin/bash', '/bin/sh', 'KEY=value', 'A=1', 'B="two words"',
  'PASSWORD=hunter2', 'AWS_SECRET_ACCESS_KEY=abc', 'PATH=$PATH:/x', 'A=$A', '8080', '80/tcp', '53/udp', '8000-8010', '80/TCP', '99999', 'SIGTERM', 'SIGKILL', '9', '30s', '1m30s', 'x1', 'root', '0', '1000:1000',
  'nobody', 'CMD', 'NONE', '["executable","param"]', '[', ']', '"', "'", '\\', '\\\\', '=', '--', 'é', '😀', '\u0000', '\t', '`', '#', '# not a comment', '<<EOF', '$(pwd)', '`date`',
];

const flags = [
  '--from=build', '--from=0', '--from=alpine:3.20', '--from=$STAGE', '--mount=type=cache,target=/root/.cache', '--mount=type=secret,id=npmrc,target=/root/.npmrc', '--mount=type=bind,source=.,target=/src',
  '--mount=type=ssh', '--mount=type=tmpfs,target=/tmp,size=1g', '--mount=type=unknown', '--mount=target', '--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=$TARGETPLATFORM', '--chown=1000:1000',
  '--chown=app', '--chmod=755', '--chmod=8888', '--link', '--link=false', '--network=none', '--network=host', '--security=insecure', '--interval=30s', '--timeout=5s', '--retries=3', '--start-period=1m',
  '--start-interval=2s', '--interval=abc', '--checksum=sha256:abc', '--keep-git-dir=true', '--exclude=*.md', '--parents', '--unknown=x', '--mount', '--from', '--=', '--chown=', '-f',
];

const shellWord = fc.oneof({ weight: 24, arbitrary: fc.constantFrom(...dockerWords) }, { weight: 1, arbitrary: unicodeWord }, { weight: 1, arbitrary: binaryWord });
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t');

interface DockerfileStyle {
  escape: string;
  eol: string;
}

/** Words, each followed by a space, or by a line continuation with maybe a comment or an empty line inside it. */
const argumentLines = fc.array(fc.tuple(shellWord, separator, fc.integer({ min: 0, max: 30 })), { maxLength: 12 }).map((words) => (style: DockerfileStyle): string[] => {
  const lines = [''];
  for (const [word, sep, roll] of words) {
    lines[lines.length - 1] += word;
    if (roll === 0) {
      lines[lines.length - 1] += ` ${style.escape}`;
      lines.push('    # a comment inside the continuation');
      lines.push('    ');
    } else if (roll === 1) {
      lines[lines.length - 1] += ` ${style.escape}`;
      lines.push('');
      lines.push('  ');
    } else if (roll <= 4) {
      lines[lines.length - 1] += ` ${style.escape}`;
      lines.push(roll === 2 ? '\t' : '    ');
    } else if (roll === 5) {
      lines[lines.length - 1] += `${style.escape}   `;
      lines.push('  ');
    } else {
      lines[lines.length - 1] += sep;
    }
  }
  return lines;
});

const jsonArguments = fc.oneof(
  fc.array(fc.oneof(shellWord.map((w) => JSON.stringify(w)), fc.constantFrom("'single'", 'bare', '"a\\"b"', '"\\u00e9"', '1', 'null', '')), { maxLength: 5 }).map((items) => `[${items.join(', ')}]`),
  fc.constantFrom('[', '["a", ]', '["a" "b"]', '[]', '[ "sh", "-c", "echo $HOME" ]', '["unterminated]', '[["nested"]]', '{"a": 1}'),
);

const heredocInstruction = fc
  .tuple(fc.constantFrom('RUN', 'COPY', 'RUN', 'ADD'), fc.constantFrom('EOF', 'EOT', '"EOF"', "'END'", '-EOF', 'E\u00c9'), fc.array(shellWord, { maxLength: 4 }), fc.array(fc.array(shellWord, { maxLength: 5 }), { maxLength: 4 }), fc.constantFrom('terminated', 'terminated', 'unterminated', 'two'))
  .map(([keyword, delimiter, args, body, ending]) => (style: DockerfileStyle): string[] => {
    const name = delimiter.replace(/^-/, '').replace(/["']/g, '');
    const indent = delimiter.startsWith('-') ? '\t' : '';
    const target = keyword === 'RUN' ? '' : ' /dest';
    const lines = [`${keyword} <<${delimiter}${args.length > 0 ? ` ${args.join(' ')}` : ''}${ending === 'two' ? ' <<OTHER' : ''}${target}`];
    lines.push(...body.map((words) => `${indent}${words.join(' ')}${words.length % 2 === 1 ? ` ${style.escape}` : ''}`));
    if (ending !== 'unterminated') lines.push(`${indent}${name}`);
    if (ending === 'two') lines.push('second body', 'OTHER');
    return lines;
  });

const instruction = fc
  .tuple(fc.constantFrom(...keywords), fc.array(fc.constantFrom(...flags), { maxLength: 3 }), fc.oneof({ weight: 5, arbitrary: argumentLines }, { weight: 2, arbitrary: jsonArguments.map((json) => () => [json]) }), fc.constantFrom('', '', ' ', '\t', ' # trailing'))
  .map(([keyword, flagList, args, trailing]) => (style: DockerfileStyle): string[] => {
    const lines = args(style);
    lines[0] = `${keyword} ${flagList.map((f) => `${f} `).join('')}${lines[0]}`;
    lines[lines.length - 1] += trailing;
    return lines;
  });

const structured = fc.oneof(
  fc.tuple(fc.constantFrom('alpine:3.20', 'ubuntu', '$BASE', 'build', 'scratch', 'python:3.12@sha256:abc', 'a b', ''), fc.constantFrom('', ' AS build', ' AS Base', ' as final', ' AS', ' AS build extra', ' AS scratch')).map(([image, alias]) => [`FROM ${image}${alias}`]),
  fc.tuple(fc.constantFrom('ARG', 'ENV'), fc.constantFrom('A', 'BASE', 'TAG', 'HOME', 'PASSWORD', 'é', ''), fc.constantFrom('', '=1', '=alpine:3.20', '=$A', '="quoted value"', ' legacy value', '=${A:-x}', '=')).map(([k, name, value]) => [`${k} ${name}${value}`]),
  fc.constantFrom(['USER 1000'], ['USER root'], ['WORKDIR app'], ['WORKDIR /app'], ['EXPOSE 80 443/udp 22'], ['HEALTHCHECK NONE'], ['HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1'], ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]'], ['ONBUILD RUN make'], ['ONBUILD ONBUILD RUN x'], ['STOPSIGNAL SIGTERM'], ['COPY --from=build /out /app'], ['ENTRYPOINT ["/sbin/tini", "--"]'], ['CMD ["app"]']),
).map((lines) => () => lines);

const comment = fc.constantFrom('# a comment', '#', '   # indented comment', '# dockhand-ignore untagged-base-image', '# dockhand-ignore-file', '# hadolint ignore=DL3006,DL3008', '# hadolint global ignore=DL3003', '# syntax=docker/dockerfile:1', '# check=skip=all', '# escape=`').map((line) => () => [line]);
const blank = fc.constantFrom('', '   ', '\t').map((line) => () => [line]);

const directives = fc.array(fc.constantFrom('# syntax=docker/dockerfile:1', '# syntax = docker/dockerfile:1.7', '# escape=`', '# escape=\\', '# escape=x', '# check=skip=JSONArgsRecommended;error=true', '# check=error=true', '#directive=value', '# SYNTAX=x'), { maxLength: 3 });

/** A Dockerfile: directives, then instructions, heredocs, comments and blank lines, with one line-ending style and some noise. */
export const dockerfileText: fc.Arbitrary<string> = fc
  .tuple(
    directives,
    fc.array(fc.oneof({ weight: 8, arbitrary: instruction }, { weight: 4, arbitrary: structured }, { weight: 2, arbitrary: heredocInstruction }, { weight: 2, arbitrary: comment }, { weight: 1, arbitrary: blank }), { maxLength: 25 }),
    lineEnding,
    fc.boolean(),
    fc.boolean(),
    fc.oneof({ weight: 4, arbitrary: fc.constant([] as [number, string, string][]) }, { weight: 1, arbitrary: noise }),
  )
  .map(([heads, parts, eol, mixed, finalNewline, edits]) => {
    const escapeDirective = heads.find((h) => /^# escape=/.test(h));
    const style: DockerfileStyle = { escape: escapeDirective === '# escape=`' ? '`' : '\\', eol };
    const lines = [...heads, ...parts.flatMap((part) => part(style))];
    return applyNoise(joinLines(lines, eol, mixed, finalNewline), edits);
  });

// ---------------------------------------------------------------- compose YAML

type YamlNode =
  | { t: 'scalar'; value: string }
  | { t: 'block'; header: string; lines: string[] }
  | { t: 'alias'; name: string }
  | { t: 'map'; entries: [string, YamlNode][]; anchor: string; tag: string; flow: boolean }
  | { t: 'seq'; items: YamlNode[]; anchor: string; tag: string; flow: boolean };

const composeKeys = [
  'image', 'build', 'context', 'dockerfile', 'target', 'args', 'ports', 'expose', 'environment', 'env_file', 'volumes', 'depends_on', 'condition', 'networks', 'network_mode', 'command', 'entrypoint',
  'healthcheck', 'test', 'interval', 'deploy', 'replicas', 'resources', 'extends', 'service', 'file', 'privileged', 'cap_add', 'security_opt', 'secrets', 'configs', 'container_name', 'restart', 'user',
  'init', 'labels', 'profiles', 'pid', 'ipc', 'volumes_from', 'links', 'x-custom', '<<', 'source', 'target', 'mode', 'external', 'driver', 'name', 'required', 'path', '"quoted key"', '? complex', 'é',
];

const composeScalars = [
  'nginx', 'nginx:1.27', 'postgres:latest', 'redis', 'alpine@sha256:abc', '.', './app', 'Dockerfile', '"8080:80"', '8080:80', '127.0.0.1:5432:5432', '"3000-3005:3000-3005"', '80', '0.0.0.0:22:22', 'true', 'false',
  'yes', 'no', '~', 'null', '1', '0o755', '0755', '1.5', '-1', '""', "''", '"${TAG:-latest}"', '${VAR}', '$VAR', '$$escaped', '${A:?required}', '${A:-${B:-c}}', '${', '"${unterminated"', 'web', 'db',
  'service_healthy', 'always', 'unless-stopped', '/var/run/docker.sock:/var/run/docker.sock', './data:/data:ro', 'SYS_ADMIN', 'ALL', 'seccomp:unconfined', 'host', 'service:web', 'container:x',
  '"CMD", "curl"', '[CMD, curl, -f, http://localhost]', 'PASSWORD=hunter2', 'API_KEY: abc', '.env', 'missing.env', '../outside/compose.yaml', '/etc/passwd', 'compose.yaml', '"a: b"', "'it''s'", '|', '>', '-',
  '*', '&', '!', '%', '@', '`', '#not comment', 'é', '😀', '\u0000', '\t',
];

const anchorNames = ['a', 'b', 'base', 'defaults'];

const yamlScalar: fc.Arbitrary<YamlNode> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...composeScalars).map((value): YamlNode => ({ t: 'scalar', value })) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map((value): YamlNode => ({ t: 'scalar', value: JSON.stringify(value) })) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 1500 }).map((value): YamlNode => ({ t: 'scalar', value: JSON.stringify(value) })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('|', '>', '|-', '>+', '|2'), fc.array(fc.constantFrom('line one', '  indented', '', '${VAR}', '# not a comment', 'key: value'), { maxLength: 4 })).map(([header, lines]): YamlNode => ({ t: 'block', header, lines })) },
  { weight: 2, arbitrary: fc.constantFrom(...anchorNames, 'undefined').map((name): YamlNode => ({ t: 'alias', name })) },
);

const decoration = fc.tuple(
  fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...anchorNames.map((a) => `&${a}`)) }),
  fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('!reset', '!override', '!!str', '!!map', '!custom', '!!binary') }),
  fc.boolean(),
);

const yamlTree = fc.letrec<{ node: YamlNode; map: YamlNode; seq: YamlNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, yamlScalar, tie('map'), tie('seq')),
  map: fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...composeKeys), tie('node')), { maxLength: 5 }), decoration)
    .map(([entries, [anchor, tag, flow]]): YamlNode => ({ t: 'map', entries, anchor, tag, flow: flow && entries.length < 3 })),
  seq: fc
    .tuple(fc.array(tie('node'), { maxLength: 4 }), decoration)
    .map(([items, [anchor, tag, flow]]): YamlNode => ({ t: 'seq', items, anchor, tag, flow: flow && items.length < 4 })),
}));

function flowText(node: YamlNode): string {
  switch (node.t) {
    case 'scalar':
      return node.value;
    case 'block':
      return JSON.stringify(node.lines.join('\n'));
    case 'alias':
      return `*${node.name}`;
    case 'map':
      return `${prefix(node)}{${node.entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')}}`;
    case 'seq':
      return `${prefix(node)}[${node.items.map(flowText).join(', ')}]`;
  }
}

function prefix(node: { anchor: string; tag: string }): string {
  return [node.anchor, node.tag].filter((p) => p !== '').map((p) => `${p} `).join('');
}

/** The text after `key:` or `-`: inline for scalars and flow collections, indented lines for block ones. */
function valueText(node: YamlNode, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  switch (node.t) {
    case 'scalar':
    case 'alias':
      return ` ${flowText(node)}`;
    case 'block':
      return ` ${node.header}${node.lines.map((line) => `\n${line === '' ? '' : pad}${line}`).join('')}`;
    case 'map':
      if (node.flow || node.entries.length === 0) return ` ${flowText(node)}`;
      return `${prefix(node) === '' ? '' : ` ${prefix(node).trimEnd()}`}${node.entries.map(([k, v]) => `\n${pad}${k}:${valueText(v, indent + 2)}`).join('')}`;
    case 'seq':
      if (node.flow || node.items.length === 0) return ` ${flowText(node)}`;
      return `${prefix(node) === '' ? '' : ` ${prefix(node).trimEnd()}`}${node.items.map((v) => `\n${pad}-${valueText(v, indent + 2)}`).join('')}`;
  }
}

const service = fc
  .tuple(fc.constantFrom('web', 'db', 'cache', 'worker', 'Web', 'a.b', 'é', '""'), yamlTree.map, fc.constantFrom('', '  <<: *defaults', '  <<: [*a, *b]', '  <<: *undefined'))
  .map(([name, body, merge]) => {
    const lines = [`  ${name}:${valueText(body, 2)}`];
    if (merge !== '' && body.t === 'map' && !body.flow && body.entries.length > 0) lines.push(`  ${merge}`);
    return lines.join('\n');
  });

const topLevel = fc.oneof(
  { weight: 5, arbitrary: fc.array(service, { minLength: 1, maxLength: 5 }).map((services) => `services:\n${services.join('\n')}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('networks', 'volumes', 'secrets', 'configs', 'x-defaults', 'x-anchors', 'name', 'version', 'include', 'services'), yamlTree.node).map(([key, value]) => `${key}:${valueText(value, 0)}`) },
  { weight: 1, arbitrary: fc.constantFrom('x-defaults: &defaults\n  restart: always\n  init: true', 'version: "3.8"', 'name: project', 'include:\n  - other.yaml\n  - path: ../outside/compose.yaml', '---', '...', '# dockhand-ignore obsolete-version', '# dockhand-ignore-file', '%YAML 1.2\n---', '%TAG ! tag:example.com,2000:') },
);

/** A compose file: top-level sections with anchors, merges, tags, flow and block styles, with one line-ending style and some noise. */
export const composeText: fc.Arbitrary<string> = fc
  .tuple(fc.array(topLevel, { maxLength: 6 }), lineEnding, fc.boolean(), fc.oneof({ weight: 4, arbitrary: fc.constant([] as [number, string, string][]) }, { weight: 1, arbitrary: noise }))
  .map(([sections, eol, finalNewline, edits]) => {
    const text = sections.join('\n');
    return applyNoise(joinLines(text.split('\n'), eol, false, finalNewline), edits);
  });

/** Very deep nesting, in every style YAML has. */
export const deepCompose: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.constantFrom('flow-seq', 'flow-map', 'block-seq', 'block-map', 'anchors')).map(([depth, style]) => {
  const rest = 'services:\n  web:\n    image: nginx:1.27\n';
  switch (style) {
    case 'flow-seq':
      return `x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n${rest}`;
    case 'flow-map':
      return `x-deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n${rest}`;
    case 'block-seq':
      return `x-deep:\n  ${'- '.repeat(depth)}x\n${rest}`;
    case 'block-map':
      return `x-deep:\n${Array.from({ length: Math.min(depth, 400) }, (_, i) => `  ${' '.repeat(i)}k:`).join('\n')} v\n${rest}`;
    default:
      return `x-0: &a0 [x]\n${Array.from({ length: Math.min(depth, 300) }, (_, i) => `x-${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join('\n')}\n${rest}    labels: *a${Math.min(depth, 300)}\n`;
  }
});

/** Long or deep Dockerfiles: many continuations, long lines, many stages. */
export const bigDockerfile: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 50, max: 2_000 }), fc.constantFrom('continuations', 'long-line', 'stages', 'heredocs', 'variables')).map(([size, style]) => {
  switch (style) {
    case 'continuations':
      return `FROM alpine:3.20\nRUN ${Array.from({ length: size }, (_, i) => `echo ${i}`).join(' \\\n    && ')}\n`;
    case 'long-line':
      return `FROM alpine:3.20\nRUN ${'a'.repeat(size * 50)} ${'"'.repeat(size)} ${'${A:-'.repeat(Math.min(size, 500))}\n`;
    case 'stages':
      return Array.from({ length: Math.min(size, 300) }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /x /y\n`).join('');
    case 'heredocs':
      return `FROM alpine:3.20\n${Array.from({ length: Math.min(size, 300) }, (_, i) => `RUN <<EOF${i}\necho ${i}\nEOF${i}\n`).join('')}`;
    default:
      return `FROM alpine:3.20\n${Array.from({ length: Math.min(size, 500) }, (_, i) => `ARG A${i}=\${A${Math.max(0, i - 1)}:-x}\n`).join('')}RUN echo $A${Math.min(size, 500) - 1}\n`;
  }
});
