import type { ShellWord } from '../shell';
import { hasExpansion } from './commands';

/** How a program reads its options: which ones take a value in the next word. */
export interface OptionSpec {
  /** Short options (letters) that take a value: `-o X`, `-oX`. */
  shortWithValue?: string;
  /** Long options (without `--`) that take a value when it is not written `--name=value`. */
  longWithValue?: readonly string[];
}

export interface ParsedOption {
  /** `y` for `-y` (also inside `-qy`), `yes` for `--yes`. */
  name: string;
  long: boolean;
  value: string | undefined;
  word: ShellWord;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Non-option words in order; the first is usually the subcommand. */
  operands: ShellWord[];
  /** True when an unquoted expansion such as `$FLAGS` may hide options or operands. */
  opaque: boolean;
}

/** Returns the words an unquoted expansion stands for, when ARG/ENV values make it known. */
export type WordResolver = (word: ShellWord) => string | undefined;

/** Reads options and operands the way getopt-style programs do; unknown options are taken as flags. */
export function parseArgs(words: readonly ShellWord[], spec: OptionSpec = {}, resolve?: WordResolver): ParsedArgs {
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  let opaque = false;
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = new Set(spec.longWithValue ?? []);
  const queue: { value: string; word: ShellWord }[] = [];
  for (const word of words) {
    if (hasExpansion(word) && !/^["'].*["']$/s.test(word.text)) {
      const resolved = resolve?.(word);
      if (resolved === undefined) {
        opaque = true;
        queue.push({ value: word.value, word });
      } else {
        for (const part of resolved.split(/\s+/).filter((p) => p.length > 0)) queue.push({ value: part, word });
      }
      continue;
    }
    queue.push({ value: word.value, word });
  }
  let endOfOptions = false;
  for (let index = 0; index < queue.length; index++) {
    const { value, word } = queue[index]!;
    if (endOfOptions || value === '-' || !value.startsWith('-')) {
      operands.push(word);
      continue;
    }
    if (value === '--') {
      endOfOptions = true;
      continue;
    }
    if (value.startsWith('--')) {
      const equals = value.indexOf('=');
      const name = equals < 0 ? value.slice(2) : value.slice(2, equals);
      let optionValue = equals < 0 ? undefined : value.slice(equals + 1);
      if (optionValue === undefined && longWithValue.has(name)) {
        optionValue = queue[index + 1]?.value;
        index++;
      }
      options.push({ name, long: true, value: optionValue, word });
      continue;
    }
    for (let i = 1; i < value.length; i++) {
      const letter = value[i]!;
      if (shortWithValue.includes(letter)) {
        let optionValue: string | undefined = value.slice(i + 1);
        if (optionValue.startsWith('=')) optionValue = optionValue.slice(1);
        if (optionValue === '') {
          optionValue = queue[index + 1]?.value;
          index++;
        }
        options.push({ name: letter, long: false, value: optionValue, word });
        break;
      }
      options.push({ name: letter, long: false, value: undefined, word });
    }
  }
  return { options, operands, opaque };
}

/** True when one of the named options is present: single letters are short options, longer names long ones. */
export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((option) => names.includes(option.long ? `--${option.name}` : `-${option.name}`));
}

export function optionValues(parsed: ParsedArgs, ...names: string[]): string[] {
  return parsed.options.filter((option) => names.includes(option.long ? `--${option.name}` : `-${option.name}`) && option.value !== undefined).map((option) => option.value!);
}

/** Program option specs: the options that take a value, so their values are not read as operands. */
export const specs = {
  apt: { shortWithValue: 'octaP', longWithValue: ['option', 'config-file', 'target-release', 'default-release', 'host-architecture', 'build-profiles'] },
  apk: { shortWithValue: 'Xpt', longWithValue: ['repository', 'root', 'arch', 'cache-dir', 'virtual', 'keys-dir', 'repositories-file', 'wait', 'timeout', 'cache-max-age'] },
  pip: {
    shortWithValue: 'rcetifC',
    longWithValue: [
      'requirement', 'constraint', 'editable', 'target', 'prefix', 'root', 'index-url', 'extra-index-url', 'find-links', 'trusted-host',
      'platform', 'python-version', 'implementation', 'abi', 'src', 'upgrade-strategy', 'cache-dir', 'log', 'proxy', 'retries', 'timeout',
      'progress-bar', 'root-user-action', 'only-binary', 'no-binary', 'config-settings', 'global-option', 'install-option', 'report',
      'python', 'exists-action', 'cert', 'client-cert', 'keyring-provider', 'use-feature', 'use-deprecated', 'group',
    ],
  },
  npm: { shortWithValue: 'w', longWithValue: ['prefix', 'registry', 'cache', 'workspace', 'omit', 'include', 'loglevel', 'tag', 'userconfig'] },
  gem: { shortWithValue: 'vinsp', longWithValue: ['version', 'install-dir', 'bindir', 'source', 'platform', 'build-root', 'document'] },
  yum: { shortWithValue: 'cdexR', longWithValue: ['config', 'installroot', 'releasever', 'enablerepo', 'disablerepo', 'exclude', 'repo', 'repoid', 'setopt', 'downloaddir', 'destdir', 'forcearch', 'rpmverbosity', 'repofrompath'] },
  zypper: { shortWithValue: 'RcDCprt', longWithValue: ['root', 'config', 'reposd-dir', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'plus-repo', 'userdata', 'repo', 'type', 'from'] },
  useradd: {
    shortWithValue: 'bcdefgGKkpRPsuZ',
    longWithValue: ['base-dir', 'comment', 'home-dir', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'root', 'prefix', 'shell', 'uid', 'selinux-user', 'selinux-range', 'btrfs-subvolume-home'],
  },
  ln: { shortWithValue: 'St', longWithValue: ['suffix', 'target-directory'] },
  rm: {},
  yarn: { longWithValue: ['cache-folder', 'modules-folder', 'network-timeout', 'registry', 'mutex', 'cwd'] },
} satisfies Record<string, OptionSpec>;
