import type { Argument, Instruction } from 'dockerfile-ast';
import type { DockerfileRule } from '../rule';
import { operands, type RunCommand, runCommands, scanOptions } from '../security/commands';

/** A dependency install that needs only manifests, and the manifests to copy first. */
export interface ManifestInstall {
  command: string;
  manifests: string;
}

export function manifestInstall(command: RunCommand): ManifestInstall | undefined {
  const { name, args } = command;
  const values = args.map((w) => w.value);
  const words = operands(args, { shortWithValue: 'rcet', longWithValue: ['--requirement', '--constraint', '--index-url', '--extra-index-url', '--target', '--prefix', '--root'] }).map((w) => w.value);
  const sub = words[0];
  const isPip = /^pip\d*(?:\.\d+)?$/.test(name) || (/^python\d*(?:\.\d+)?$/.test(name) && values[0] === '-m' && values[1] === 'pip') || (name === 'uv' && values[0] === 'pip');
  if (isPip && values.includes('install')) {
    const requirement = scanOptions(args, { shortWithValue: 'rcet', longWithValue: ['--requirement', '--constraint', '--index-url', '--extra-index-url', '--target', '--prefix', '--root'] }).find((hit) => hit.option === '-r' || hit.option === '--requirement');
    return requirement?.value ? { command: `pip install -r ${requirement.value}`, manifests: requirement.value } : undefined;
  }
  switch (name) {
    case 'npm':
      if (sub === 'ci' || ((sub === 'install' || sub === 'i') && words.length === 1)) return { command: `npm ${sub}`, manifests: 'package.json and package-lock.json' };
      return undefined;
    case 'yarn':
      if (sub === undefined || (sub === 'install' && words.length === 1)) return { command: sub ? 'yarn install' : 'yarn', manifests: 'package.json and yarn.lock' };
      return undefined;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && words.length === 1) return { command: 'pnpm install', manifests: 'package.json and pnpm-lock.yaml' };
      return undefined;
    case 'bun':
      if (sub === 'install' && words.length === 1) return { command: 'bun install', manifests: 'package.json and bun.lock' };
      return undefined;
    case 'pipenv':
      if ((sub === 'install' && words.length === 1) || sub === 'sync') return { command: `pipenv ${sub}`, manifests: 'Pipfile and Pipfile.lock' };
      return undefined;
    case 'poetry':
      if (sub === 'install') return { command: 'poetry install', manifests: 'pyproject.toml and poetry.lock (with --no-root)' };
      return undefined;
    case 'uv':
      if (sub === 'sync') return { command: 'uv sync', manifests: 'pyproject.toml and uv.lock (with --no-install-project)' };
      return undefined;
    case 'go':
      if (sub === 'mod' && words[1] === 'download') return { command: 'go mod download', manifests: 'go.mod and go.sum' };
      return undefined;
    case 'bundle':
      if (sub === 'install' || (sub === undefined && values.length === 0)) return { command: 'bundle install', manifests: 'Gemfile and Gemfile.lock' };
      return undefined;
    case 'composer':
      if (sub === 'install') return { command: 'composer install', manifests: 'composer.json and composer.lock (with --no-scripts --no-autoloader)' };
      return undefined;
    case 'mvn':
    case 'mvnw':
      if (words.some((w) => /^dependency:(?:go-offline|resolve)$/.test(w))) return { command: 'mvn dependency:go-offline', manifests: 'pom.xml' };
      return undefined;
    case 'cargo':
      if (sub === 'fetch') return { command: 'cargo fetch', manifests: 'Cargo.toml and Cargo.lock' };
      return undefined;
    case 'dotnet':
      if (sub === 'restore') return { command: 'dotnet restore', manifests: 'the project files (*.csproj)' };
      return undefined;
    case 'mix':
      if (sub === 'deps.get') return { command: 'mix deps.get', manifests: 'mix.exs and mix.lock' };
      return undefined;
    default:
      return undefined;
  }
}

/** The `.` or `./` source of a COPY/ADD from the build context, if it copies the whole context. */
export function wholeContextSource(instruction: Instruction): Argument | undefined {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return undefined;
  const flags = (instruction as Instruction & { getFlags?(): { getName(): string }[] }).getFlags?.() ?? [];
  if (flags.some((flag) => flag.getName().toLowerCase() === 'from')) return undefined;
  const args = instruction.getArguments();
  if (args.length < 2 || args[0]!.getValue().startsWith('<<') || args[0]!.getValue().startsWith('[')) return undefined;
  return args.slice(0, -1).find((arg) => arg.getValue() === '.' || arg.getValue() === './');
}

export const contextCopiedBeforeInstall: DockerfileRule = {
  id: 'context-copied-before-install',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      '`COPY . .` (the whole build context) followed in the same stage by a dependency install that needs only the manifests: ' +
      '`pip install -r`, `npm ci`/`install`, `yarn`, `pnpm install`, `go mod download`, `bundle install`, `composer install`, ' +
      '`poetry install`, `uv sync`, `mvn dependency:go-offline`, `cargo fetch`, `dotnet restore`...',
    why:
      'A layer is rebuilt when its inputs change, and every later layer of the stage with it. After ' +
      '`COPY . .` any edit to any source file invalidates the copy, so the install after it runs ' +
      'again from scratch on every build, downloading every dependency. Copy the manifests first, ' +
      'install, then copy the rest: `COPY package.json package-lock.json ./`, `RUN npm ci`, `COPY . .`. ' +
      'Source edits then reuse the cached install layer. A BuildKit cache mount ' +
      '(`RUN --mount=type=cache,target=/root/.npm npm ci`) speeds up the reinstall but does not ' +
      'replace the ordering.',
    example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
    fixedExample: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      stage.instructions.forEach((instruction, index) => {
        const source = wholeContextSource(instruction);
        if (!source) return;
        const before = runCommands(model, { ...stage, instructions: stage.instructions.slice(0, index) });
        const after = runCommands(model, { ...stage, instructions: stage.instructions.slice(index + 1) });
        const install = after.map((command) => ({ command, install: manifestInstall(command) })).find((entry) => entry.install !== undefined);
        if (!install?.install) return;
        const tool = install.command.name;
        if (before.some((command) => command.name === tool && manifestInstall(command) !== undefined)) return;
        const line = install.command.instruction.getRange().start.line + 1;
        report({
          range: source.getRange(),
          message: `${instruction.getKeyword()} ${source.getValue()} copies the whole context before '${install.install.command}' (line ${line}), so any source change reruns the install; copy ${install.install.manifests} first, install, then copy the rest.`,
        });
      });
    }
  },
};
