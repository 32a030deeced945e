import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../rules/rule';
import { buildkitFacts, properties } from '../buildkit/facts';
import { escapeRegExp } from '../buildkit/shell-word';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

export const legacyKeyValueFormat: DockerfileRule = {
  id: 'legacy-key-value-format',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:LegacyKeyValueFormat'],
  docs: {
    finds: '`ENV` or `LABEL` in the legacy `KEY value` form, with a space instead of `=`.',
    why:
      'The space form is deprecated. It sets a single variable, with everything after the first ' +
      'space as its value, so `ENV A b C=d` means `A="b C=d"`, which is easy to misread; the ' +
      '`KEY=value` form can set several variables at once and reads the same everywhere. The ' +
      'quick fix writes `KEY=value`, quoting the value when it holds spaces. For a value ' +
      'continued over several lines, mind that leading spaces of continuation lines belong to ' +
      'the value in both forms.',
    example: 'FROM node:22-alpine\nENV NODE_ENV production\n',
    fixedExample: 'FROM node:22-alpine\nENV NODE_ENV=production\n',
  },
  check({ model, report }) {
    const { escapeChar, stageInstructions } = buildkitFacts(model);
    for (const { instruction } of stageInstructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
      const first = properties(instruction)[0];
      const valueRange = first?.getValueRange();
      if (!first || !valueRange || first.getAssignmentOperator() !== null || !first.getName()) continue;
      const fix = keyValueFix(model, instruction, first.getNameRange().end, valueRange.start, escapeChar);
      report({
        range: first.getNameRange(),
        message: `${keyword} ${first.getName()} uses the legacy "${keyword} key value" form; write "${keyword} ${first.getName()}=value" instead.`,
        ...(fix && { fix }),
      });
    }
  },
};

type Position = { line: number; character: number };

function keyValueFix(model: DockerfileModel, instruction: Instruction, nameEnd: Position, valueStart: Position, escapeChar: string): Fix | undefined {
  const { start, end } = instruction.getRange();
  const title = `Write ${instruction.getKeyword()} key=value`;
  const lines = model.lines;
  const lastLine = lines.lineText(end.line);
  const valueEnd = { line: end.line, character: lastLine.trimEnd().length };
  if (nameEnd.line !== start.line || valueEnd.line < valueStart.line) return undefined;
  if (start.line === end.line) {
    const value = lines.lineText(start.line).slice(valueStart.character, valueEnd.character);
    if (value === '') return undefined;
    // The builder expands the value the same way in both forms, so one word can stay as it is.
    if (wordCount(value, escapeChar) === 1) return { title, edits: [{ range: { start: nameEnd, end: valueStart }, newText: '=' }] };
    if (/["']/.test(value) || value.includes(escapeChar)) return undefined;
    return { title, edits: [{ range: { start: nameEnd, end: valueEnd }, newText: `="${value}"` }] };
  }
  // Continued over several lines: quote the whole value. Every line but the last ends with the
  // escape character, and the value may hold no quotes, escapes or comment lines of its own.
  const continuation = new RegExp(`${escapeRegExp(escapeChar)}[ \\t]*$`);
  for (let line = valueStart.line; line <= end.line; line++) {
    let text = lines.lineText(line);
    if (line === valueStart.line) text = text.slice(valueStart.character);
    if (line < end.line) {
      if (!continuation.test(text)) return undefined;
      text = text.replace(continuation, '');
    }
    if (/["']/.test(text) || text.includes(escapeChar) || (line > valueStart.line && /^\s*#/.test(text))) return undefined;
  }
  const edits = [{ range: { start: valueEnd, end: valueEnd }, newText: '"' }];
  if (valueStart.line === start.line) {
    edits.push({ range: { start: nameEnd, end: valueStart }, newText: '="' });
  } else {
    // `ENV DEPS \` then the value: in the legacy form the indentation before the value is not
    // part of it, so it goes, and the quote opens on the first line.
    if (valueStart.line !== start.line + 1 || !continuation.test(lines.lineText(start.line).slice(nameEnd.character))) return undefined;
    if (!/^\s*$/.test(lines.lineText(valueStart.line).slice(0, valueStart.character))) return undefined;
    edits.push({ range: { start: nameEnd, end: { line: start.line, character: lines.lineText(start.line).length } }, newText: `="${escapeChar}` });
    if (valueStart.character > 0) edits.push({ range: { start: { line: valueStart.line, character: 0 }, end: valueStart }, newText: '' });
  }
  return { title, edits };
}

/** How many words BuildKit's parser (parseWords) sees (NaN for an unclosed quote): whitespace splits, except inside quotes or after the escape character. */
function wordCount(text: string, escapeChar: string): number {
  let count = 0;
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === escapeChar && quote !== "'") i++;
      continue;
    }
    if (/\s/.test(ch)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      count++;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === escapeChar) i++;
  }
  // An unclosed quote is a build error in both forms: nothing to rewrite.
  return quote ? Number.NaN : count;
}
