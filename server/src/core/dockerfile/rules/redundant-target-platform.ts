import { buildkitFacts, predefinedPlatformArgs, rawText } from '../buildkit/facts';
import { expandWord } from '../buildkit/shell-word';
import type { DockerfileRule } from '../rule';

export const redundantTargetPlatform: DockerfileRule = {
  id: 'redundant-target-platform',
  language: 'dockerfile',
  category: 'style',
  defaultSeverity: 'info',
  fixable: 'safe',
  equivalents: ['buildkit:RedundantTargetPlatform'],
  docs: {
    finds: '`FROM --platform=$TARGETPLATFORM`.',
    why:
      'A stage is built for the target platform unless `--platform` says otherwise, so ' +
      '`--platform=$TARGETPLATFORM` changes nothing and only adds noise. (`--platform=$BUILDPLATFORM` ' +
      'is the useful one: it runs a stage natively on the build machine, for cross-compiling; both args are BuildKit only.) ' +
      'The quick fix removes the flag.',
    example: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hello\n',
    fixedExample: 'FROM alpine:3.20\nRUN echo hello\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    const env = facts.defaultArgs ?? predefinedPlatformArgs;
    for (const from of facts.froms) {
      const flag = from.platform;
      const valueRange = flag?.getValueRange();
      if (!flag || !valueRange) continue;
      const written = rawText(model, valueRange, facts.escapeChar);
      const expanded = expandWord(written, env, facts.escapeChar);
      if (expanded.matched.size !== 1 || !expanded.matched.has('TARGETPLATFORM') || expanded.unmatched.size > 0) continue;
      if (expanded.result !== env.get('TARGETPLATFORM')) continue;
      const range = flag.getRange();
      const line = model.lines.lineText(range.end.line);
      const spaces = /^[ \t]*/.exec(line.slice(range.end.character))?.[0].length ?? 0;
      report({
        range,
        message: `Setting --platform to the predefined ${written} in FROM is redundant: stages are built for the target platform by default.`,
        fix: {
          title: 'Remove the redundant --platform flag',
          edits: [{ range: { start: range.start, end: { line: range.end.line, character: range.end.character + spaces } }, newText: '' }],
        },
      });
    }
  },
};
