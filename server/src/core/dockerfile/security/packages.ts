import type { ShellWord } from '../shell';
import { operands, type OptionSpec, type RunCommand, scanOptions } from './commands';

export type PackageManager = 'apt' | 'apk' | 'dnf' | 'zypper';

/** A package manager installing or removing packages in one command. */
export interface PackageOperation {
  manager: PackageManager;
  action: 'install' | 'remove' | 'update';
  /** The package words as written (`curl=8.5.0-1` included). */
  packages: ShellWord[];
  /** `apk add --virtual .build-deps ...`: the name the group can be removed by. */
  virtualName: string | undefined;
  options: string[];
}

const managers: Record<string, { manager: PackageManager; spec: OptionSpec; install: string[]; remove: string[]; update: string[] }> = {
  'apt-get': {
    manager: 'apt',
    spec: { shortWithValue: 'oct', longWithValue: ['--option', '--config-file', '--target-release', '--default-release'] },
    install: ['install', 'reinstall'],
    remove: ['remove', 'purge', 'autoremove'],
    update: ['update'],
  },
  apk: {
    manager: 'apk',
    spec: { shortWithValue: 'Xtp', longWithValue: ['--repository', '--virtual', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'] },
    install: ['add'],
    remove: ['del'],
    update: ['update'],
  },
  dnf: {
    manager: 'dnf',
    spec: { shortWithValue: 'xc', longWithValue: ['--enablerepo', '--disablerepo', '--exclude', '--installroot', '--releasever', '--repo', '--config', '--setopt'] },
    install: ['install', 'reinstall', 'groupinstall'],
    remove: ['remove', 'erase', 'autoremove', 'groupremove'],
    update: ['makecache'],
  },
  zypper: {
    manager: 'zypper',
    spec: { shortWithValue: 'rt', longWithValue: ['--repo', '--type', '--from'] },
    install: ['install', 'in'],
    remove: ['remove', 'rm'],
    update: ['refresh', 'ref'],
  },
};
managers['apt'] = managers['apt-get']!;
managers['aptitude'] = managers['apt-get']!;
managers['yum'] = managers['dnf']!;
managers['microdnf'] = managers['dnf']!;
managers['tdnf'] = managers['dnf']!;

/**
 * Five rules ask about the same commands (shared per analysis by runCommands()), so the answer is
 * kept on the command; not in a WeakMap, whose values V8's minor GC keeps alive (see model.derived).
 */
const operationOf = Symbol('packageOperation');

/** What a package manager command does; shared between rules: do not modify. */
export function packageOperation(command: RunCommand): PackageOperation | undefined {
  const remembered = command as RunCommand & { [operationOf]?: PackageOperation | null };
  let operation = remembered[operationOf];
  if (operation === undefined) {
    operation = readPackageOperation(command) ?? null;
    remembered[operationOf] = operation;
  }
  return operation ?? undefined;
}

function readPackageOperation(command: RunCommand): PackageOperation | undefined {
  const known = managers[command.name];
  if (!known) return undefined;
  const words = operands(command.args, known.spec);
  const subcommand = words[0]?.value;
  if (!subcommand) return undefined;
  const action = known.install.includes(subcommand) ? 'install' : known.remove.includes(subcommand) ? 'remove' : known.update.includes(subcommand) ? 'update' : undefined;
  if (!action) return undefined;
  const options = scanOptions(command.args, known.spec);
  const virtual = options.find((hit) => hit.option === '--virtual' || (known.manager === 'apk' && hit.option === '-t'));
  return {
    manager: known.manager,
    action,
    packages: words.slice(1),
    virtualName: virtual?.value,
    options: options.map((hit) => hit.option),
  };
}

/** `curl=8.5.0-1`, `curl~8`, `curl>=8` are all `curl`. */
export function packageName(word: string): string {
  return word.replace(/[=<>~].*$/, '').toLowerCase();
}

/** Compilers, build systems and SDKs: what a runtime image should not carry. */
const toolchainPackages =
  /^(?:build-essential|build-base|gcc|gcc-\d+|g\+\+|g\+\+-\d+|gcc-c\+\+|clang|clang-\d+|make|cmake|autoconf|automake|libtool|musl-dev|libc6-dev|libc-dev|linux-headers|golang|golang-go|golang-\d[\d.]*|go|rust|rustc|cargo|maven|gradle|default-jdk|default-jdk-headless|openjdk-\d+-jdk|openjdk-\d+-jdk-headless|openjdk\d+-jdk|openjdk\d+|java-[\d.]+-openjdk-devel|dotnet-sdk-[\d.]+|@development-tools|development tools)$/;

export function isToolchainPackage(name: string): boolean {
  return toolchainPackages.test(name);
}
