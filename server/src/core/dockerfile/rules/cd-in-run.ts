import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import type { TextEdit } from '../../text';
import { hasExpansion, isSameOrParent, type RunInfo, runsOf } from '../practice/commands';
import { insertAt, isHeredocScript } from '../practice/edits';
import { parseArgs, specs } from '../practice/options';
import { lineRange } from '../practice/ranges';
import { leadingCdOf } from '../practice/structure';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

export const cdInRun: DockerfileRule = {
  id: 'cd-in-run',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3003', 'trivy:DS-0013'],
  docs: {
    finds: 'A `RUN` that starts with `cd DIR` and stays there, where `WORKDIR DIR` says the same thing.',
    why:
      'Each RUN starts in the WORKDIR again, so `RUN cd /app && make` must repeat the `cd` in every ' +
      'instruction that needs it, and a `RUN cd /app` on its own does nothing at all. `WORKDIR /app` ' +
      'sets the directory once for RUN, COPY, CMD and ENTRYPOINT, creates it if needed and shows ' +
      'up in the image metadata. A `cd` that is only a temporary detour (into /tmp, into a folder the ' +
      'same RUN deletes, or followed by another `cd`) is fine and not reported. The fix is unsafe: ' +
      'WORKDIR also applies to every later instruction of the stage.',
    example: 'FROM node:22-slim\nCOPY package.json package-lock.json /app/\nRUN cd /app && npm ci\n',
    fixedExample: 'FROM node:22-slim\nCOPY package.json package-lock.json /app/\nWORKDIR /app\nRUN npm ci\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      if (run.script.hasErrors) continue;
      const found = leadingWorkdirLikeCd(model, run);
      if (!found) continue;
      const { cd, dir, restStart } = found;
      const fix = workdirFix(model, run, cd.command.start, cd.command.end, restStart, dir);
      report({
        range: lineRange(model, cd.command.start, cd.command.end),
        message:
          restStart === undefined
            ? `'RUN cd ${dir}' does nothing: the directory change ends with this RUN; use 'WORKDIR ${dir}'.`
            : `This RUN starts with 'cd ${dir}' and stays there; 'WORKDIR ${dir}' sets the directory for this and later instructions.`,
        ...(fix && { fix }),
      });
    }
  },
};

function leadingWorkdirLikeCd(model: DockerfileModel, run: RunInfo) {
  const leading = leadingCdOf(run.script);
  if (!leading) return undefined;
  const cd = run.invocations.find((invocation) => invocation.command.start === leading.cdStart);
  if (!cd || cd.program !== 'cd' || cd.command.name !== 'cd') return undefined;
  const operands = parseArgs(cd.args, specs.rm).operands;
  const word = operands[0];
  if (!word || operands.length > 1 || /[~`]|\$\(/.test(word.value) || word.value === '-') return undefined;
  const resolved = hasExpansion(word) ? model.substituteAt(run.instruction, word.value) : word.value;
  if (resolved === undefined || resolved === '') return undefined;
  if (/^\/(?:var\/)?tmp(?:\/|$)/.test(resolved)) return undefined;
  const later = run.invocations.filter((invocation) => invocation.command.start > leading.cdStart);
  // Another cd means the RUN moves on (often back to /): a detour, not a working directory.
  if (later.some((invocation) => invocation.program === 'cd' || invocation.program === 'pushd' || invocation.program === 'popd')) return undefined;
  // A directory removed by the same RUN cannot be a WORKDIR.
  const absolute = resolved.startsWith('/') ? resolved.replace(/\/+$/, '') || '/' : undefined;
  for (const invocation of later) {
    if (invocation.program !== 'rm') continue;
    for (const target of parseArgs(invocation.args, specs.rm).operands) {
      // `rm -rf /usr/src/*` empties the directory: it was scratch space too.
      const path = target.value.replace(/\/\*$/, '').replace(/\/+$/, '') || '/';
      if (hasExpansion(target) || path === resolved.replace(/\/+$/, '') || (absolute && path.startsWith('/') && isSameOrParent(path, absolute))) return undefined;
      if (/^\.\.?(?:\/|$)/.test(target.value)) return undefined;
    }
  }
  return { cd, dir: word.value, restStart: leading.restStart };
}

function workdirFix(model: DockerfileModel, run: RunInfo, cdStart: number, cdEnd: number, restStart: number | undefined, dir: string): Fix | undefined {
  if (/\s/.test(dir) || /^["']/.test(dir)) return undefined;
  const instructionRange = run.instruction.getRange();
  const keyword = run.instruction.getInstruction();
  const workdir = keyword === keyword.toLowerCase() ? 'workdir' : 'WORKDIR';
  const lineStart = model.lines.offsetAt({ line: instructionRange.start.line, character: 0 });
  const indent = /^[ \t]*/.exec(model.lines.lineText(instructionRange.start.line))?.[0] ?? '';
  const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
  const hasFlags = ((run.instruction as Instruction & { getFlags?(): unknown[] }).getFlags?.() ?? []).length > 0;
  if (restStart === undefined) {
    // `RUN cd /app` alone: the whole instruction becomes the WORKDIR it meant to be.
    if (hasFlags || model.lines.positionAt(cdStart).line !== instructionRange.start.line) return undefined;
    return { title: `Replace 'RUN cd ${dir}' with 'WORKDIR ${dir}'`, edits: [{ range: instructionRange, newText: `${workdir} ${dir}` }] };
  }
  const removal = removeLeadingCd(model, run, cdStart, cdEnd, restStart);
  if (!removal) return undefined;
  return {
    title: `Move 'cd ${dir}' into a WORKDIR instruction`,
    edits: [insertAt(model, lineStart, `${indent}${workdir} ${dir}${newline}`), ...removal],
  };
}

/**
 * Deletes `cd DIR` and its separator (`&&`, `;` or a heredoc line break). Comment
 * lines in between are kept: then the cd and the separator go in two edits.
 */
function removeLeadingCd(model: DockerfileModel, run: RunInfo, cdStart: number, cdEnd: number, restStart: number): TextEdit[] | undefined {
  const raw = model.text.slice(cdStart, restStart);
  if (raw.includes('<<')) return undefined;
  if (!/\n[ \t]*#/.test(raw)) return [{ range: model.lines.rangeOf(cdStart, restStart), newText: '' }];
  const offset = run.script.offset;
  const source = run.script.source.slice(cdStart - offset, restStart - offset);
  const separator = /&&|;/.exec(source);
  const cdLineEnd = model.lines.lineEnd(model.lines.positionAt(cdStart).line);
  const horizontal = (from: number) => {
    let at = from;
    while (at < model.text.length && (model.text[at] === ' ' || model.text[at] === '\t')) at++;
    return at;
  };
  if (!separator) {
    // A heredoc script: the line break is the separator; delete the cd's whole line.
    if (!isHeredocScript(model, run) || model.text.slice(cdEnd, cdLineEnd).trim() !== '') return undefined;
    const next = model.text.indexOf('\n', cdEnd);
    return next < 0 ? undefined : [{ range: model.lines.rangeOf(cdStart, next + 1), newText: '' }];
  }
  const separatorStart = cdStart + separator.index;
  const separatorEnd = horizontal(separatorStart + separator[0].length);
  if (separatorStart <= cdLineEnd) return [{ range: model.lines.rangeOf(cdStart, separatorEnd), newText: '' }];
  return [
    { range: model.lines.rangeOf(cdStart, horizontal(cdEnd)), newText: '' },
    { range: model.lines.rangeOf(separatorStart, separatorEnd), newText: '' },
  ];
}
