import type { DockerfileRule } from '../rule';
import { keywordRange } from '../syntax/commands';
import { syntaxOf } from '../syntax/scan';

export const missingFrom: DockerfileRule = {
  id: 'missing-from',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A Dockerfile with instructions but no `FROM`.',
    why:
      'A build stage starts with `FROM`, which names the base image (or `scratch` for an empty one). Without one there ' +
      'is nothing to build and the builder stops with `dockerfile contains no stages to build`. A file that is meant to ' +
      'be included into another (a fragment) is not a Dockerfile the builder can use on its own.',
    example: 'RUN echo hello\nCMD ["sh"]\n',
    fixedExample: 'FROM alpine:3.20\nRUN echo hello\nCMD ["sh"]\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    const first = info.statements[0];
    if (!first || info.statements.some((s) => s.upper === 'FROM')) return;
    report({ range: keywordRange(first, first), message: 'This Dockerfile has no FROM, so there is no build stage; start it with FROM <image>.' });
  },
};
