import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import type { Range } from '../../text';
import { comparePositions, containsPosition } from '../../text';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

interface PropertyLike {
  getName(): string;
  getRange(): Range;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

export const envSelfReference: DockerfileRule = {
  id: 'env-self-reference',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['hadolint:DL3044'],
  docs: {
    finds: 'An `ENV` that uses a variable set earlier in the same instruction (`ENV A=1 B=$A`).',
    why:
      'The builder substitutes every variable of an ENV instruction with the values from before the ' +
      'instruction, then sets them all at once. In `ENV APP_HOME=/app PATH=$APP_HOME/bin:$PATH`, ' +
      '`$APP_HOME` is therefore the old value (usually empty), and PATH gets `/bin:...`. Referring to ' +
      'the variable being set (`PATH=$PATH:/x`) is fine: that is meant to be the old value. Split the ' +
      'definitions into two ENV instructions. The fix does that; it is unsafe because the value changes.',
    example: 'FROM alpine:3.20\nENV APP_HOME=/app PATH=$APP_HOME/bin:$PATH\n',
    fixedExample: 'FROM alpine:3.20\nENV APP_HOME=/app\nENV PATH=$APP_HOME/bin:$PATH\n',
  },
  check({ model, report }) {
    const referencesByInstruction = new Map<Instruction, typeof model.variables.references>();
    for (const reference of model.variables.references) {
      if (reference.instruction.getKeyword() !== 'ENV') continue;
      referencesByInstruction.set(reference.instruction, [...(referencesByInstruction.get(reference.instruction) ?? []), reference]);
    }
    for (const [instruction, references] of referencesByInstruction) {
      const properties = (instruction as Instruction & { getProperties?(): PropertyLike[] }).getProperties?.() ?? [];
      if (properties.length < 2) continue;
      properties.forEach((property, index) => {
        const valueRange = property.getValueRange();
        if (index === 0 || !valueRange) return;
        const earlier = properties.slice(0, index);
        for (const reference of references) {
          if (!containsPosition(valueRange, reference.range.start) || reference.name === property.getName()) continue;
          const definer = earlier.find((p) => p.getName() === reference.name);
          if (!definer) continue;
          const before = reference.resolution.kind === 'env' || reference.resolution.kind === 'arg' ? reference.resolution.definition.resolvedValue : undefined;
          const old = before === undefined ? 'its value from before this ENV (empty if unset)' : `its earlier value '${before}'`;
          const fix = splitFix(model, instruction, properties[index - 1]!, property);
          report({
            range: reference.range,
            message: `$${reference.name} is set earlier in this ENV, but here it expands to ${old}, not to the new value; set it in a separate ENV first.`,
            ...(fix && { fix }),
          });
        }
      });
    }
  },
};

function splitFix(model: DockerfileModel, instruction: Instruction, previous: PropertyLike, property: PropertyLike): Fix | undefined {
  const start = model.lines.offsetAt(previous.getRange().end);
  const end = model.lines.offsetAt(property.getRange().start);
  if (comparePositions(previous.getRange().end, property.getRange().start) >= 0) return undefined;
  const gap = model.text.slice(start, end);
  const escape = model.directives.escapeCharacter === '`' ? '`' : '\\\\';
  if (!new RegExp(`^[ \\t]*(?:${escape}[ \\t]*\\r?\\n[ \\t]*)*$`).test(gap) || gap === '') return undefined;
  const line = instruction.getRange().start.line;
  const indent = /^[ \t]*/.exec(model.lines.lineText(line))?.[0] ?? '';
  const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
  return { title: `Move ${property.getName()} to its own ENV`, edits: [{ range: model.lines.rangeOf(start, end), newText: `${newline}${indent}${instruction.getInstruction()} ` }] };
}
