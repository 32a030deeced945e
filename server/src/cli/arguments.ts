import { type DocumentKind, severities, type Severity, type SeveritySetting } from '../core';

export const formats = ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit'] as const;
export type Format = (typeof formats)[number];

/** Findings at or above this severity make `lint` exit 1; `none`: findings never do. */
export type FailLevel = Severity | 'none';

/** Which fixes `--fix` applies: safe ones, or (`--fix-unsafe`) every fix. */
export type FixMode = 'none' | 'safe' | 'unsafe';

export interface CliOptions {
  command: 'lint' | 'rules' | 'explain' | 'help' | 'version';
  paths: string[];
  format: Format;
  color: boolean | undefined;
  kind: DocumentKind | undefined;
  rules: Record<string, SeveritySetting>;
  config: string | undefined;
  output: string | undefined;
  stdinKind: DocumentKind | undefined;
  stdinFilename: string | undefined;
  failLevel: FailLevel;
  maxWarnings: number | undefined;
  fix: FixMode;
  /** Worker threads besides the main thread; undefined: decided from the number of files and cores. */
  threads: number | undefined;
  /** `auto` (use `shellcheck` from PATH when there is one), `off`, or the binary's path. */
  shellcheck: string;
}

/** Ends the run with exit code 2 and a one-line message. */
export class CliError extends Error {}

export class UsageError extends CliError {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export const usage = `Usage:
  dockhand lint [options] [PATH|GLOB ...]  Lint Dockerfiles and compose files (default: the current folder)
  dockhand lint [options] -                Lint standard input (with --stdin-kind or --stdin-filename)
  dockhand rules [--format json]           List every rule
  dockhand rules ID                        Show one rule's documentation
  dockhand explain FILE:LINE               Show the effective state and variables at a Dockerfile line

Options:
  -f, --format FORMAT     stylish (default), json, sarif, github, checkstyle or junit
  -o, --output FILE       Write the report to FILE instead of standard output
  --kind dockerfile|compose
                          Treat the named files as this kind, whatever their names
  --rule ID=SEVERITY      Override a rule's severity: error, warning, info, hint or off (repeatable)
  --config FILE           Use this .dockhand.yaml or .hadolint.yaml instead of the ones found
                          upward from each file
  --fail-level LEVEL      Exit 1 on findings at or above error (default), warning, info or hint;
                          none never does
  --max-warnings N        Also exit 1 when there are more than N warnings
  --fix                   Apply safe fixes in place, then report what is left
  --fix-unsafe            Apply every fix, including those that may change behaviour
  --stdin-kind dockerfile|compose
                          What standard input is (default: from --stdin-filename)
  --stdin-filename NAME   The path standard input stands for: configuration and neighbouring
                          files are found from it, relative to the current folder
  --threads N             Worker threads linting beside the main one (default: one per further
                          core for more than 200 files; 0 for none)
  --shellcheck auto|off|PATH
                          Check shell-form RUN with ShellCheck: auto uses \`shellcheck\` from PATH when
                          installed (default); findings are named SC1234 and configured like rules
  --no-color              Never colour the output (colour is used only on a terminal)
  -h, --help              Show this help
  -v, --version           Show the version

Folders are searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile,
compose*.y*ml and docker-compose*.y*ml, skipping .gitignored files, node_modules and .git.

Exit codes: 0 no finding at the fail level, 1 findings at the fail level (or over --max-warnings),
2 usage, configuration or input error.
`;

const kinds: readonly DocumentKind[] = ['dockerfile', 'compose'];

export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    command: 'help',
    paths: [],
    format: 'stylish',
    color: undefined,
    kind: undefined,
    rules: {},
    config: undefined,
    output: undefined,
    stdinKind: undefined,
    stdinFilename: undefined,
    failLevel: 'error',
    maxWarnings: undefined,
    fix: 'none',
    threads: undefined,
    shellcheck: 'auto',
  };
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      return options;
    case '-v':
    case '--version':
      return { ...options, command: 'version' };
    case 'lint':
    case 'rules':
    case 'explain':
      options.command = command;
      break;
    default:
      throw new UsageError(`unknown command '${command}'`, true);
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const kind = (): DocumentKind => {
      const given = value();
      if (!(kinds as readonly string[]).includes(given)) throw new UsageError(`unknown kind '${given}' for ${flag} (expected dockerfile or compose)`);
      return given as DocumentKind;
    };
    const count = (): number => {
      const given = value();
      if (!/^\d+$/.test(given)) throw new UsageError(`${flag} expects a whole number, got '${given}'`);
      return Number(given);
    };
    switch (flag) {
      case '--format':
      case '-f': {
        const format = value();
        if (!(formats as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (expected ${formats.join(', ')})`);
        options.format = format as Format;
        break;
      }
      case '--output':
      case '-o':
        options.output = value();
        break;
      case '--kind':
        options.kind = kind();
        break;
      case '--stdin-kind':
        options.stdinKind = kind();
        break;
      case '--stdin-filename':
        options.stdinFilename = value();
        break;
      case '--rule': {
        const setting = value();
        const match = /^([a-z0-9-]+|SC\d{4})=(\w+)$/.exec(setting);
        const severity = match?.[2];
        if (!match?.[1] || !severity || (severity !== 'off' && !(severities as readonly string[]).includes(severity))) {
          throw new UsageError(`--rule expects ID=SEVERITY with error, warning, info, hint or off, got '${setting}'`);
        }
        options.rules[match[1]] = severity as SeveritySetting;
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '--fail-level': {
        const level = value();
        if (level !== 'none' && !(severities as readonly string[]).includes(level)) throw new UsageError(`--fail-level expects error, warning, info, hint or none, got '${level}'`);
        options.failLevel = level as FailLevel;
        break;
      }
      case '--max-warnings':
        options.maxWarnings = count();
        break;
      case '--fix':
        if (options.fix === 'none') options.fix = 'safe';
        break;
      case '--fix-unsafe':
        options.fix = 'unsafe';
        break;
      case '--threads':
        options.threads = count();
        break;
      case '--shellcheck':
        options.shellcheck = value();
        break;
      case '--no-color':
        options.color = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '-h':
      case '--help':
        options.command = 'help';
        return options;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`, true);
        options.paths.push(arg);
    }
  }
  checkCombinations(options);
  return options;
}

function checkCombinations(options: CliOptions): void {
  const lintOnly: [boolean, string][] = [
    [options.output !== undefined, '--output'],
    [options.fix !== 'none', '--fix'],
    [options.stdinKind !== undefined || options.stdinFilename !== undefined, '--stdin-kind and --stdin-filename'],
    [options.maxWarnings !== undefined || options.failLevel !== 'error', '--fail-level and --max-warnings'],
  ];
  for (const [given, name] of lintOnly) {
    if (given && options.command !== 'lint') throw new UsageError(`${name}: only for 'dockhand lint'`);
  }
  if (options.command !== 'lint' && options.format !== 'stylish' && options.format !== 'json') {
    throw new UsageError(`'dockhand ${options.command}' prints stylish or json, not ${options.format}`);
  }
  if (options.command !== 'lint') return;
  const stdin = options.paths.filter((p) => p === '-').length;
  if (stdin > 1) throw new UsageError("'-' (standard input) can be given once");
  if (stdin === 0 && (options.stdinKind !== undefined || options.stdinFilename !== undefined)) {
    throw new UsageError("--stdin-kind and --stdin-filename need '-' among the paths");
  }
  if (stdin === 1 && options.fix !== 'none') throw new UsageError('--fix cannot write to standard input; lint a file instead');
}
