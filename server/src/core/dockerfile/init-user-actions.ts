// The two refactors users asked for by name: "Add tini as init" and "Run as a
// non-root user", chosen by the stage's distro family.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../feature-context';
import type { CodeAction } from '../features';
import { type Range, rangesOverlap, type TextEdit } from '../text';
import { distroLabel } from './distro';
import type { DockerfileModel, Stage } from './model';
import type { StageState } from './state';

const initPrograms = /(?:^|\/)(?:tini|tini-static|dumb-init|catatonit|docker-init|s6-svscan|supervisord|runsvdir|my_init)$/;

export function initAndUserActions({ analysis }: DockerfileContext, range: Range): CodeAction[] {
  const model = analysis.model;
  const stage = model.stageAt(range.start.line);
  if (!stage) return [];
  // Where pid1-without-init already offers tini as a quick fix, do not offer it twice.
  const offeredAsFix = analysis.findings.some((f) => f.rule === 'pid1-without-init' && f.fix && rangesOverlap(f.range, range));
  return [...(offeredAsFix ? [] : [addTini(model, stage)]), runAsNonRoot(model, stage)];
}

function eolOf(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(instruction: Instruction): Range {
  const line = instruction.getRange().start.line;
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** Just after the instruction's last line. */
function after(model: DockerfileModel, instruction: Instruction): Range {
  const end = model.lines.fullLineRange(instruction.getRange().end.line).end;
  const atEof = end.line === instruction.getRange().end.line;
  return atEof ? { start: end, end } : { start: { line: end.line, character: 0 }, end: { line: end.line, character: 0 } };
}

function disabled(title: string, reason: string): CodeAction {
  return { title, kind: 'refactor.rewrite', edits: [], disabledReason: reason };
}

function isRoot(state: StageState): boolean {
  const user = state.user?.value.split(':')[0]?.trim();
  return user === undefined || user === 'root' || user === '0';
}

function json(argv: readonly string[]): string {
  return `[${argv.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/** A stage name for the tini-static helper stage that no stage uses yet. */
function freeStageName(model: DockerfileModel, base: string): string {
  let name = base;
  for (let i = 2; model.stageNamed(name); i++) name = `${base}-${i}`;
  return name;
}

export function addTini(model: DockerfileModel, stage: Stage): CodeAction {
  const title = 'Add tini as init (PID 1)';
  const state = model.finalState(stage);
  const eol = eolOf(model);
  const command = [...(state.entrypoint?.argv ?? []), ...(state.cmd?.argv ?? [])];
  if (command.some((word) => initPrograms.test(word))) return disabled(title, 'An init already runs as PID 1 in this stage.');
  if (state.distro === 'windows') return disabled(title, 'tini is for Linux containers; Windows images have no PID 1 problem of this kind.');
  const inStage = (instruction: Instruction | undefined) => instruction !== undefined && stage.instructions.includes(instruction);
  if (state.entrypoint && !inStage(state.entrypoint.instruction)) {
    return disabled(title, `The ENTRYPOINT is set on line ${state.entrypoint.instruction.getRange().start.line + 1}, in an earlier stage: add tini there.`);
  }
  if (!state.entrypoint && !inStage(state.cmd?.instruction)) {
    return disabled(title, "This stage takes its command from the base image, and a new ENTRYPOINT would clear it: add a CMD first, or use compose 'init: true' / 'docker run --init'.");
  }

  const edits: TextEdit[] = [];
  let tini: string;
  let how: string;
  if (state.distro === 'debian' || state.distro === 'alpine') {
    tini = state.distro === 'debian' ? '/usr/bin/tini' : '/sbin/tini';
    how = state.distro === 'debian' ? 'apt-get' : 'apk';
    const install =
      state.distro === 'debian'
        ? `RUN apt-get update \\${eol}    && apt-get install -y --no-install-recommends tini \\${eol}    && rm -rf /var/lib/apt/lists/*`
        : 'RUN apk add --no-cache tini';
    // Package installs need root: put it before the stage switches away from root.
    const firstUserSwitch = stage.instructions.find((i) => i.getKeyword() === 'USER');
    const anchor = firstUserSwitch ?? state.entrypoint?.instruction ?? state.cmd!.instruction;
    const inheritedUser = model.state.before(stage.instructions[0] ?? anchor)?.user;
    const text = inheritedUser && !isRoot({ ...state, user: inheritedUser }) ? `USER root${eol}${install}${eol}USER ${inheritedUser.value}${eol}` : `${install}${eol}`;
    edits.push({ range: lineStart(firstUserSwitch && firstUserSwitch.getRange().start.line < anchor.getRange().start.line ? firstUserSwitch : anchor), newText: text });
  } else {
    // No package manager we can rely on (distroless, scratch, RHEL without EPEL, unknown):
    // copy tini's static build from a small Alpine stage.
    const helper = freeStageName(model, 'tini');
    tini = '/usr/local/bin/tini';
    how = `a static binary from an Alpine stage (${distroLabel(state.distro)} base)`;
    edits.push({ range: lineStart(stage.from), newText: `FROM alpine:3 AS ${helper}${eol}RUN apk add --no-cache tini-static${eol}${eol}` });
    const anchor = state.entrypoint?.instruction ?? state.cmd!.instruction;
    edits.push({ range: lineStart(anchor), newText: `COPY --from=${helper} /sbin/tini-static ${tini}${eol}` });
  }

  if (state.entrypoint) {
    const argumentsRange = state.entrypoint.instruction.getArgumentsRange();
    if (!argumentsRange) return disabled(title, 'The ENTRYPOINT has no arguments to keep.');
    // Exec form keeps its words after `--`; shell form keeps its shell explicitly.
    edits.push({ range: argumentsRange, newText: json([tini, '--', ...state.entrypoint.argv]) });
  } else {
    edits.push({ range: lineStart(state.cmd!.instruction), newText: `ENTRYPOINT ${json([tini, '--'])}${eol}` });
  }
  return { title: `${title} with ${how}`, kind: 'refactor.rewrite', edits: mergeSameStart(edits) };
}

/** Joins insertions at the same position in the order they were made, as one edit. */
function mergeSameStart(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = merged.find(
      (m) => m.range.start.line === edit.range.start.line && m.range.start.character === edit.range.start.character && m.range.end.line === m.range.start.line && m.range.end.character === m.range.start.character && edit.range.end.line === edit.range.start.line && edit.range.end.character === edit.range.start.character,
    );
    if (same) same.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}

const uid = 10001;

export function runAsNonRoot(model: DockerfileModel, stage: Stage): CodeAction {
  const title = 'Run as a non-root user';
  const state = model.finalState(stage);
  const eol = eolOf(model);
  if (!isRoot(state)) return disabled(title, `This stage already runs as user '${state.user!.value}'.`);
  if (state.distro === 'windows') return disabled(title, 'Windows images use ContainerUser/ContainerAdministrator; this action is for Linux images.');
  const runs = stage.instructions.filter((i) => i.getKeyword() === 'RUN');
  const lastRun = runs[runs.length - 1];
  const edits: TextEdit[] = [];
  let user: string;
  let how: string;
  if (state.distro === 'distroless') {
    user = '65532:65532';
    how = "distroless's nonroot user";
  } else {
    user = `${uid}:${uid}`;
    const create =
      state.distro === 'debian'
        ? `RUN groupadd --system --gid ${uid} app \\${eol}    && useradd --system --uid ${uid} --gid app --no-create-home app`
        : state.distro === 'alpine'
          ? `RUN addgroup -S -g ${uid} app \\${eol}    && adduser -S -D -H -u ${uid} -G app app`
          : undefined;
    how = create ? `user app (${uid}), created with ${state.distro === 'debian' ? 'groupadd/useradd' : 'addgroup/adduser'}` : `numeric user ${uid} (no user database needed on a ${distroLabel(state.distro)} base)`;
    if (create) {
      const at = lastRun ? after(model, lastRun) : lineStart(stage.instructions[0] ?? stage.from);
      const atEnd = at.start.character > 0;
      edits.push({ range: at, newText: atEnd ? `${eol}${create}` : `${create}${eol}` });
    }
  }
  // USER goes after the last RUN (package installs need root), before the command.
  const userLine = `USER ${user}`;
  const afterRuns = lastRun ? stage.instructions.slice(stage.instructions.indexOf(lastRun) + 1) : stage.instructions;
  const before = afterRuns.find((i) => ['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL'].includes(i.getKeyword()));
  if (before) {
    edits.push({ range: lineStart(before), newText: `${userLine}${eol}` });
  } else {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    const at = after(model, last);
    edits.push({ range: at, newText: at.start.character > 0 ? `${eol}${userLine}` : `${userLine}${eol}` });
  }
  // Files the app may write: COPY/ADD into the app folder get the new owner.
  for (const instruction of stage.instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const flags = (instruction as Instruction & { getFlags?(): { getName(): string }[] }).getFlags?.() ?? [];
    if (flags.some((f) => f.getName().toLowerCase() === 'chown')) continue;
    const args = instruction.getArguments();
    const destination = args[args.length - 1]?.getValue() ?? '';
    if (/^\/(?:usr|etc|bin|sbin|lib|opt\/conda|var\/lib)(?:\/|$)/.test(destination)) continue;
    const keywordRange = instruction.getInstructionRange();
    edits.push({ range: { start: keywordRange.end, end: keywordRange.end }, newText: ` --chown=${user}` });
  }
  return { title: `${title}: ${how}`, kind: 'refactor.rewrite', edits: mergeSameStart(edits) };
}
