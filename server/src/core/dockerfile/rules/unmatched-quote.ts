import type { DockerfileRule } from '../rule';
import { expansionProblems } from '../syntax/expansion';
import { syntaxOf } from '../syntax/scan';

export const unmatchedQuote: DockerfileRule = {
  id: 'unmatched-quote',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A quote that is never closed in an argument the builder expands: `ENV`, `LABEL` and `ARG` values, `WORKDIR`, ' +
      '`USER`, `STOPSIGNAL`, `EXPOSE`, `FROM`, and the paths of `COPY`, `ADD` and `VOLUME`.',
    why:
      'The builder removes quotes when it expands variables, and stops with `unexpected end of statement while looking ' +
      'for matching double-quote` when one is missing. A common case is a path with a space in the shell form of ' +
      '`COPY`, `ADD` or `VOLUME`: they are split at spaces first, so `COPY "my file" /app/` becomes `"my` and `file"`. ' +
      'Use the JSON form for such paths: `COPY ["my file", "/app/"]`. A single quote cannot be escaped inside single quotes.',
    example: 'FROM alpine:3.20\nENV GREETING="hello\nCOPY "read me.txt" /docs/\n',
    fixedExample: 'FROM alpine:3.20\nENV GREETING="hello"\nCOPY ["read me.txt", "/docs/"]\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const problem of expansionProblems(info)) {
      if (problem.kind !== 'quote') continue;
      const { statement } = problem;
      const hint = problem.splitsOnSpaces
        ? `; ${statement.upper} splits its arguments at spaces before it removes quotes, so use the JSON form for values with spaces, e.g. ${statement.upper} ["my file", "/app/"]`
        : '';
      report({ range: problem.range, message: `In ${statement.upper}, ${problem.message}${hint}.` });
    }
  },
};
