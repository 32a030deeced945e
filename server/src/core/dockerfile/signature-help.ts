// Signature help: the syntax of the instruction at the cursor, with the parameter
// the cursor is on. The form (shell or exec, HEALTHCHECK CMD or NONE) follows what
// is written.
import type { DockerfileContext } from '../feature-context';
import type { SignatureHelp } from '../features';
import type { Position } from '../text';
import { cursorContext, wordsBefore } from './completion';
import { modelDescribes } from './format';
import { instructionDocs } from './instruction-docs';
import { syntaxOf } from './syntax/scan';
import { shellWords, type ShellWord } from './syntax/words';

interface Parameter {
  label: string;
  documentation: string;
  /** Flags this parameter stands for. */
  flags?: readonly string[];
}

interface Form {
  label: string;
  parameters: readonly Parameter[];
  /** The parameter for an argument (after the flags): its index, how many arguments there are, the JSON element for exec form. */
  argument(index: number, total: number, jsonElement: number | undefined): number;
}

const flag = (name: string, value: string, documentation: string): Parameter => ({ label: `[--${name}=${value}]`, documentation, flags: [name] });
const command = { label: '<command>', documentation: 'A shell command, run with `/bin/sh -c` (or the `SHELL`).' };
const execution = [
  { label: '"<executable>"', documentation: 'The program to run, as a JSON string: no shell is involved.' },
  { label: '"<param>", ...', documentation: 'Its arguments, each a JSON string in double quotes.' },
];
const byElement = (offset: number) => (_index: number, _total: number, element: number | undefined): number => offset + Math.min(element ?? 0, 1);
const firstThenRest = (_flags: number) => (index: number): number => (index === 0 ? 0 : 1);

const runFlags = [
  flag('mount', '<mount>', 'Mounts a cache, secret, ssh agent, bind or tmpfs for this RUN only (BuildKit).'),
  flag('network', '<network>', '`default`, `none` or `host` (BuildKit).'),
  flag('security', '<security>', '`sandbox` or `insecure` (BuildKit).'),
];

const copyFlags = (from: boolean): Parameter[] => [
  ...(from ? [flag('from', '<stage>', 'Copy from an earlier stage (by name or index) or an image instead of the build context.')] : []),
  flag('chown', '<user>:<group>', 'Owner of the copied files (root by default).'),
  flag('chmod', '<perms>', 'Permission bits of the copied files (BuildKit).'),
  { label: '[--link]', documentation: 'Copy into an independent layer (BuildKit).', flags: ['link'] },
];

/** `<src>... <dest>`: the last argument is the destination. */
const sourcesThenDestination = (offset: number) => (index: number, total: number): number => offset + (index > 0 && index === total - 1 ? 1 : 0);
const paths = [
  { label: '<src>...', documentation: 'Sources, relative to the build context (or the `--from` stage); wildcards allowed.' },
  { label: '<dest>', documentation: 'The destination in the image; a directory when it ends with `/` or there are several sources. Relative paths start at the WORKDIR.' },
];

function forms(keyword: string, execForm: boolean, firstArgument: string | undefined): Form | undefined {
  switch (keyword) {
    case 'FROM':
      return {
        label: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
        parameters: [
          flag('platform', '<platform>', 'The platform of the base image, e.g. `linux/arm64` or `$BUILDPLATFORM`.'),
          { label: '<image>[:<tag>|@<digest>]', documentation: 'A base image, an earlier stage, or `scratch`. Pin a tag or digest: no tag means `latest`.' },
          { label: '[AS <name>]', documentation: 'Names the stage for `COPY --from`, `--target` and later FROM lines.' },
        ],
        argument: (index) => (index === 0 ? 1 : 2),
      };
    case 'RUN':
      return execForm
        ? { label: 'RUN [--mount=<mount>] [--network=<network>] [--security=<security>] ["<executable>", "<param>", ...]', parameters: [...runFlags, ...execution], argument: byElement(3) }
        : { label: 'RUN [--mount=<mount>] [--network=<network>] [--security=<security>] <command>', parameters: [...runFlags, command], argument: () => 3 };
    case 'CMD':
    case 'ENTRYPOINT':
      return execForm
        ? { label: `${keyword} ["<executable>", "<param>", ...]`, parameters: execution, argument: byElement(0) }
        : {
            label: `${keyword} <command> [<param>...]`,
            parameters: [
              { label: '<command>', documentation: 'Run with `/bin/sh -c`: the shell is PID 1 and may not pass signals on. Prefer the exec form.' },
              { label: '[<param>...]', documentation: 'Arguments, read by the shell.' },
            ],
            argument: firstThenRest(0),
          };
    case 'SHELL':
      return { label: 'SHELL ["<executable>", "<param>", ...]', parameters: execution, argument: byElement(0) };
    case 'COPY':
      return { label: 'COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] <src>... <dest>', parameters: [...copyFlags(true), ...paths], argument: sourcesThenDestination(4) };
    case 'ADD':
      return {
        label: 'ADD [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--checksum=<checksum>] <src>... <dest>',
        parameters: [...copyFlags(false), flag('checksum', '<checksum>', 'The `sha256:...` digest a remote source must match (BuildKit).'), ...paths],
        argument: sourcesThenDestination(4),
      };
    case 'HEALTHCHECK':
      if (firstArgument?.toUpperCase() === 'NONE') return { label: 'HEALTHCHECK NONE', parameters: [{ label: 'NONE', documentation: 'Disables a health check inherited from the base image.' }], argument: () => 0 };
      return {
        label: 'HEALTHCHECK [options] CMD <command>',
        parameters: [
          { label: '[options]', documentation: '`--interval=30s`, `--timeout=30s`, `--start-period=0s`, `--start-interval=5s`, `--retries=3` (the defaults).', flags: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'] },
          { label: 'CMD', documentation: 'Introduces the check command.' },
          { label: '<command>', documentation: 'Runs inside the container: exit 0 means healthy, 1 unhealthy.' },
        ],
        argument: (index) => (index === 0 ? 1 : 2),
      };
    case 'ENV':
      return { label: 'ENV <key>=<value> [<key>=<value>...]', parameters: [{ label: '<key>=<value>', documentation: 'A variable for the rest of the stage and for containers.' }, { label: '[<key>=<value>...]', documentation: 'More variables.' }], argument: firstThenRest(0) };
    case 'ARG':
      return { label: 'ARG <name>[=<default>] [<name>[=<default>]...]', parameters: [{ label: '<name>[=<default>]', documentation: 'A build argument, set with `--build-arg name=value`.' }, { label: '[<name>[=<default>]...]', documentation: 'More build arguments.' }], argument: firstThenRest(0) };
    case 'LABEL':
      return { label: 'LABEL <key>=<value> [<key>=<value>...]', parameters: [{ label: '<key>=<value>', documentation: 'Metadata, e.g. `org.opencontainers.image.source="https://..."`.' }, { label: '[<key>=<value>...]', documentation: 'More labels.' }], argument: firstThenRest(0) };
    case 'EXPOSE':
      return { label: 'EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]', parameters: [{ label: '<port>[/<protocol>]', documentation: 'A container port; `tcp` unless `/udp`. Documentation only: it publishes nothing.' }, { label: '[<port>[/<protocol>]...]', documentation: 'More ports.' }], argument: firstThenRest(0) };
    case 'VOLUME':
      return execForm
        ? { label: 'VOLUME ["<path>", ...]', parameters: [{ label: '"<path>", ...', documentation: 'Mount points, as JSON strings.' }], argument: () => 0 }
        : { label: 'VOLUME <path> [<path>...]', parameters: [{ label: '<path>', documentation: 'A mount point: an anonymous volume is created there at run time unless one is mounted.' }, { label: '[<path>...]', documentation: 'More mount points.' }], argument: firstThenRest(0) };
    case 'USER':
      return { label: 'USER <user>[:<group>]', parameters: [{ label: '<user>[:<group>]', documentation: 'A name or, better, numeric ids such as `10001:10001`.' }], argument: () => 0 };
    case 'WORKDIR':
      return { label: 'WORKDIR <path>', parameters: [{ label: '<path>', documentation: 'An absolute path; created when missing.' }], argument: () => 0 };
    case 'STOPSIGNAL':
      return { label: 'STOPSIGNAL <signal>', parameters: [{ label: '<signal>', documentation: 'A name such as `SIGQUIT` or a number; `docker stop` sends it to PID 1.' }], argument: () => 0 };
    case 'MAINTAINER':
      return { label: 'MAINTAINER <name>', parameters: [{ label: '<name>', documentation: 'Deprecated: use `LABEL org.opencontainers.image.authors="..."`.' }], argument: () => 0 };
    case 'ONBUILD':
      return { label: 'ONBUILD <instruction>', parameters: [{ label: '<instruction>', documentation: 'An instruction that runs when another build uses this image as its base.' }], argument: () => 0 };
    default:
      return undefined;
  }
}

/** Counts the JSON elements before the end of `text`, which starts at the `[`. */
function jsonElement(text: string): number {
  let element = 0;
  let inString = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === ',') {
      element++;
    }
  }
  return element;
}

export function signatureHelp(featureContext: DockerfileContext, position: Position): SignatureHelp | undefined {
  if (!modelDescribes(featureContext)) return undefined;
  const model = featureContext.analysis.model;
  const context = cursorContext(model, position);
  if (!context || context.kind !== 'instruction' || !context.statement) return undefined;
  const escape = syntaxOf(model).escape;
  const { words, current } = wordsBefore(context.prefix, escape);
  if (words.length === 0) return undefined;
  let keywordIndex = 0;
  if (words[0]!.text.toUpperCase() === 'ONBUILD' && words.length > 1) keywordIndex = 1;
  const keyword = words[keywordIndex]!.text.toUpperCase();
  const before = words.slice(keywordIndex + 1);
  const statement = context.statement;
  const body = keywordIndex === 1 ? (statement.trigger ?? statement) : statement;
  const restText = body.rest;
  const execForm = restText.startsWith('[');
  const form = forms(keyword, execForm, shellWords(restText, 0, escape)[0]?.text);
  if (!form) return undefined;
  const documentation = instructionDocs[keyword]?.summary;
  const firstArg = before.findIndex((w) => !w.text.startsWith('--'));
  let active: number;
  if (keyword === 'ONBUILD') {
    active = 0;
  } else if (firstArg < 0 && current.text.startsWith('-')) {
    const name = /^--([^=]*)/.exec(current.text)?.[1]?.toLowerCase() ?? '';
    const exact = name === '' ? -1 : form.parameters.findIndex((p) => p.flags?.some((f) => f.startsWith(name)));
    active = exact >= 0 ? exact : form.parameters.findIndex((p) => p.flags !== undefined);
  } else {
    const args: ShellWord[] = [...(firstArg < 0 ? [] : before.slice(firstArg)), current];
    const index = args.length - 1;
    const total = Math.max(shellWords(restText, 0, escape).length, index + 1);
    const element = execForm ? jsonElement(context.prefix.slice(args[0]!.start)) : undefined;
    active = form.argument(index, total, element);
  }
  return {
    label: form.label,
    ...(documentation !== undefined && { documentation }),
    parameters: form.parameters.map((p) => ({ label: p.label, documentation: p.documentation })),
    activeParameter: active,
  };
}
