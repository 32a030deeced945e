import type { Instruction } from 'dockerfile-ast';
import { basename, normalize, resolve } from '../../paths';
import type { Report } from '../../rules/rule';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import type { ShellWord } from '../shell';
import { instructionRunCommands, operands, type RunCommand, scanOptions, wordRange } from '../security/commands';
import { packageName, packageOperation } from '../security/packages';

/** Something a layer added that a later layer can only hide. */
interface Added {
  /** How the message names it: "COPY on line 3", "apt-get update on line 5". */
  origin: string;
  instruction: Instruction;
}

interface Layers {
  /** Absolute paths added by COPY/ADD or a download, and package caches left by a RUN. */
  paths: Map<string, Added>;
  /** Packages (and apk virtual groups) installed by a RUN. */
  packages: Map<string, Added>;
}

/** Package manager caches a RUN leaves behind unless it cleans them itself. */
const caches: Record<string, string> = { apt: '/var/lib/apt/lists', apk: '/var/cache/apk', yum: '/var/cache/yum', dnf: '/var/cache/dnf' };

const archive = /\.(?:tar|tgz|tbz2?|txz|tar\.(?:gz|bz2|xz|zst|lz|lzma))$/i;

export const fileRemovedInLaterLayer: DockerfileRule = {
  id: 'file-removed-in-later-layer',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A `RUN` that deletes what an earlier layer added: a file from `COPY`/`ADD` or an earlier download removed with `rm`, ' +
      'packages installed in an earlier `RUN` removed with `apk del`/`apt-get purge`/`yum remove`, or package lists and caches ' +
      '(`/var/lib/apt/lists`, `/var/cache/apk`, `yum clean all`) cleaned in a later `RUN` than the one that made them.',
    why:
      'Each instruction adds a layer, and a layer can only hide files from the layers below it, never ' +
      'shrink them: the deleted file is still downloaded with the image and still takes space. ' +
      'Delete in the same `RUN` that created the file (`apt-get update && apt-get install ... && ' +
      'rm -rf /var/lib/apt/lists/*`), read build inputs through a bind mount instead of copying them ' +
      '(`RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz`), ' +
      'or do the work in an earlier stage and `COPY --from` only the result. The rule only follows ' +
      'literal paths it can resolve, so it stays quiet about globs, variables and paths after a `cd`.',
    example: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN rm /tmp/app.tar.gz\n',
    fixedExample: 'FROM debian:12-slim\nRUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt\n',
  },
  check({ model, report }) {
    const endOf = new Map<Stage, Layers>();
    for (const stage of model.stages) {
      const inherited = stage.parent ? endOf.get(stage.parent) : undefined;
      const layers: Layers = { paths: new Map(inherited?.paths), packages: new Map(inherited?.packages) };
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'COPY' || keyword === 'ADD') recordCopy(model, instruction, layers);
        else if (keyword === 'RUN') checkRun(model, stage, instruction, layers, report);
      }
      endOf.set(stage, layers);
    }
  },
};

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function workdirBefore(model: DockerfileModel, instruction: Instruction): string {
  const workdir = model.state.before(instruction)?.workdir?.value ?? '/';
  return workdir.includes('$') ? '' : workdir;
}

function recordCopy(model: DockerfileModel, instruction: Instruction, layers: Layers): void {
  const args = instruction.getArguments().map((a) => a.getValue());
  if (args.length < 2 || args[0]!.startsWith('<<') || args[0]!.startsWith('[')) return;
  const workdir = workdirBefore(model, instruction);
  const destination = model.substituteAt(instruction, args[args.length - 1]!);
  if (!destination || !workdir || /[*?[]/.test(destination)) return;
  const sources = args.slice(0, -1);
  const into = destination.endsWith('/') || sources.length > 1;
  const target = resolve(workdir, destination);
  const isAdd = instruction.getKeyword() === 'ADD';
  for (const source of sources) {
    if (/[$*?[]/.test(source) || source === '.' || source === './') continue;
    const remote = /^https?:\/\//i.test(source);
    if (isAdd && !remote && archive.test(source)) continue; // ADD unpacks local archives
    const name = basename(remote ? source.replace(/[?#].*$/, '') : source);
    // Copied into a folder, a directory source leaves its contents, not itself: follow only names that look like files.
    if (into && !remote && (source.endsWith('/') || !/\.[A-Za-z0-9]+$/.test(name))) continue;
    const path = into ? normalize(`${target}/${name}`) : target;
    layers.paths.set(path, { origin: `${instruction.getKeyword()} on line ${lineOf(instruction)}`, instruction });
  }
}

function checkRun(model: DockerfileModel, stage: Stage, instruction: Instruction, layers: Layers, report: (r: Report) => void): void {
  const commands = instructionRunCommands(model, stage, instruction);
  if (commands.length === 0) return;
  const workdir = workdirBefore(model, instruction);
  const createdHere = new Map<string, Added>();
  const installedHere = new Map<string, Added>();
  const removedHere = new Set<string>();
  let changedDirectory = false;
  for (const command of commands) {
    if (command.name === 'cd' || command.name === 'pushd') changedDirectory = true;
    const operation = packageOperation(command);
    if (operation) {
      const origin = `${command.name} ${operation.action === 'update' ? 'update' : 'install'} on line ${lineOf(instruction)}`;
      if (operation.action === 'install') {
        for (const word of operation.packages) installedHere.set(packageName(word.value), { origin, instruction });
        if (operation.virtualName) installedHere.set(operation.virtualName, { origin, instruction });
      }
      const cache = operation.manager === 'apt' ? (operation.action === 'update' ? caches['apt'] : undefined) : operation.manager === 'apk' ? (operation.options.includes('--no-cache') ? undefined : caches['apk']) : operation.manager === 'dnf' && operation.action !== 'remove' ? caches[command.name === 'yum' ? 'yum' : 'dnf'] : undefined;
      if (cache) createdHere.set(cache, { origin: `${command.name} ${operation.action} on line ${lineOf(instruction)}`, instruction });
      if (operation.action === 'remove') {
        for (const word of operation.packages) {
          const name = packageName(word.value);
          const earlier = layers.packages.get(name);
          if (earlier && !installedHere.has(name)) reportOnce(model, word, `'${name}' was installed by ${earlier.origin}, so removing it in this later RUN does not shrink the image`, report, removedHere);
        }
      }
    }
    if ((command.name === 'yum' || command.name === 'dnf' || command.name === 'microdnf') && command.args[0]?.value === 'clean') {
      const cache = caches[command.name === 'yum' ? 'yum' : 'dnf']!;
      const earlier = layers.paths.get(cache) ?? layers.paths.get(caches[command.name === 'yum' ? 'dnf' : 'yum']!);
      if (earlier && !createdHere.has(cache)) reportOnce(model, command.args[0], `the ${command.name} cache was left by ${earlier.origin}, so cleaning it in this later RUN does not shrink the image`, report, removedHere);
      createdHere.delete(cache);
    }
    if (command.name === 'rm') {
      for (const word of operands(command.args)) {
        const path = removedPath(model, instruction, word, workdir, changedDirectory);
        if (!path) continue;
        for (const created of [...createdHere.keys()]) if (covers(path, created)) createdHere.delete(created);
        const hit = [...layers.paths].find(([added]) => covers(path, added));
        if (hit) reportOnce(model, word, `'${hit[0]}' was added by ${hit[1].origin}, so deleting it in this later RUN does not shrink the image`, report, removedHere);
      }
    }
    for (const download of downloads(command, workdir, changedDirectory)) createdHere.set(download, { origin: `${command.name} on line ${lineOf(instruction)}`, instruction });
  }
  for (const [path, added] of createdHere) layers.paths.set(path, added);
  for (const [name, added] of installedHere) layers.packages.set(name, added);
}

/** A literal `rm` operand as an absolute path; `dir/*` stands for the folder's contents. */
function removedPath(model: DockerfileModel, instruction: Instruction, word: ShellWord, workdir: string, changedDirectory: boolean): string | undefined {
  let text = word.value;
  if (/[$`]/.test(word.text)) {
    const substituted = model.substituteAt(instruction, text);
    if (substituted === undefined) return undefined;
    text = substituted;
  }
  if (text.endsWith('/*')) text = text.slice(0, -2);
  if (!text || /[*?[\]{}]/.test(text)) return undefined;
  if (!text.startsWith('/') && (changedDirectory || !workdir)) return undefined;
  const path = resolve(workdir || '/', text);
  return path === '/' ? undefined : path;
}

/** True when removing `removed` deletes `added` (the same path, or a folder containing it). */
function covers(removed: string, added: string): boolean {
  return added === removed || added.startsWith(`${removed}/`);
}

/** Files a command writes that are worth following: `curl -o`, `wget -O`, `git clone`. */
function downloads(command: RunCommand, workdir: string, changedDirectory: boolean): string[] {
  const out: string[] = [];
  const add = (path: string | undefined): void => {
    if (!path || path === '-' || /[$`*?[\]{}]/.test(path)) return;
    if (!path.startsWith('/') && (changedDirectory || !workdir)) return;
    out.push(resolve(workdir || '/', path));
  };
  if (command.name === 'curl') {
    for (const hit of scanOptions(command.args, { shortWithValue: 'AbcCdDeEFHKmoPQrTtuUwxXyYz', longWithValue: ['--output'] })) if (hit.option === '-o' || hit.option === '--output') add(hit.value);
  } else if (command.name === 'wget') {
    for (const hit of scanOptions(command.args, { shortWithValue: 'oaOePtTwQUlARDIXBi', longWithValue: ['--output-document'] })) if (hit.option === '-O' || hit.option === '--output-document') add(hit.value);
  } else if (command.name === 'git' && command.args[0]?.value === 'clone') {
    const words = operands(command.args.slice(1), { shortWithValue: 'bobcju', longWithValue: ['--branch', '--origin', '--depth', '--config', '--reference', '--jobs'] });
    const url = words[0]?.value;
    if (url) add(words[1]?.value ?? basename(url.replace(/\.git$/, '')));
  }
  return out;
}

function reportOnce(model: DockerfileModel, word: ShellWord | undefined, what: string, report: (r: Report) => void, seen: Set<string>): void {
  if (!word) return;
  const key = `${word.start}`;
  if (seen.has(key)) return;
  seen.add(key);
  report({ range: wordRange(model, word), message: `${what}; delete it in the same RUN that created it, or use a bind mount or an earlier stage.` });
}
