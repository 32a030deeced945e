import type { DockerfileRule } from '../rule';
import { expansionProblems } from '../syntax/expansion';
import { syntaxOf } from '../syntax/scan';

export const invalidVariableSubstitution: DockerfileRule = {
  id: 'invalid-variable-substitution',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `${...}` the builder cannot expand: `${}`, a missing `}`, or a shell-only form such as `${VAR:=x}`, `${VAR:0:3}` or `${#VAR}`.',
    why:
      'Outside RUN, CMD and ENTRYPOINT (where the shell expands variables), the builder expands `$VAR` and `${VAR}` ' +
      'itself and supports only `${VAR:-default}`, `${VAR:+alternative}`, `${VAR:?message}`, the same without the colon, ' +
      'and `${VAR#pattern}`, `${VAR%pattern}`, `${VAR/pattern/replacement}` (with `##`, `%%`, `//`). Other shell forms ' +
      'stop the build with `unsupported modifier` or `bad substitution`. To use the shell, compute the value in a RUN.',
    example: 'FROM alpine:3.20\nARG VERSION\nENV APP_VERSION=${VERSION:=1.0}\n',
    fixedExample: 'FROM alpine:3.20\nARG VERSION\nENV APP_VERSION=${VERSION:-1.0}\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const problem of expansionProblems(info)) {
      if (problem.kind !== 'substitution') continue;
      report({ range: problem.range, message: `In ${problem.statement.upper}, ${problem.message}.` });
    }
  },
};
