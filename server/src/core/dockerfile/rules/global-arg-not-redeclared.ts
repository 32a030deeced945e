import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import type { VariableReference } from '../variables';

const posixShell = /(?:^|\/)(?:sh|bash|dash|ash|ksh|zsh)$/;

export const globalArgNotRedeclared: DockerfileRule = {
  id: 'global-arg-not-redeclared',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: 'A variable used inside a stage whose only declaration is a global `ARG` (before the first `FROM`) that the stage does not declare again.',
    why:
      'An `ARG` before the first `FROM` is global: it can be used in `FROM` lines, and inside a stage ' +
      'only after `ARG NAME` (no value needed) is declared again in that stage, which then takes the ' +
      'global default or the `--build-arg` value. Without it, `$NAME` in the stage does not see the ' +
      'value at all: it expands to an empty string (or to an `ENV` of the same name that the base ' +
      'image happens to set), and `docker build --build-arg NAME=...` changes nothing. Every stage ' +
      'that uses the variable must declare it. BuildKit\'s `UndefinedVar` check covers only the ' +
      'instructions the builder expands (`COPY`, `ENV`, `WORKDIR`...); this rule also covers `RUN`, ' +
      'where the shell expands the empty variable without a word. `CMD` and `ENTRYPOINT` run in the ' +
      'container, where build args never exist, so they are left out (use `ENV NAME=$NAME` to keep ' +
      'a value at run time). The quick fix adds `ARG NAME` after the stage\'s `FROM`; it is unsafe ' +
      'because the variable then gets a value where it had none.',
    example: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nRUN wget -q "https://example.com/tool-${VERSION}.tar.gz"\n',
    fixedExample: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nRUN wget -q "https://example.com/tool-${VERSION}.tar.gz"\n',
  },
  check({ model, report }) {
    for (const reference of model.variables.references) {
      if (reference.resolution.kind !== 'global-arg-not-redeclared' || !reference.stage) continue;
      const keyword = reference.instruction.getKeyword();
      if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK' || keyword === 'ONBUILD') continue;
      if (keyword === 'RUN' && !expandedByRunShell(model, reference)) continue;
      const fix = redeclareFix(model, reference.stage, reference.name);
      report({
        range: reference.range.start.line === reference.range.end.line ? reference.range : reference.nameRange,
        message: `The global ARG ${reference.name} is not in scope in this stage, so $${reference.name} here does not get its value; declare it again with ARG ${reference.name} after FROM.`,
        ...(fix && { fix }),
      });
    }
  },
};

/**
 * In a RUN, only a reference the shell expands counts: not one in single quotes or in
 * exec form, not under PowerShell, and not a name the script sets itself.
 */
function expandedByRunShell(model: DockerfileModel, reference: VariableReference): boolean {
  const instruction = reference.instruction;
  const shell = model.state.before(instruction)?.shell.argv[0] ?? '/bin/sh';
  if (!posixShell.test(shell)) return false;
  const script = model.shellScript(instruction);
  if (!script) return false;
  const offset = model.lines.offsetAt(reference.range.start) - script.offset;
  if (offset < 0 || offset > script.source.length || insideSingleQuotes(script.source, offset)) return false;
  const name = reference.name;
  const setsItself = new RegExp(`(?:^|[\\s;&|(])(?:export\\s+|local\\s+|readonly\\s+|declare\\s+(?:-\\w+\\s+)*)?${name}=|\\bfor\\s+${name}\\s+in\\b|\\bread\\b[^;&|\\n]*\\s${name}\\b`).test(script.source);
  return !setsItself;
}

/** True when `offset` in a POSIX shell script falls inside single quotes. */
function insideSingleQuotes(source: string, offset: number): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < offset && i < source.length; i++) {
    const ch = source[i];
    if (single) {
      if (ch === "'") single = false;
    } else if (ch === '\\') {
      i++;
    } else if (ch === '"') {
      double = !double;
    } else if (ch === "'" && !double) {
      single = true;
    }
  }
  return single;
}

function redeclareFix(model: DockerfileModel, stage: Stage, name: string): Fix | undefined {
  const from: Instruction = stage.from;
  const line = from.getRange().end.line;
  const edit =
    line + 1 < model.lines.lineCount
      ? { range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: `ARG ${name}\n` }
      : { range: { start: from.getRange().end, end: from.getRange().end }, newText: `\nARG ${name}` };
  return { title: `Declare ARG ${name} in this stage`, edits: [edit] };
}
