import type { Range } from '../../text';
import type { DockerfileRule } from '../rule';
import { type CheckedCommand, commandsOf, displayName, triggerNote } from '../syntax/commands';
import { execForm } from '../syntax/json-form';
import { heredocWord, syntaxOf } from '../syntax/scan';
import { blankWords, isSpace, shellWords, type Word } from '../syntax/words';

const stageName = /^[a-z][a-z0-9-_.]*$/;
const jsonInstructions = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'ADD', 'COPY', 'VOLUME']);

export const malformedArguments: DockerfileRule = {
  id: 'malformed-arguments',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'Arguments the builder refuses: `FROM` with other than `image [AS name]` or an invalid stage name, `ENV`/`LABEL` words ' +
      'without `=`, blank `ARG`/`ENV`/`LABEL` names, `HEALTHCHECK` with a type other than `CMD` or `NONE` (or `NONE` with ' +
      'arguments), JSON arrays holding non-strings, empty `VOLUME` paths, `COPY` of a URL or Git repository, a heredoc used as ' +
      'destination, and flags written after the image or the first path.',
    why:
      'Each of these stops the build with a parse error such as `FROM requires either one or three arguments` or ' +
      '`Syntax error - can\'t find = in "world"`. Typical causes are a trailing comment on an instruction line (`#` starts ' +
      'a comment only at the beginning of a line), an unquoted value with a space (`ENV GREETING=hello world`), ' +
      '`COPY https://...`, which only `ADD` can download, and a flag after the arguments (`COPY app --chown=app /srv/` ' +
      'copies a file named `--chown=app`): flags must come right after the instruction.',
    example: 'FROM alpine:3.20 AS build # compile stage\nENV GREETING=hello world\n',
    fixedExample: '# compile stage\nFROM alpine:3.20 AS build\nENV GREETING="hello world"\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      const { command, statement } = checked;
      const text = statement.line.text;
      const range = (start: number, end: number): Range => statement.line.range(start, end);
      const say = (start: number, end: number, message: string): void => {
        report({ range: range(start, end), message: message + triggerNote(checked) + (message.endsWith('.') ? '' : '.') });
      };
      if (command.rest === '') continue;
      switch (command.upper) {
        case 'FROM':
          checkFrom(blankWords(text, command.restStart, command.restEnd), text, say);
          break;
        case 'ENV':
        case 'LABEL':
          checkKeyValues(checked, shellWords(text, command.restStart, info.escape, command.restEnd), say);
          break;
        case 'ARG':
          for (const word of shellWords(text, command.restStart, info.escape, command.restEnd)) {
            if (word.text.startsWith('=')) say(word.start, word.end, `ARG '${word.text}' has no name before '='`);
          }
          break;
        case 'HEALTHCHECK':
          checkHealthcheck(text, command.restStart, command.restEnd, say);
          break;
        default:
          break;
      }
      if (jsonInstructions.has(command.upper)) {
        const form = execForm(text, command.restStart, command.restEnd);
        if (form.kind === 'non-string') {
          say(command.restStart, command.restEnd, `${displayName(checked)} has a JSON array with a value that is not a string; every item must be a double-quoted string`);
          continue;
        }
        if (command.upper === 'VOLUME' && form.kind === 'json') {
          for (const item of form.items) if (item.value.trim() === '') say(item.start, item.end, 'VOLUME has an empty path');
        }
        if (command.upper === 'COPY' || command.upper === 'ADD') {
          const args: Word[] = form.kind === 'json' ? form.items.map((i) => ({ ...i, text: i.value })) : blankWords(text, command.restStart, command.restEnd);
          checkCopySources(checked, args, text, say);
        }
      }
    }
  },
};

type Say = (start: number, end: number, message: string) => void;

function checkFrom(words: Word[], text: string, say: Say): void {
  if (words.length === 0 || words.length === 1) return;
  const [, second, third] = words;
  const last = words[words.length - 1]!;
  const comment = words.find((w) => w.text.startsWith('#'));
  if (comment) {
    say(comment.start, last.end, "FROM takes 'image [AS name]'; '#' starts a comment only at the beginning of a line, so move the comment to its own line");
  } else if (words.some((w) => w.text.startsWith('--'))) {
    const flag = words.find((w) => w.text.startsWith('--'))!;
    say(flag.start, flag.end, `'${flag.text}' comes after the image, where it is not read as a flag; flags go right after FROM: FROM ${flag.text} ${words[0]!.text}`);
  } else if (words.length === 2) {
    say(second!.start, second!.end, second!.text.toLowerCase() === 'as' ? 'AS needs a stage name after it' : `FROM takes 'image [AS name]', and '${second!.text}' is extra (missing AS?)`);
  } else if (words.length > 3) {
    say(words[3]!.start, last.end, `FROM takes 'image [AS name]', and '${text.slice(words[3]!.start, last.end)}' is extra`);
  } else if (second!.text.toLowerCase() !== 'as') {
    say(second!.start, second!.end, `FROM expects AS between the image and the stage name, not '${second!.text}'`);
  } else if (!stageName.test(third!.text.toLowerCase())) {
    say(third!.start, third!.end, `'${third!.text}' is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'`);
  }
}

function checkKeyValues(checked: CheckedCommand, words: Word[], say: Say): void {
  const name = displayName(checked);
  const first = words[0];
  if (!first) return;
  if (!first.text.includes('=')) {
    // The legacy `ENV key value` form: everything after the first word is the value.
    if (words.length === 1 && !/[\t\v\f\r ]/.test(first.text)) say(first.start, first.end, `${name} ${first.text} has no value: write ${checked.command.upper} ${first.text}=value`);
    return;
  }
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (word.text.startsWith('#')) {
      say(word.start, words[words.length - 1]!.end, `${name} does not allow a trailing comment: '#' starts a comment only at the beginning of a line, so move it to its own line`);
      return;
    }
    if (eq < 0) {
      say(word.start, word.end, `'${word.text}' has no '=': ${name} takes name=value pairs, so quote a value that contains spaces (NAME="a b")`);
    } else if (eq === 0) {
      say(word.start, word.end, `${name} '${word.text}' has no name before '='`);
    }
  }
}

function checkHealthcheck(text: string, start: number, end: number, say: Say): void {
  let sep = start;
  while (sep < end && !isSpace(text[sep])) sep++;
  const type = text.slice(start, sep);
  const upper = type.toUpperCase();
  if (upper === 'NONE') {
    let next = sep;
    while (next < end && isSpace(text[next])) next++;
    if (next < end) say(next, end, 'HEALTHCHECK NONE takes no arguments');
  } else if (upper !== 'CMD') {
    say(start, sep, `HEALTHCHECK type '${type}' is unknown: write HEALTHCHECK [options] CMD command, or HEALTHCHECK NONE`);
  }
}

function checkCopySources(checked: CheckedCommand, args: Word[], text: string, say: Say): void {
  if (args.length < 2) return;
  const name = displayName(checked);
  const destination = args[args.length - 1]!;
  if (heredocWord(text, destination.start, destination.end)) {
    say(destination.start, destination.end, `${name} cannot take a heredoc as its destination; put the heredoc before the destination path`);
  }
  const misplaced = args.slice(1).find((a) => /^--[a-z-]+(=|$)/.test(a.text) && a.text.length > 2);
  if (misplaced && !text.slice(misplaced.start, misplaced.end).startsWith('"')) {
    say(misplaced.start, misplaced.end, `'${misplaced.text}' comes after the first path, so ${name} reads it as a file name, not a flag; put flags right after ${name}`);
  }
  if (checked.command.upper !== 'COPY') return;
  for (const source of args.slice(0, -1)) {
    const value = source.text;
    if (value.startsWith('http://') || value.startsWith('https://')) {
      say(source.start, source.end, `COPY cannot download '${value}'; use ADD --checksum=sha256:... (or RUN curl) for remote files`);
    } else if (value.startsWith('git@') || value.startsWith('git://')) {
      say(source.start, source.end, `COPY cannot clone '${value}'; use ADD for Git repositories`);
    }
  }
}
