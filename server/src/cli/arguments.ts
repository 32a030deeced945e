import { type DocumentKind, severities, type SeveritySetting } from '../core';

export interface CliOptions {
  command: 'lint' | 'rules' | 'help' | 'version';
  paths: string[];
  format: 'stylish' | 'json';
  color: boolean | undefined;
  kind: DocumentKind | undefined;
  rules: Record<string, SeveritySetting>;
  config: string | undefined;
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export const usage = `Usage:
  dockhand lint [options] [PATH ...]   Lint Dockerfiles and compose files (default: the current folder)
  dockhand rules [--format json]       List every rule
  dockhand rules ID                    Show one rule's documentation

Options:
  --format stylish|json   Output format (default: stylish)
  --kind dockerfile|compose
                          Treat the given files as this kind, whatever their names
  --rule ID=SEVERITY      Override a rule's severity: error, warning, info, hint or off (repeatable)
  --config FILE           Use this .dockhand.yaml or .hadolint.yaml instead of the ones found
                          upward from each file
  --no-color              Never colour the output (colour is used only on a terminal)
  -h, --help              Show this help
  -v, --version           Show the version

Exit codes: 0 no error found, 1 an error-severity finding, 2 usage error or unreadable input.
`;

export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { command: 'help', paths: [], format: 'stylish', color: undefined, kind: undefined, rules: {}, config: undefined };
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
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format '${format}' (expected stylish or json)`);
        options.format = format;
        break;
      }
      case '--kind': {
        const kind = value();
        if (kind !== 'dockerfile' && kind !== 'compose') throw new UsageError(`unknown kind '${kind}' (expected dockerfile or compose)`);
        options.kind = kind;
        break;
      }
      case '--rule': {
        const setting = value();
        const match = /^([a-z0-9-]+)=(\w+)$/.exec(setting);
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
  return options;
}
