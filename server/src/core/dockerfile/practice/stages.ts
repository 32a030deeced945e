import type { DockerfileModel, Stage } from '../model';

/**
 * Stages whose layers never become an image: built only so that another stage
 * can `COPY --from` (or mount) their files, and not the last stage. Files left
 * in their layers cost build time, not image size, so size checks skip them.
 */
export function artifactOnlyStages(model: DockerfileModel): ReadonlySet<Stage> {
  return model.derived(computeArtifactOnly);
}

function computeArtifactOnly(model: DockerfileModel): Set<Stage> {
  const last = model.stages[model.stages.length - 1];
  const copied = new Set<Stage>();
  const children = new Map<Stage, Stage[]>();
  for (const link of model.stageLinks) {
    if (link.kind === 'from') children.set(link.used, [...(children.get(link.used) ?? []), link.user]);
    else copied.add(link.used);
  }
  const result = new Set<Stage>();
  // Later stages first, so that a stage's children are decided before it.
  for (const stage of [...model.stages].reverse()) {
    if (stage === last || !copied.has(stage)) continue;
    if ((children.get(stage) ?? []).every((child) => result.has(child))) result.add(stage);
  }
  return result;
}
