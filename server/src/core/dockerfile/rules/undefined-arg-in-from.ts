import type { Range } from '../../text';
import { buildkitFacts, predefinedPlatformArgs, predefinedProxyArgs, rawText } from '../buildkit/facts';
import { expandWord } from '../buildkit/shell-word';
import { closestName } from '../buildkit/suggest';
import type { DockerfileModel } from '../model';
import type { DockerfileRule } from '../rule';

export const undefinedArgInFrom: DockerfileRule = {
  id: 'undefined-arg-in-from',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:UndefinedArgInFrom'],
  docs: {
    finds: 'A variable in a `FROM` line (image or `--platform`) that no `ARG` before the first `FROM` declares and that is not a predefined build arg.',
    why:
      'A `FROM` line can only use global build args: those declared with `ARG` before the first ' +
      '`FROM`, and the predefined platform args such as `TARGETARCH` or `BUILDPLATFORM`. Any ' +
      'other variable is empty, even when an `ARG` or `ENV` of that name exists inside a stage, ' +
      'so the image name silently changes; often the name is simply misspelled. Declare the ' +
      'argument at the top of the file, ideally with a default.',
    example: 'FROM node:22${VARIANT} AS build\nRUN npm ci\n',
    fixedExample: 'ARG VARIANT=-alpine3.20\nFROM node:22${VARIANT} AS build\nRUN npm ci\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    const declared = new Set(facts.globalArgs.map((arg) => arg.name));
    const known = (name: string) => declared.has(name) || predefinedPlatformArgs.has(name) || predefinedProxyArgs.has(name);
    const candidates = [...declared, ...predefinedPlatformArgs.keys()];
    for (const from of facts.froms) {
      const words: { text: string; range: Range }[] = [];
      if (from.baseRange) words.push({ text: from.baseText, range: from.baseRange });
      const platformRange = from.platform?.getValueRange();
      if (platformRange) words.push({ text: rawText(model, platformRange, facts.escapeChar), range: platformRange });
      for (const word of words) {
        if (!word.text.includes('$')) continue;
        const { matched, unmatched } = expandWord(word.text, new Map(), facts.escapeChar);
        for (const name of new Set([...matched, ...unmatched])) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || known(name)) continue;
          const suggestion = closestName(name, candidates);
          report({
            range: variableRange(model, word.range, name),
            message: `FROM argument '${name}' is not declared by an ARG before the first FROM${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`,
          });
        }
      }
    }
  },
};

/** The `$NAME` or `${NAME...}` inside a one-line word, or the whole word. */
function variableRange(model: DockerfileModel, range: Range, name: string): Range {
  if (range.start.line !== range.end.line) return range;
  const text = model.lines.lineText(range.start.line).slice(range.start.character, range.end.character);
  const braced = text.indexOf('${' + name);
  if (braced >= 0) {
    const close = text.indexOf('}', braced);
    const end = close >= 0 ? close + 1 : braced + 2 + name.length;
    return { start: { line: range.start.line, character: range.start.character + braced }, end: { line: range.start.line, character: range.start.character + end } };
  }
  const bare = new RegExp(`\\$${name}(?![A-Za-z0-9_])`).exec(text);
  if (bare) {
    return {
      start: { line: range.start.line, character: range.start.character + bare.index },
      end: { line: range.start.line, character: range.start.character + bare.index + 1 + name.length },
    };
  }
  return range;
}
