import type { DockerfileRule } from '../rule';
import { keywordRange } from '../syntax/commands';
import { syntaxOf } from '../syntax/scan';

export const onbuildDisallowedTrigger: DockerfileRule = {
  id: 'onbuild-disallowed-trigger',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['hadolint:DL3043'],
  docs: {
    finds: '`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.',
    why:
      '`ONBUILD` stores an instruction that runs at the start of every build `FROM` this image. Chaining `ONBUILD` and ' +
      'registering `FROM` or `MAINTAINER` are not allowed, and the builder refuses the file. To build on another image ' +
      'downstream, the downstream Dockerfile has to say `FROM` itself.',
    example: 'FROM alpine:3.20\nONBUILD ONBUILD RUN echo deep\n',
    fixedExample: 'FROM alpine:3.20\nONBUILD RUN echo downstream\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const statement of info.statements) {
      const trigger = statement.trigger;
      if (!trigger) continue;
      const message =
        trigger.upper === 'ONBUILD'
          ? 'ONBUILD ONBUILD is not allowed: a trigger cannot register another trigger.'
          : trigger.upper === 'FROM' || trigger.upper === 'MAINTAINER'
            ? `${trigger.upper} is not allowed as an ONBUILD trigger.`
            : undefined;
      if (message) report({ range: keywordRange(statement, trigger), message });
    }
  },
};
