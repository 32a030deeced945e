import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import { baseName, finalStage, runCommands, stageChain } from '../security/commands';
import { baseImageUser, fullName } from '../security/images';
import { packageName, packageOperation } from '../security/packages';
import { effectiveCommandLine, type StageState } from '../state';

/** `root`, `0`, `root:root`, `0:0`: the user part decides. */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(':')[0] ?? '';
  return user === 'root' || user === '0';
}

/** Programs that start as root and switch to another user themselves, or run their workers as one. */
const privilegeDroppers = new Set([
  'gosu', 'su-exec', 'setpriv', 'runuser', 'chroot', 's6-setuidgid', 'setuser', 'chpst', 'su',
  'nginx', 'httpd', 'httpd-foreground', 'apache2', 'apache2-foreground', 'apachectl', 'php-fpm', 'sshd', 'postfix', 'dovecot',
]);

/** A default command that opens a shell or a REPL marks a toolbox or base image, not a service. */
const interactive = /^(?:sh|bash|ash|dash|zsh|fish|ksh|python\d*(?:\.\d+)?|node|irb|iex|erl|ghci|julia|R|jshell|pwsh|powershell|cmd|php|perl|ruby|lua|swift|scala|clojure|lein|sbt|psql|mysql|redis-cli|mongo|mongosh)$/;

export const imageRunsAsRoot: DockerfileRule = {
  id: 'image-runs-as-root',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3002', 'trivy:DS-0002', 'checkov:CKV_DOCKER_3', 'checkov:CKV_DOCKER_8', 'kics:67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae', 'kics:fd54f200-402c-4333-a5a4-36ef6709af2f'],
  docs: {
    finds:
      'A final stage whose last `USER` is `root` (or `0`), or one that sets the container\'s command but no `USER` on a base image known to run as root.',
    why:
      'Containers run as root unless `USER` says otherwise, and root in a container is root on the ' +
      "host's kernel: a bug in the app or a container escape then starts with every privilege. " +
      'Install packages first, then create a user and switch to it for the final stage: on ' +
      'Debian/Ubuntu `groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app`, ' +
      'on Alpine `addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app`, and give the ' +
      'app its files with `COPY --chown=app:app`. Prefer a numeric `USER 10001:10001`: Kubernetes ' +
      '`runAsNonRoot` can only verify a number, and a number works even in `FROM scratch` images, ' +
      'which have no `/etc/passwd`. Distroless `:nonroot` tags already run as 65532 and are not ' +
      'reported. Without a `USER`, the rule only reports app images: ones that add files and set ' +
      'their own `CMD` or `ENTRYPOINT` (a base image leaves the user to the Dockerfile that runs ' +
      'it), on a base known to run as root, that do not drop privileges at start (`gosu`, ' +
      '`su-exec`, or servers such as nginx and Apache that run their workers as another user) and ' +
      'whose command is not a bare shell or REPL. ' +
      'The quick fix switches to UID 10001 (65532 on distroless), which needs no user entry; ' +
      'it is unsafe because files owned by root may then not be writable.',
    example: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER root\nCMD ["python", "app.py"]\n',
    fixedExample:
      'FROM python:3.12-slim\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\n' +
      'WORKDIR /app\nCOPY --chown=app:app app.py .\nUSER 10001:10001\nCMD ["python", "app.py"]\n',
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const state = model.finalState(stage);
    if (state.distro === 'windows') return;
    const baseImage = stageChain(stage)[0]?.image;
    const uid = baseImage && fullName(baseImage).startsWith('gcr.io/distroless/') ? '65532:65532' : '10001:10001';
    if (state.user) {
      if (!isRootUser(state.user.value) || dropsPrivileges(model, stage, state)) return;
      const instruction = state.user.instruction;
      const range = instruction.getArgumentsRange() ?? instruction.getRange();
      report({
        range,
        message: `The image runs as root because the last USER of the final stage is '${state.user.value}'; switch to a non-root user, for example USER ${uid}.`,
        ...(range.start.line === range.end.line && { fix: { title: `Run as UID ${uid.split(':')[0]!} (USER ${uid})`, edits: [{ range, newText: uid }] } }),
      });
      return;
    }
    if (!state.cmd && !state.entrypoint) return;
    if (baseImageUser(stage) !== 'root' || dropsPrivileges(model, stage, state)) return;
    if (!addsFiles(stage)) return;
    const argv = commandWords(effectiveCommandLine(state) ?? []);
    const program = baseName(argv[0] ?? '');
    // A bare shell or REPL (`CMD ["python3"]`) marks a toolbox or base image, not a service.
    if (interactive.test(program) && argv.slice(1).every((word) => word.startsWith('-'))) return;
    const base = stageChain(stage)[0]!;
    const baseText = base.isScratch ? 'scratch' : base.baseText;
    const fix = insertUserFix(model, stage, state, uid);
    report({
      range: stage.baseRange,
      message: `The final stage sets no USER, so the container runs as root (the default of ${baseText}); add a non-root USER such as USER ${uid}.`,
      ...(fix && { fix }),
    });
  },
};

/** The words an argv runs, looking through `sh -c "..."`. */
function commandWords(argv: readonly string[]): string[] {
  const [first, second, third] = argv;
  if (first && /(?:^|\/)(?:sh|bash|ash|dash)$/.test(first) && second === '-c' && third !== undefined) return third.trim().split(/\s+/);
  return [...argv];
}

/** True when the image adds files (the app) to its base: COPY or ADD anywhere in its stage chain. */
function addsFiles(stage: Stage): boolean {
  return stageChain(stage).some((s) => s.instructions.some((i) => i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD'));
}

/** True when the image switches users at start (gosu, su-exec, ...) rather than with USER. */
function dropsPrivileges(model: DockerfileModel, stage: Stage, state: StageState): boolean {
  const argv = effectiveCommandLine(state) ?? [];
  if (argv.some((word) => word.split(/[\s;&|]+/).some((part) => privilegeDroppers.has(baseName(part).replace(/\d+(?:\.\d+)*$/, ''))))) return true;
  for (const s of stageChain(stage)) {
    for (const command of runCommands(model, s)) {
      const operation = packageOperation(command);
      if (operation?.action === 'install' && operation.packages.some((word) => packageName(word.value) === 'gosu' || packageName(word.value) === 'su-exec')) return true;
      if (command.args.some((word) => /gosu|su-exec/.test(word.value))) return true;
    }
    for (const instruction of s.instructions) {
      if ((instruction.getKeyword() === 'ADD' || instruction.getKeyword() === 'COPY') && /gosu|su-exec/.test(instruction.getRawArgumentsContent() ?? '')) return true;
    }
  }
  return false;
}

/** Inserts `USER uid` before the final stage's CMD/ENTRYPOINT, when that instruction is in the final stage. */
function insertUserFix(model: DockerfileModel, stage: Stage, state: StageState, uid: string): Fix | undefined {
  const candidates: Instruction[] = [];
  if (state.entrypoint) candidates.push(state.entrypoint.instruction);
  if (state.cmd) candidates.push(state.cmd.instruction);
  const inStage = candidates.filter((instruction) => stage.instructions.includes(instruction));
  if (inStage.length === 0) return undefined;
  const first = inStage.reduce((a, b) => (a.getRange().start.line <= b.getRange().start.line ? a : b));
  const line = first.getRange().start.line;
  const indent = /^[ \t]*/.exec(model.text.slice(model.lines.offsetAt({ line, character: 0 })))?.[0] ?? '';
  return {
    title: `Run as UID ${uid.split(':')[0]!} (USER ${uid})`,
    edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}USER ${uid}\n` }],
  };
}
