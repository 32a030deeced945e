import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const healthyConditionWithoutHealthcheck: ComposeRule = {
  id: 'healthy-condition-without-healthcheck',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: '`depends_on` with `condition: service_healthy` on a service that has no `healthcheck` (and whose Dockerfile, when Dockhand can read it, has no HEALTHCHECK).',
    why:
      '`service_healthy` waits until the dependency reports healthy, which only a healthcheck can do. Without one, ' +
      'Compose fails the start with "container has no healthcheck configured" (unless the image itself declares a `HEALTHCHECK`, which Dockhand cannot see for a pulled image). Add a `healthcheck` to the dependency ' +
      '(most images ship a readiness command, such as `pg_isready` for PostgreSQL), or wait for `service_started` only.',
    example:
      'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:17\n',
    fixedExample:
      'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:17\n    healthcheck:\n      test: ["CMD", "pg_isready", "-U", "postgres"]\n      interval: 5s\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of model.services) {
      for (const dependency of service.dependsOn) {
        // `required: false` tolerates a dependency that never gets healthy.
        if (dependency.condition?.text !== 'service_healthy' || !dependency.required) continue;
        const definitions = project.mergedDefinitions(dependency.name);
        if (definitions.length === 0) continue;
        if (definitions.some((d) => d.extends !== undefined)) continue;
        if (definitions.some((d) => d.hasHealthcheck)) continue;
        // A HEALTHCHECK in the Dockerfile that builds the dependency counts too.
        const builds = definitions.map((d) => project.build(d)).filter((b) => b !== undefined);
        if (builds.some((b) => b.dockerfile === undefined)) continue;
        if (builds.some((b) => hasDockerfileHealthcheck(b.targetStage))) continue;
        // An image Dockhand cannot look into may declare its own HEALTHCHECK, so say so rather than assert there is none.
        const image = builds.length === 0 ? definitions.find((d) => d.image !== undefined)?.image?.text : undefined;
        const missing = image === undefined
          ? `'${dependency.name}' has no healthcheck, so Compose fails the start`
          : `'${dependency.name}' sets no healthcheck, so unless image '${image}' declares a HEALTHCHECK, Compose fails the start`;
        report(dependency.condition.node, `Service '${service.name}' waits for '${dependency.name}' to be healthy, but ${missing}; add a healthcheck to '${dependency.name}' or wait for service_started.`);
      }
    }
  },
};

function hasDockerfileHealthcheck(stage: { instructions: { getKeyword(): string }[]; parent: unknown } | undefined): boolean {
  let current = stage;
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')) return true;
    current = current.parent as typeof current;
  }
  return false;
}
