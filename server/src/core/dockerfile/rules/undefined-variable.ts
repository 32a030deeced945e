import type { Fix } from '../../rules/rule';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import { platformArgs, type VariableReference } from '../variables';

/**
 * Environment variables that well-known minimal base images set, so that
 * undefined names can be reported without pulling the image. For any other
 * base, only names that look like a typo of a visible variable are reported.
 */
const knownBaseEnv: Readonly<Record<string, readonly string[]>> = {
  scratch: [],
  alpine: ['PATH'],
  busybox: ['PATH'],
  debian: ['PATH'],
  ubuntu: ['PATH'],
};

/** Names every Linux image has (BuildKit sets a default PATH when the image has none). */
const alwaysSet = ['PATH'];

export const undefinedVariable: DockerfileRule = {
  id: 'undefined-variable',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['buildkit:UndefinedVar'],
  docs: {
    finds:
      'A `$VARIABLE` that the builder substitutes (in ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, ONBUILD, ARG defaults) but that no ARG or ENV defines at that point.',
    why:
      'An undefined variable silently expands to an empty string: `COPY $SRC .` copies the whole ' +
      'context, `ENV PATH=$PAHT:/app/bin` loses the system PATH. Variables must be declared with ' +
      '`ARG` (build time) or `ENV` before use, in the same stage: BuildKit platform arguments such ' +
      'as `TARGETARCH` need `ARG TARGETARCH` inside the stage. Variables set by the base image ' +
      'count too; Dockhand knows those of `scratch`, `alpine`, `busybox`, `debian` and `ubuntu`, and ' +
      'for other bases reports only names that look like a typo of a defined one. Shell-form RUN, ' +
      'CMD and ENTRYPOINT are expanded by the shell, not the builder, so they are not checked here.',
    example: 'FROM alpine:3.20\nCOPY $SRC /app/\n',
    fixedExample: 'FROM alpine:3.20\nARG SRC=dist\nCOPY $SRC /app/\n',
  },
  check({ model, report }) {
    for (const reference of model.variables.references) {
      if (!reference.expandedByBuilder || !reference.stage) continue;
      // `${X:-default}`, `${X:+alt}` and `${X:?message}` handle an unset X on purpose.
      if (reference.modifier !== undefined) continue;
      const { resolution } = reference;
      if (resolution.kind === 'predefined-not-declared') {
        report({
          range: reference.nameRange,
          message: `'${reference.name}' is a global BuildKit argument; declare 'ARG ${reference.name}' in this stage to use it here.`,
          fix: declareArgFix(model, reference),
        });
        continue;
      }
      if (resolution.kind !== 'undefined' && !(resolution.kind === 'predefined' && !platformArgs.has(reference.name))) continue;
      const visible = visibleNames(model, reference);
      const suggestion = closestName(reference.name, visible);
      const baseEnv = rootBaseEnv(reference.stage);
      if (baseEnv === undefined && suggestion === undefined) continue;
      if (alwaysSet.includes(reference.name) || baseEnv?.includes(reference.name)) continue;
      const fix: Fix | undefined = suggestion ? { title: `Change to $${suggestion}`, edits: [{ range: reference.nameRange, newText: suggestion }] } : undefined;
      report({
        range: reference.nameRange,
        message: `Variable '${reference.name}' is not defined here, so it expands to an empty string${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`,
        ...(fix && { fix }),
      });
    }
  },
};

function visibleNames(model: DockerfileModel, reference: VariableReference): string[] {
  return [...new Set([...model.variables.scopeBefore(reference.instruction).keys(), ...alwaysSet])];
}

/** The env names of the stage's root base image, when Dockhand knows them exactly. */
function rootBaseEnv(stage: Stage): readonly string[] | undefined {
  let root = stage;
  for (let guard = 0; root.parent && guard < 100; guard++) root = root.parent;
  if (root.isScratch) return knownBaseEnv['scratch'];
  const repository = root.image?.repository.replace(/^library\//, '');
  const onHub = root.image !== undefined && (root.image.registry === undefined || root.image.registry === 'docker.io');
  return onHub && repository !== undefined ? knownBaseEnv[repository] : undefined;
}

/** A visible name within edit distance 2 (and not trivially short), as a typo suggestion. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) > 2) continue;
    const distance = editDistance(name.toUpperCase(), candidate.toUpperCase());
    const limit = Math.min(2, Math.floor(Math.max(name.length, candidate.length) / 3));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Damerau-Levenshtein (optimal string alignment) distance; names are short. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1]!;
}

/** Inserts `ARG NAME` on its own line above the instruction, with the same indentation. */
function declareArgFix(model: DockerfileModel, reference: VariableReference): Fix {
  const start = reference.instruction.getRange().start;
  const indent = /^\s*/.exec(model.lines.lineText(start.line))?.[0] ?? '';
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Declare ARG ${reference.name} in this stage`,
    edits: [{ range: { start: { line: start.line, character: 0 }, end: { line: start.line, character: 0 } }, newText: `${indent}ARG ${reference.name}${eol}` }],
  };
}
