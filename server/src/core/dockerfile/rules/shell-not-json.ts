import type { DockerfileRule } from '../rule';
import { commandsOf, triggerNote } from '../syntax/commands';
import { describeMalformed, execForm, jsonRewrite } from '../syntax/json-form';
import { syntaxOf } from '../syntax/scan';
import { blankWords } from '../syntax/words';

export const shellNotJson: DockerfileRule = {
  id: 'shell-not-json',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'safe',
  equivalents: [],
  docs: {
    finds: 'A `SHELL` instruction that is not a JSON array of strings, such as `SHELL /bin/bash -c` or `SHELL [\'/bin/bash\', \'-c\']`.',
    why:
      'Unlike RUN, CMD and ENTRYPOINT, SHELL has no shell form: the builder stops with `SHELL requires the arguments ' +
      'to be in JSON form`. Write the program and its options as a JSON array with double quotes. The quick fix does ' +
      'that when the words are plain.',
    example: 'FROM debian:12\nSHELL /bin/bash -o pipefail -c\n',
    fixedExample: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      if (command.upper !== 'SHELL' || command.rest === '') continue;
      const text = statement.line.text;
      const form = execForm(text, command.restStart, command.restEnd);
      if (form.kind === 'json' || form.kind === 'non-string') continue;
      const range = statement.line.range(command.restStart, command.restEnd);
      let rewrite: string | undefined;
      let why = 'it is not a JSON array';
      if (form.kind === 'malformed') {
        why = `it ${describeMalformed(form.reason)}`;
        if (form.reason === 'single-quotes' && form.trailing === '') rewrite = jsonRewrite(form.items);
      } else if (/^[\w./:=+,@%-]+(?:[ \t]+[\w./:=+,@%-]+)*$/.test(command.rest)) {
        rewrite = `[${blankWords(text, command.restStart, command.restEnd).map((w) => JSON.stringify(w.text)).join(', ')}]`;
      }
      const fix =
        rewrite && statement.line.isSingleLine(command.restStart, command.restEnd)
          ? { title: `Write SHELL as ${rewrite}`, edits: [{ range, newText: rewrite }] }
          : undefined;
      report({
        range,
        message: `SHELL must be a JSON array of strings, e.g. SHELL ["/bin/bash", "-c"], but ${why}${triggerNote(checked)}.`,
        ...(fix && { fix }),
      });
    }
  },
};
