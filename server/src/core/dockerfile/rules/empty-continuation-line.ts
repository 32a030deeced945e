import { buildkitFacts } from '../buildkit/facts';
import { escapeRegExp } from '../buildkit/shell-word';
import type { DockerfileRule } from '../rule';

export const emptyContinuationLine: DockerfileRule = {
  id: 'empty-continuation-line',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['buildkit:NoEmptyContinuation'],
  docs: {
    finds: 'An empty line inside an instruction that is continued with a backslash.',
    why:
      'The builder skips an empty line in the middle of a continued instruction, so the ' +
      'instruction goes on past it, which is easy to misread as its end. Docker has warned about ' +
      'it since 17.07 and it will become an error in a future release (moby/moby#33719). Comment ' +
      'lines inside a continuation are fine. The quick fix deletes the empty lines.',
    example: 'FROM debian:12-slim\nRUN apt-get update && \\\n\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM debian:12-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    const { escapeChar } = buildkitFacts(model);
    const continued = new RegExp(`${escapeRegExp(escapeChar)}[ \\t]*$`);
    const lines = model.lines;
    let scannedUpTo = -1;
    for (const instruction of model.instructions) {
      const start = instruction.getRange().start.line;
      if (start <= scannedUpTo) continue;
      let line = start;
      if (!continued.test(lines.lineText(line))) continue;
      const empty: number[] = [];
      for (line++; line < lines.lineCount && lines.offsetAt({ line, character: 0 }) < model.text.length; line++) {
        const text = lines.lineText(line);
        if (/^\s*#/.test(text)) continue;
        if (/^\s*$/.test(text)) {
          empty.push(line);
          continue;
        }
        if (!continued.test(text)) break;
      }
      scannedUpTo = line;
      if (empty.length === 0) continue;
      const where = empty.length === 1 ? `line ${empty[0]! + 1}` : `lines ${empty.map((l) => l + 1).join(', ')}`;
      report({
        range: instruction.getInstructionRange(),
        message: `Empty continuation ${empty.length === 1 ? 'line' : 'lines'} (${where}) in this ${instruction.getKeyword()}; empty continuation lines will become errors in a future release.`,
        fix: { title: `Delete the empty continuation ${empty.length === 1 ? 'line' : 'lines'}`, edits: empty.map((l) => ({ range: lines.fullLineRange(l), newText: '' })) },
      });
    }
  },
};
