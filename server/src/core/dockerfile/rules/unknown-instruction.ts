import type { DockerfileRule } from '../rule';
import { commandsOf, keywordRange } from '../syntax/commands';
import { instructionNames, isInstruction } from '../syntax/flags';
import { type Statement, syntaxOf } from '../syntax/scan';
import { closest } from '../syntax/words';

export const unknownInstruction: DockerfileRule = {
  id: 'unknown-instruction',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: 'A line that starts with a word that is not a Dockerfile instruction, including the instruction an `ONBUILD` registers.',
    why:
      'The builder refuses the whole file: `unknown instruction`. Most often the word is a typo (`RUNN`, `COPPY`) or a ' +
      'shell command whose line was meant to continue the `RUN` above: without the escape character (`\\`, or the ' +
      'one set by `# escape=`) at the end of the previous line, the next line is read as a new instruction. An unknown ' +
      'instruction after `ONBUILD` is accepted when this image is built and breaks every build `FROM` it. The quick fix ' +
      'replaces a typo with the closest instruction; it is unsafe because the intended instruction may differ.',
    example: 'FROM alpine:3.20\nRUN echo building &&\n    echo done\n',
    fixedExample: 'FROM alpine:3.20\nRUN echo building && \\\n    echo done\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    let previous: Statement | undefined;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      const after = previous;
      if (!checked.isTrigger) previous = statement;
      if (isInstruction(command.upper)) continue;
      const candidates = checked.isTrigger ? instructionNames.filter((n) => n !== 'FROM' && n !== 'ONBUILD' && n !== 'MAINTAINER') : instructionNames;
      const suggestion = closest(command.keyword, candidates);
      const continues = !checked.isTrigger && after !== undefined && after.endLine === statement.startLine - 1 && after.heredocs.length === 0;
      let message = checked.isTrigger
        ? `ONBUILD registers '${command.keyword}', which is not a Dockerfile instruction; every build FROM this image will fail`
        : `Unknown instruction '${command.keyword}'`;
      if (suggestion) message += `; did you mean ${suggestion}?`;
      else if (continues) message += `; if this line continues the ${after.upper} above, end that line with ${info.escape}`;
      else message += '.';
      const range = keywordRange(statement, command);
      // Every instruction takes arguments: renaming a bare word only trades this error for another.
      const fix =
        suggestion && command.rest !== '' && statement.line.isSingleLine(command.keywordStart, command.keywordEnd)
          ? { title: `Change '${command.keyword}' to ${suggestion}`, edits: [{ range, newText: suggestion }] }
          : undefined;
      report({ range, message, ...(fix && { fix }) });
    }
  },
};
