// "Convert to a multi-stage build": splits a single-stage Dockerfile of a
// common stack into a build stage (the original, named) and a small final
// stage that copies only what runs. The stack is read from the base image and
// the RUN commands; when the artifact cannot be found the action says why.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../feature-context';
import type { CodeAction } from '../features';
import { basename, dirname, resolve as resolvePath } from '../paths';
import type { Range, TextEdit } from '../text';
import { devProdStages } from './dev-prod-stages';
import { type ImageReference, shortRepository } from './image-reference';
import type { DockerfileModel, Stage } from './model';
import type { ShellCommand } from './shell';
import { effectiveCommandLine, type StageState } from './state';

export type Stack = 'python' | 'node' | 'go' | 'rust' | 'java' | 'dotnet';

const stackLabels: Record<Stack, string> = {
  python: 'Python',
  node: 'Node.js',
  go: 'Go',
  rust: 'Rust',
  java: 'Java',
  dotnet: '.NET',
};

const title = 'Convert to a multi-stage build';

export function refactorActions(context: DockerfileContext, _range: Range): CodeAction[] {
  return [convertToMultistage(context.analysis.model), devProdStages(context)];
}

function disabled(reason: string): CodeAction {
  return { title, kind: 'refactor.extract', edits: [], disabledReason: reason };
}

/** Instructions that describe the image or the container rather than the build: they move to the final stage. */
const runtimeOnly = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL', 'VOLUME', 'ONBUILD']);
/** Kept in the build stage (they may matter there) and repeated in the final stage. */
const repeated = new Set(['ENV', 'USER']);

const initPrograms = /(?:^|\/)(?:tini|tini-static|dumb-init|catatonit|docker-init)$/;

interface Plan {
  stack: Stack;
  runtime: string;
  /** Lines added to the build stage, before an instruction or at its end. */
  buildInserts: { before: Instruction | undefined; lines: string[] }[];
  /** Lines of the final stage after its FROM and ENV lines and before the COPY --from lines. */
  finalEnv: string[];
  copies: { from: string; to: string }[];
  /** The final stage has no shell (distroless): no RUN, no shell-form command. */
  noShell: boolean;
  /** A comment for the final stage, e.g. about system packages that stay behind. */
  note?: string;
}

export function convertToMultistage(model: DockerfileModel): CodeAction {
  if (model.stages.length === 0) return disabled('There is no FROM in this Dockerfile.');
  if (model.stages.length > 1) return disabled(`This Dockerfile already has ${model.stages.length} stages.`);
  const stage = model.stages[0]!;
  if (stage.isScratch) return disabled('This stage starts FROM scratch: there is no build toolchain to leave behind.');
  const image = stage.image;
  if (!image) return disabled(`The base image '${stage.baseText}' is not known statically (a variable without a default value).`);
  const state = model.finalState(stage);
  if (state.distro === 'windows') return disabled('Windows base images are not supported by this refactor.');

  const stack = detectStack(model, stage, image);
  if (!stack) {
    return disabled(`Dockhand recognises Python, Node.js, Go, Java (Maven/Gradle), Rust and .NET from the base image and the RUN commands; '${stage.baseText}' with these commands is none of them.`);
  }
  const workdir = state.workdir?.value;
  const plan = planFor(stack, model, stage, image, state, workdir);
  if (typeof plan === 'string') return disabled(plan);
  const userProblem = namedUserProblem(model, stage, state, plan);
  if (userProblem) return disabled(userProblem);
  return { title: `${title} (${stackLabels[stack]}: final stage FROM ${plan.runtime})`, kind: 'refactor.extract', edits: buildEdits(model, stage, state, plan) };
}

function commandsOf(model: DockerfileModel, stage: Stage): { command: ShellCommand; run: Instruction }[] {
  return model.runScripts(stage).flatMap((script) => script.commands.map((command) => ({ command, run: script.instruction })));
}

function programName(command: ShellCommand): string {
  return basename(command.name);
}

export function detectStack(model: DockerfileModel, stage: Stage, image: ImageReference): Stack | undefined {
  const repository = shortRepository(image);
  const full = image.registry ? `${image.registry}/${image.repository}` : repository;
  if (repository === 'golang') return 'go';
  if (repository === 'rust') return 'rust';
  if (/dotnet\/sdk$/.test(full)) return 'dotnet';
  if (/^(?:maven|gradle|eclipse-temurin|openjdk|amazoncorretto|sapmachine|ibm-semeru-runtimes)$/.test(repository)) return 'java';
  if (repository === 'node') return 'node';
  if (repository === 'python') return 'python';
  // A distro base: look at what the RUNs call.
  const names = new Set(commandsOf(model, stage).map(({ command }) => programName(command)));
  if (names.has('go')) return 'go';
  if (names.has('cargo')) return 'rust';
  if (names.has('dotnet')) return 'dotnet';
  if (names.has('mvn') || names.has('mvnw') || names.has('gradle') || names.has('gradlew')) return 'java';
  if (names.has('npm') || names.has('pnpm') || names.has('yarn')) return 'node';
  if (names.has('pip') || names.has('pip3') || names.has('poetry') || names.has('uv') || names.has('pipenv')) return 'python';
  return undefined;
}

function imageName(image: ImageReference, repository: string, tag: string | undefined): string {
  const prefix = image.registry ? `${image.registry}/` : '';
  return `${prefix}${repository}${tag ? `:${tag}` : ''}`;
}

/** `3.12` -> `3.12-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`; slim and alpine tags stay. */
export function slimTag(tag: string | undefined): string {
  if (!tag || tag === 'latest') return 'slim';
  if (/(?:^|-)(?:slim|alpine)/.test(tag)) return tag;
  const codename = /^(.*?)-?(bookworm|bullseye|trixie|buster)$/.exec(tag);
  if (codename) return codename[1] ? `${codename[1]}-slim-${codename[2]}` : `${codename[2]}-slim`;
  if (/^[\w.]+$/.test(tag)) return `${tag}-slim`;
  return tag;
}

/** The program a container runs and its arguments, init wrappers (`tini --`) left out. */
function program(state: StageState): { argv: string[]; execForm: boolean } | undefined {
  const line = effectiveCommandLine(state);
  if (!line || line.length === 0) return undefined;
  const execForm = state.entrypoint ? state.entrypoint.execForm : (state.cmd?.execForm ?? true);
  let argv = line;
  if (!execForm) {
    // Shell form: the last word is the command line the shell runs.
    argv = (line[line.length - 1] ?? '').trim().split(/\s+/).filter((word) => word.length > 0);
    if (argv[0] === 'exec') argv = argv.slice(1);
  }
  if (argv.length > 0 && initPrograms.test(argv[0]!)) {
    // `tini -g -- app`: the init's own flags end at `--` or at the first word that is not a flag.
    let i = 1;
    while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--') i++;
    if (argv[i] === '--') i++;
    argv = argv.slice(i);
  }
  return { argv, execForm };
}

function workdirBefore(model: DockerfileModel, instruction: Instruction): string {
  return model.state.before(instruction)?.workdir?.value ?? '/';
}

/** The value of `-o PATH`, `-o=PATH` or `--output PATH` among a command's words. */
function outputFlag(command: ShellCommand, names: readonly string[]): string | undefined {
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    for (const name of names) {
      if (word === name) return args[i + 1]?.value;
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return undefined;
}

function planFor(stack: Stack, model: DockerfileModel, stage: Stage, image: ImageReference, state: StageState, workdir: string | undefined): Plan | string {
  const repository = shortRepository(image);
  const tag = image.tag;
  const commands = commandsOf(model, stage);
  const installsSystemPackages = commands.some(({ command }) => /^(?:apt-get|apt|apk|dnf|microdnf|yum)$/.test(programName(command)) && command.args.some((a) => a.value === 'install' || a.value === 'add'));
  const systemNote = installsSystemPackages ? 'System packages installed in the build stage are not here: install the ones the app needs at run time.' : undefined;
  const base: Omit<Plan, 'runtime' | 'copies' | 'stack'> = { buildInserts: [], finalEnv: [], noShell: false, ...(systemNote !== undefined && { note: systemNote }) };
  const run = program(state);

  switch (stack) {
    case 'python': {
      if (!workdir || workdir === '/') return 'Set a WORKDIR for the app first: the final stage copies that folder from the build stage.';
      if (commands.some(({ command }) => /^pip3?$/.test(programName(command)) && command.args.some((a) => a.value === '--user'))) {
        return "'pip install --user' installs into the user's home, which a virtual environment does not allow: drop --user first.";
      }
      const installs = commands.some(({ command }) => /^(?:pip3?|poetry|pipenv|uv)$/.test(programName(command)) || (/^python[\d.]*$/.test(programName(command)) && command.args[1]?.value === 'pip'));
      if (!installs) return 'No pip, poetry, pipenv or uv install in the RUN commands: Dockhand cannot tell what the final stage needs from this one.';
      if (repository === 'python' && /^2(?:\.|-|$)/.test(tag ?? '')) return 'Python 2 has no venv module for the packages to be copied with: this refactor needs Python 3.';
      const venvCommand = commands.find(({ command }) => command.args.some((a) => a.value === 'venv' || a.value === 'virtualenv') || programName(command) === 'virtualenv');
      if (repository !== 'python') return `Python comes from the system packages of '${stage.baseText}' here, which the final stage would need too: start FROM an official python image first.`;
      const runtime = imageName(image, image.repository, slimTag(tag));
      const copies = [{ from: workdir, to: workdir }];
      if (venvCommand) {
        const words = venvCommand.command.args.map((a) => a.value).filter((w) => !w.startsWith('-'));
        const target = words[words.length - 1];
        if (target && target !== 'venv' && target !== 'virtualenv') {
          const venv = resolvePath(workdirBefore(model, venvCommand.run), target);
          if (venv !== workdir && !venv.startsWith(`${workdir}/`)) copies.unshift({ from: venv, to: venv });
        }
        return { ...base, stack, runtime, copies };
      }
      const firstInstall = commands.find(({ command }) => /^(?:pip3?|poetry|pipenv|uv)$/.test(programName(command)) || (/^python3?$/.test(programName(command)) && command.args[1]?.value === 'pip'));
      if (!firstInstall) return { ...base, stack, runtime, copies };
      // Packages go into a virtual environment, which the final stage copies whole.
      const venvEnv = 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"';
      return {
        ...base,
        stack,
        runtime,
        buildInserts: [{ before: firstInstall.run, lines: ['RUN python -m venv /opt/venv', venvEnv] }],
        finalEnv: [venvEnv],
        copies: [{ from: '/opt/venv', to: '/opt/venv' }, ...copies],
      };
    }
    case 'node': {
      if (!workdir || workdir === '/') return 'Set a WORKDIR for the app first: the final stage copies that folder from the build stage.';
      if (repository !== 'node') return `Node.js comes from the system packages of '${stage.baseText}' here, which the final stage would need too: start FROM an official node image first.`;
      const runtime = imageName(image, image.repository, slimTag(tag));
      const managers = commands.filter(({ command }) => /^(?:npm|pnpm|yarn)$/.test(programName(command)));
      if (managers.length === 0) return 'No npm, pnpm or yarn command in the RUN instructions: Dockhand cannot tell what the final stage needs from this one.';
      const lastInstallOrBuild = managers[managers.length - 1];
      const prodOnly = managers.some(({ command }) => command.args.some((a) => /^--(?:omit=dev|production|prod)$/.test(a.value)));
      const manager = managers.find(({ command }) => programName(command) !== 'yarn')?.command;
      const buildInserts: Plan['buildInserts'] = [];
      if (lastInstallOrBuild && manager && !prodOnly) {
        // Development dependencies were needed to build; the final stage does without them.
        const prune = programName(manager) === 'pnpm' ? 'RUN pnpm prune --prod' : 'RUN npm prune --omit=dev';
        const next = stage.instructions[stage.instructions.indexOf(lastInstallOrBuild.run) + 1];
        buildInserts.push({ before: next, lines: [prune] });
      }
      return { ...base, stack, runtime, buildInserts, copies: [{ from: workdir, to: workdir }] };
    }
    case 'go': {
      if (!run || run.argv.length === 0) return 'The stage has no CMD or ENTRYPOINT, so the binary to copy is unknown: add one that runs the built binary.';
      const name = run.argv[0]!;
      if (name === 'go') return "The command runs the Go toolchain ('go run'): build a binary with 'go build -o /path/app' and run that.";
      if (!run.execForm) return 'The final stage is distroless, which has no shell: write the command in exec form (CMD ["/path/app"]) first.';
      const builds = commands.filter(({ command }) => programName(command) === 'go' && (command.args[0]?.value === 'build' || command.args[0]?.value === 'install'));
      if (builds.length === 0) return "No 'go build' in the RUN commands: the binary to copy is unknown.";
      const cgoOff = /CGO_ENABLED=0/.test(model.text);
      // The nonroot tags run as 65532; the USER line below says so where rules and Kubernetes can see it.
      const runtime = cgoOff ? 'gcr.io/distroless/static-debian12:nonroot' : 'gcr.io/distroless/base-debian12:nonroot';
      const binary = locateBinary(model, name, state, builds, (build) => {
        if (build.command.args[0]?.value === 'install') return undefined;
        return outputFlag(build.command, ['-o']);
      }, '/go/bin');
      if (typeof binary === 'string') return binary;
      return { ...base, note: undefined, stack, runtime, copies: [binary], noShell: true };
    }
    case 'rust': {
      if (!run || run.argv.length === 0) return 'The stage has no CMD or ENTRYPOINT, so the binary to copy is unknown: add one that runs the built binary.';
      const name = run.argv[0]!;
      if (name === 'cargo') return "The command runs Cargo ('cargo run'): build with 'cargo build --release' and run the binary from target/release.";
      const builds = commands.filter(({ command }) => programName(command) === 'cargo' && (command.args[0]?.value === 'build' || command.args[0]?.value === 'install'));
      if (builds.length === 0) return "No 'cargo build' in the RUN commands: the binary to copy is unknown.";
      // The binary links against the build image's libc: musl on Alpine, glibc of that Debian release otherwise.
      const runtime = state.distro === 'alpine' || /alpine/.test(tag ?? '') ? 'alpine:3.20' : /bullseye/.test(tag ?? '') ? 'debian:bullseye-slim' : 'debian:bookworm-slim';
      const binary = locateBinary(model, name, state, builds, () => undefined, '/usr/local/cargo/bin');
      if (typeof binary === 'string') return binary;
      return { ...base, stack, runtime, copies: [binary] };
    }
    case 'java': {
      if (!run || run.argv.length === 0) return 'The stage has no CMD or ENTRYPOINT, so the jar to copy is unknown: add one such as CMD ["java", "-jar", "target/app.jar"].';
      if (/^(?:mvn|mvnw|gradle|gradlew)$/.test(basename(run.argv[0]!))) return 'The command runs the build tool at run time: package a jar and run it with java -jar.';
      const jarIndex = run.argv.indexOf('-jar');
      const jar = jarIndex >= 0 ? run.argv[jarIndex + 1] : undefined;
      if (basename(run.argv[0]!) !== 'java' || !jar) return "The command does not run 'java -jar FILE': the artifact to copy is unknown.";
      if (/[*?[]/.test(jar) || jar.includes('$')) return `The jar '${jar}' is a pattern or a variable: name the file in the command first.`;
      // The Java version: after jdk/temurin/corretto in a build tool's tag, else leading a JDK image's tag.
      const jdkImage = /^(?:eclipse-temurin|openjdk|amazoncorretto|sapmachine|ibm-semeru-runtimes)$/.test(repository);
      const version = /(?:jdk-?|temurin-|corretto-)(\d{1,2})(?:\D|$)/.exec(tag ?? '')?.[1] ?? (jdkImage ? /^(\d{1,2})(?:\D|$)/.exec(tag ?? '')?.[1] : undefined) ?? '21';
      const runtime = `eclipse-temurin:${version}-jre${/alpine/.test(tag ?? '') ? '-alpine' : ''}`;
      const path = resolvePath(workdir ?? '/', jar);
      return { ...base, stack, runtime, copies: [{ from: path, to: path }] };
    }
    case 'dotnet': {
      if (!run || run.argv.length === 0) return 'The stage has no CMD or ENTRYPOINT, so the published app is unknown: add one such as ENTRYPOINT ["dotnet", "App.dll"].';
      if (basename(run.argv[0]!) === 'dotnet' && run.argv[1] === 'run') return "The command runs the SDK ('dotnet run'): publish with 'dotnet publish -o /app/publish' and run the dll.";
      const dll = basename(run.argv[0]!) === 'dotnet' ? run.argv[1] : undefined;
      const publish = commands.find(({ command }) => programName(command) === 'dotnet' && command.args[0]?.value === 'publish');
      const output = publish && outputFlag(publish.command, ['-o', '--output']);
      let folder: string | undefined;
      if (publish && output) folder = resolvePath(workdirBefore(model, publish.run), output);
      else if (dll && dll.endsWith('.dll') && dll.includes('/')) folder = dirname(resolvePath(workdir ?? '/', dll));
      if (!folder) return "No 'dotnet publish -o FOLDER' in the RUN commands: the published app to copy is unknown.";
      const sdk = /^(.*\/)?dotnet\/sdk$/.exec(image.registry ? `${image.registry}/${image.repository}` : image.repository);
      const runtime = sdk ? `${sdk[1] ?? ''}dotnet/aspnet${tag ? `:${tag}` : ''}` : `mcr.microsoft.com/dotnet/aspnet:8.0`;
      return { ...base, stack, runtime, copies: [{ from: folder, to: folder }] };
    }
  }
}

/**
 * Where the binary the container runs is built: a path in the command, or a
 * bare name matched with a build's output (`go build -o`) or the install
 * folder (`go install`, `cargo install`). A bare name is copied onto PATH.
 */
function locateBinary(
  model: DockerfileModel,
  name: string,
  state: StageState,
  builds: { command: ShellCommand; run: Instruction }[],
  output: (build: { command: ShellCommand; run: Instruction }) => string | undefined,
  installFolder: string,
): { from: string; to: string } | string {
  if (name.includes('$')) return `The command's program '${name}' is a variable: write its path first.`;
  if (name.includes('/')) {
    const path = resolvePath(state.workdir?.value ?? '/', name);
    return { from: path, to: path };
  }
  for (const build of builds) {
    const out = output(build);
    if (out && basename(out) === name) return { from: resolvePath(workdirBefore(model, build.run), out), to: `/usr/local/bin/${name}` };
  }
  if (builds.some((build) => build.command.args[0]?.value === 'install')) return { from: `${installFolder}/${name}`, to: `/usr/local/bin/${name}` };
  return `Cannot tell where '${name}' is built: run it by its path (CMD ["/app/${name}"]) or build it with an explicit output path.`;
}

function eolOf(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

/** The lines of the instruction together with the comment lines right above it. */
function withLeadingComments(model: DockerfileModel, instruction: Instruction, stage: Stage): { first: number; last: number } {
  const range = instruction.getRange();
  let first = range.start.line;
  const floor = stage.from.getRange().end.line;
  while (first - 1 > floor && /^\s*#/.test(model.lines.lineText(first - 1))) first--;
  return { first, last: range.end.line };
}

function linesText(model: DockerfileModel, first: number, last: number): string[] {
  const lines: string[] = [];
  for (let line = first; line <= last; line++) lines.push(model.lines.lineText(line));
  return lines;
}

const userCreation = /^(?:useradd|adduser|groupadd|addgroup)$/;

const isNumericUser = (user: string): boolean => /^\d+(?::\d+)?$/.test(user);

/** A named USER that a RUN creates among other commands cannot be recreated in the final stage alone. */
function namedUserProblem(model: DockerfileModel, stage: Stage, state: StageState, plan: Plan): string | undefined {
  const user = state.user?.value;
  if (!user || isNumericUser(user) || plan.noShell) return undefined;
  const name = user.split(':')[0]!;
  for (const script of model.runScripts(stage)) {
    const creates = script.commands.some((c) => /^(?:useradd|adduser)$/.test(programName(c)) && c.args.some((a) => a.value === name));
    if (creates && !script.commands.every((c) => userCreation.test(programName(c)))) {
      const line = script.instruction.getRange().start.line + 1;
      return `User '${name}' is created on line ${line} together with other commands: move useradd/adduser into a RUN of its own, or switch to a numeric USER, first.`;
    }
  }
  return undefined;
}

function buildEdits(model: DockerfileModel, stage: Stage, state: StageState, plan: Plan): TextEdit[] {
  const eol = eolOf(model);
  const edits: TextEdit[] = [];
  const buildName = stage.name ?? 'build';
  if (!stage.name) edits.push({ range: { start: stage.baseRange.end, end: stage.baseRange.end }, newText: ` AS ${buildName}` });

  const moved = new Set<Instruction>();
  const copied: Instruction[] = [];
  for (const instruction of stage.instructions) {
    const keyword = instruction.getKeyword();
    if (runtimeOnly.has(keyword)) moved.add(instruction);
    if (runtimeOnly.has(keyword) || repeated.has(keyword)) copied.push(instruction);
  }
  // A named USER created in this stage needs its RUN again in the final stage (where there is a shell).
  const user = state.user;
  const userRuns: Instruction[] = [];
  if (user && !isNumericUser(user.value) && !plan.noShell) {
    for (const script of model.runScripts(stage)) {
      if (script.commands.length > 0 && script.commands.every((c) => userCreation.test(programName(c)))) userRuns.push(script.instruction);
    }
  }
  // ARGs that the repeated instructions read are declared again.
  const argsNeeded = new Set<Instruction>();
  for (const reference of model.variables.references) {
    if (!copied.includes(reference.instruction) && !userRuns.includes(reference.instruction)) continue;
    if (reference.resolution.kind === 'arg' && reference.resolution.definition.stage === stage) argsNeeded.add(reference.resolution.definition.instruction);
  }

  // The lines of the moved instructions (their comments included) are deleted;
  // when nothing but them and blank lines follows the last instruction that
  // stays, that whole tail goes, so no run of blank lines is left behind.
  const movedLines = new Set<number>();
  for (const instruction of moved) {
    const { first, last } = withLeadingComments(model, instruction, stage);
    for (let line = first; line <= last; line++) movedLines.add(line);
  }
  const kept = stage.instructions.filter((i) => !moved.has(i));
  const lastKeptLine = (kept[kept.length - 1] ?? stage.from).getRange().end.line;
  const lastLine = model.lines.lineCount - 1;
  let tailOnlyMovedOrBlank = true;
  for (let line = lastKeptLine + 1; line <= lastLine; line++) {
    if (!movedLines.has(line) && model.lines.lineText(line).trim() !== '') tailOnlyMovedOrBlank = false;
  }
  let tailDeleted = false;
  if (tailOnlyMovedOrBlank && lastKeptLine < lastLine) {
    const start = { line: lastKeptLine, character: model.lines.lineText(lastKeptLine).length };
    edits.push({ range: { start, end: model.lines.positionAt(model.text.length) }, newText: '' });
    tailDeleted = true;
  } else {
    for (const instruction of moved) {
      const { first, last } = withLeadingComments(model, instruction, stage);
      edits.push({ range: { start: { line: first, character: 0 }, end: model.lines.fullLineRange(last).end }, newText: '' });
    }
  }
  let buildEnd = '';
  for (const insert of plan.buildInserts) {
    const text = insert.lines.map((line) => `${line}${eol}`).join('');
    const inDeletedTail = tailDeleted && insert.before !== undefined && insert.before.getRange().start.line > lastKeptLine;
    if (insert.before && !inDeletedTail) {
      // Before the instruction (or where it was, when it moves to the final stage).
      const line = withLeadingComments(model, insert.before, stage).first;
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text });
    } else {
      buildEnd += text;
    }
  }

  const final: string[] = [`FROM ${plan.runtime}`];
  if (plan.note) final.push(`# ${plan.note}`);
  const keep = (instruction: Instruction, withComments: boolean): void => {
    const { first, last } = withComments ? withLeadingComments(model, instruction, stage) : { first: instruction.getRange().start.line, last: instruction.getRange().end.line };
    final.push(...linesText(model, first, last));
  };
  for (const instruction of stage.instructions) if (argsNeeded.has(instruction)) keep(instruction, false);
  for (const instruction of stage.instructions) if (instruction.getKeyword() === 'ENV') keep(instruction, false);
  final.push(...plan.finalEnv);
  if (state.workdir) final.push(`WORKDIR ${state.workdir.value}`);
  // The user exists before the copies, which give it the app's folder as the build stage did.
  for (const instruction of userRuns) keep(instruction, false);
  const owner = user && !/^(?:root|0)(?::|$)/.test(user.value) && !plan.noShell ? ` --chown=${user.value}` : '';
  for (const copy of plan.copies) final.push(`COPY --from=${buildName}${copy.from === state.workdir?.value ? owner : ''} ${copy.from} ${copy.to}`);
  if (plan.noShell && (!user || !isNumericUser(user.value))) final.push('USER 65532:65532');
  else if (user) final.push(`USER ${user.value}`);
  for (const instruction of stage.instructions) if (moved.has(instruction)) keep(instruction, true);

  // One insertion at the end: what the build stage gains there, then the final stage.
  if (tailDeleted) {
    // The build stage now ends at its last kept line, without a line break.
    edits.push({ range: { start: model.lines.positionAt(model.text.length), end: model.lines.positionAt(model.text.length) }, newText: `${eol}${buildEnd}${eol}${final.join(eol)}${eol}` });
  } else {
    const lastLineMoved = [...moved].some((instruction) => instruction.getRange().end.line === lastLine);
    edits.push(endInsert(model, eol, `${buildEnd}${eol}${final.join(eol)}`, lastLineMoved));
  }
  return edits;
}

/** Appends text at the end of the file, after its last line break (adding one when missing). */
function endInsert(model: DockerfileModel, eol: string, text: string, lastLineDeleted: boolean): TextEdit {
  const end = model.lines.positionAt(model.text.length);
  // A deleted last line leaves the line before it, with its line break, at the end.
  const endsWithEol = model.text.endsWith('\n') || lastLineDeleted;
  return { range: { start: end, end }, newText: `${endsWithEol ? '' : eol}${text}${eol}` };
}
