import type { DockerfileRule } from '../rule';
import { commandsOf, displayName, triggerNote } from '../syntax/commands';
import { describeMalformed, execForm, jsonRewrite } from '../syntax/json-form';
import { syntaxOf } from '../syntax/scan';
import { isSpace } from '../syntax/words';

/** What the builder does instead, per instruction. */
const consequence: Readonly<Record<string, string>> = {
  RUN: 'so the builder runs the whole text with the shell (/bin/sh -c)',
  COPY: 'so the builder splits it at spaces and the brackets, quotes and commas become part of the paths',
  ADD: 'so the builder splits it at spaces and the brackets, quotes and commas become part of the paths',
  VOLUME: 'so the builder splits it at spaces and the volume paths include the brackets and quotes',
  HEALTHCHECK: 'so the check runs the whole text with the shell',
};

export const malformedExecForm: DockerfileRule = {
  id: 'malformed-exec-form',
  language: 'dockerfile',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds:
      'A `RUN`, `COPY`, `ADD`, `VOLUME` or `HEALTHCHECK CMD` argument written as a JSON array that is not valid JSON: ' +
      'single quotes, unescaped backslashes, a missing or trailing comma, or text after the closing bracket. (`CMD` and ' +
      '`ENTRYPOINT` are covered by shell-form-command, `SHELL` by shell-not-json.)',
    why:
      'Only a valid JSON array of double-quoted strings is exec form. Anything else is accepted silently and read ' +
      'another way: `RUN [\'echo\', \'hi\']` runs `/bin/sh -c "[\'echo\', \'hi\']"`, and `VOLUME ["/data"] # persisted` ' +
      'declares three volumes, `[/data]`, `#` and `persisted`. On Windows paths, backslashes must be doubled: ' +
      '`["c:\\\\tools\\\\x.exe"]`. ' +
      'The quick fix rewrites a single-quoted array with double quotes; it is unsafe because exec form runs without a ' +
      'shell (no variable expansion).',
    example: "FROM alpine:3.20\nRUN ['echo', 'hello']\n",
    fixedExample: 'FROM alpine:3.20\nRUN ["echo", "hello"]\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      const upper = command.upper;
      if (!consequence[upper]) continue;
      const text = statement.line.text;
      let start = command.restStart;
      if (upper === 'HEALTHCHECK') {
        let sep = start;
        while (sep < command.restEnd && !isSpace(text[sep])) sep++;
        if (text.slice(start, sep).toUpperCase() !== 'CMD') continue;
        start = sep;
        while (start < command.restEnd && isSpace(text[start])) start++;
      }
      const form = execForm(text, start, command.restEnd);
      if (form.kind !== 'malformed') continue;
      // `RUN [ "$X" ] && make` is a shell test, not a botched array.
      if (form.reason === 'trailing-text' && upper === 'RUN' && !/^[#,\]]/.test(form.trailing)) continue;
      const range = statement.line.range(start, command.restEnd);
      const rewrite = form.reason === 'single-quotes' && form.trailing === '' ? jsonRewrite(form.items) : undefined;
      const fix =
        rewrite && statement.line.isSingleLine(start, command.restEnd)
          ? { title: 'Rewrite as a JSON array with double quotes', edits: [{ range, newText: rewrite }] }
          : undefined;
      report({
        range,
        message: `${displayName(checked)} looks like exec form but ${describeMalformed(form.reason)}, ${consequence[upper]}${triggerNote(checked)}.`,
        ...(fix && { fix }),
      });
    }
  },
};
