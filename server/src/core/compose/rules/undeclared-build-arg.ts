import { declaredArgs, isPredefinedArg } from '../dockerfile-link';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undeclaredBuildArg: ComposeRule = {
  id: 'undeclared-build-arg',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `build.args` key that no ARG of the service\'s Dockerfile declares.',
    why:
      'A build argument only reaches the build through an `ARG NAME` line; without one it is ignored (BuildKit warns ' +
      'that it was not consumed), so the value you set here has no effect, often because of a typo. Proxy variables and ' +
      'BuildKit\'s predefined arguments need no ARG.',
    example:
      'services:\n  app:\n    image: example/app:1.0\n    build:\n      args:\n        NODE_ENV: production\n      dockerfile_inline: |\n        FROM node:22-slim\n        ARG NODE_VERSION\n',
    fixedExample:
      'services:\n  app:\n    image: example/app:1.0\n    build:\n      args:\n        NODE_ENV: production\n      dockerfile_inline: |\n        FROM node:22-slim\n        ARG NODE_ENV\n',
  },
  check(context) {
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of context.model.services) {
      const args = service.build?.args ?? [];
      if (args.length === 0) continue;
      const link = project.build(service);
      if (!link?.dockerfile) continue;
      const declared = declaredArgs(link.dockerfile);
      const where = link.inline ? 'the inline Dockerfile' : link.dockerfilePath ? project.display(link.dockerfilePath) : 'the Dockerfile';
      for (const arg of args) {
        if (declared.has(arg.name) || isPredefinedArg(arg.name) || arg.name.includes('$')) continue;
        const suggestion = closest(arg.name, [...declared]);
        report(arg.nameSpan ?? arg.node, `Build argument ${arg.name} of service '${service.name}' is not declared by any ARG in ${where}, so the build ignores it${suggestion ? `; did you mean ${suggestion}?` : '.'}`);
      }
    }
  },
};
