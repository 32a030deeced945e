import type { DockerfileRule } from '../rule';
import { syntaxOf } from '../syntax/scan';

export const unterminatedHeredoc: DockerfileRule = {
  id: 'unterminated-heredoc',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A heredoc (`RUN <<EOF`, `COPY <<EOF /path`) whose closing delimiter line never comes.',
    why:
      'A heredoc takes every following line until one that is exactly the delimiter: no spaces around it, and no ' +
      'indentation unless the heredoc is opened with `<<-`, which strips leading tabs (not spaces). Without that line ' +
      'the rest of the file becomes the heredoc and the builder stops with `unterminated heredoc`. Heredocs need ' +
      'BuildKit (Dockerfile syntax 1.4 or later).',
    example: 'FROM alpine:3.20\nRUN <<EOF\n  echo hello\n  EOF\n',
    fixedExample: 'FROM alpine:3.20\nRUN <<EOF\n  echo hello\nEOF\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const statement of info.statements) {
      for (const heredoc of statement.heredocs) {
        if (heredoc.terminated) continue;
        report({
          range: statement.line.range(heredoc.start, heredoc.end),
          message: `The heredoc ${statement.line.text.slice(heredoc.start, heredoc.end)} is never closed: end it with a line containing only ${heredoc.name}${heredoc.chomp ? ' (leading tabs allowed)' : ''}.`,
        });
      }
    }
  },
};
