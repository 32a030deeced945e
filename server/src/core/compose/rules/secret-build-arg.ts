import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import { looksLikeSecretName } from './hardcoded-secret';

export const secretBuildArg: ComposeRule = {
  id: 'secret-build-arg',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `build.args` entry whose name says password, secret, token or key.',
    why:
      'Build arguments are not secret: every value that a RUN instruction uses is recorded in the image history ' +
      '(`docker history`), whether it was written here or came from `${VARIABLE}`. Pass secrets to a build with ' +
      '`build.secrets` and read them in the Dockerfile with `RUN --mount=type=secret,id=NAME` (the file is at ' +
      '/run/secrets/NAME only during that RUN).',
    example: 'services:\n  app:\n    image: example/app:1.0\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        ARG NPM_TOKEN\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n',
    fixedExample:
      'services:\n  app:\n    image: example/app:1.0\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        RUN --mount=type=secret,id=npm_token cat /run/secrets/npm_token > /dev/null\n      secrets:\n        - npm_token\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      for (const arg of service.build?.args ?? []) {
        if (!looksLikeSecretName(arg.name)) continue;
        report(arg.nameSpan ?? arg.node, `Build argument ${arg.name} of service '${service.name}' looks like a secret, but build arguments are recorded in the image history; use build.secrets and RUN --mount=type=secret instead.`);
      }
    }
  },
};
