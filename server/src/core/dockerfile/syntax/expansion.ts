// The words the builder runs through its variable lexer (quote removal and ${...}), per
// instruction. RUN, CMD, ENTRYPOINT and SHELL are left to the shell; ONBUILD triggers
// are expanded only in later builds.

import type { Range } from '../../text';
import { execForm } from './json-form';
import { heredocWord, memo, type Statement, type SyntaxInfo } from './scan';
import { blankWords, type LexProblem, lexProblem, shellWords } from './words';

export interface ExpansionProblem extends LexProblem {
  statement: Statement;
  range: Range;
  /** The instruction splits its arguments at spaces before it removes quotes. */
  splitsOnSpaces: boolean;
  word: string;
}

const splitting = new Set(['COPY', 'ADD', 'VOLUME', 'EXPOSE', 'FROM']);

/** The first problem of each kind per instruction: the builder stops at the first anyway. */
export function expansionProblems(info: SyntaxInfo): readonly ExpansionProblem[] {
  return memo(info, 'expansion', firstProblems);
}

function firstProblems(info: SyntaxInfo): ExpansionProblem[] {
  const seen = new Map<Statement, Set<string>>();
  return allExpansionProblems(info).filter((problem) => {
    const kinds = seen.get(problem.statement) ?? new Set<string>();
    seen.set(problem.statement, kinds);
    if (kinds.has(problem.kind)) return false;
    kinds.add(problem.kind);
    return true;
  });
}

function allExpansionProblems(info: SyntaxInfo): ExpansionProblem[] {
  const problems: ExpansionProblem[] = [];
  const escape = info.escape;
  for (const statement of info.statements) {
    const { upper } = statement;
    const line = statement.line;
    const text = line.text;
    const check = (start: number, end: number): void => {
      if (end <= start) return;
      const problem = lexProblem(text, start, end, escape);
      if (problem) {
        problems.push({ ...problem, statement, range: line.range(problem.start, problem.end), splitsOnSpaces: splitting.has(upper), word: text.slice(start, end) });
      }
    };
    /** A JSON string is lexed after decoding; problems point at the whole string. */
    const checkValue = (value: string, start: number, end: number): void => {
      const problem = lexProblem(value, 0, value.length, escape);
      if (problem) problems.push({ ...problem, statement, range: line.range(start, end), splitsOnSpaces: false, word: value });
    };
    const { restStart: start, restEnd: end } = statement;
    switch (upper) {
      case 'FROM': {
        const image = blankWords(text, start, end)[0];
        if (image) check(image.start, image.end);
        break;
      }
      case 'ARG':
        for (const word of shellWords(text, start, escape, end)) {
          const eq = word.text.indexOf('=');
          if (eq >= 0) check(word.start + eq + 1, word.end);
        }
        break;
      case 'ENV':
      case 'LABEL': {
        const words = shellWords(text, start, escape, end);
        const first = words[0];
        if (!first) break;
        if (!first.text.includes('=')) {
          const key = blankWords(text, start, end)[0];
          if (key) {
            check(key.start, key.end);
            let value = key.end;
            while (value < end && /[\t\v\f\r ]/.test(text[value]!)) value++;
            check(value, end);
          }
          break;
        }
        for (const word of words) {
          const eq = word.text.indexOf('=');
          if (eq < 0) continue;
          check(word.start, word.start + eq);
          check(word.start + eq + 1, word.end);
        }
        break;
      }
      case 'WORKDIR':
      case 'USER':
      case 'STOPSIGNAL':
        check(start, end);
        break;
      case 'EXPOSE':
        for (const word of blankWords(text, start, end)) check(word.start, word.end);
        break;
      case 'VOLUME':
      case 'COPY':
      case 'ADD': {
        const form = execForm(text, start, end);
        if (form.kind === 'json') {
          for (const item of form.items) checkValue(item.value, item.start, item.end);
        } else if (form.kind === 'shell' || form.kind === 'malformed') {
          for (const word of blankWords(text, start, end)) if (!heredocWord(text, word.start, word.end)) check(word.start, word.end);
        }
        for (const flag of statement.flags) {
          if ((flag.name === 'chown' || flag.name === 'chmod' || flag.name === 'checksum') && flag.value && flag.plain && flag.valueStart !== undefined) {
            check(flag.valueStart, flag.end);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return problems;
}
