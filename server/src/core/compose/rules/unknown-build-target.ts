import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter, quoteList } from '../rule-helpers';
import { closest } from '../schema';
import { nodeSpan } from '../yaml-tree';

export const unknownBuildTarget: ComposeRule = {
  id: 'unknown-build-target',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: '`build.target` naming a stage that the service\'s Dockerfile does not have.',
    why:
      '`build.target` stops the build at a stage of the Dockerfile (`FROM image AS name`); when no stage has that name ' +
      'the build fails with "target stage could not be found", after the context was already sent. Dockhand reads the ' +
      'Dockerfile the service builds (from `context` and `dockerfile`, or `dockerfile_inline`) and lists its stages. ' +
      'Stage names are case-insensitive. The fix picks the closest stage name.',
    example: 'services:\n  app:\n    build:\n      target: prodution\n      dockerfile_inline: |\n        FROM node:22-slim AS build\n        FROM nginx:1.27 AS production\n',
    fixedExample: 'services:\n  app:\n    build:\n      target: production\n      dockerfile_inline: |\n        FROM node:22-slim AS build\n        FROM nginx:1.27 AS production\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of model.services) {
      const target = service.build?.target;
      if (!target || target.interpolated) continue;
      const link = project.build(service);
      const dockerfile = link?.dockerfile;
      if (!dockerfile || dockerfile.stageNamed(target.text)) continue;
      const stages = dockerfile.stages.map((s) => s.name).filter((n): n is string => n !== undefined);
      const where = link.inline ? 'the inline Dockerfile' : link.dockerfilePath ? project.display(link.dockerfilePath) : 'its Dockerfile';
      const suggestion = closest(target.text, stages);
      const span = nodeSpan(target.node);
      const listed = stages.length > 0 ? `its stages are ${quoteList(stages)}` : 'it has no named stages (name one with FROM image AS name)';
      report(
        target.node,
        `build.target '${target.text}' of service '${service.name}' is not a stage of ${where}: ${listed}${suggestion ? `; did you mean '${suggestion}'?` : '.'}`,
        suggestion && span ? { title: `Change the target to '${suggestion}'`, edits: [{ range: model.spanRange(span), newText: suggestion }] } : undefined,
      );
    }
  },
};
