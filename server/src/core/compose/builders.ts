// The other direction of a compose file's `build:`: from a Dockerfile, the
// compose services that build it, so that renaming a stage or an ARG reaches
// the `build.target` and `build.args` that name them. The compose files near
// a file also tell which of them `extends` a service of it.
import { isComposeFileName } from '../document-kind';
import type { FileAccess } from '../files';
import { dirname, resolve } from '../paths';
import type { ComposeModel } from './model';
import { type BuildLink, composeProject, loadCompose } from './project';
import { occurrences } from './occurrences';
import type { Service } from './service';

export interface BuildingService {
  /** The compose file's path. */
  path: string;
  model: ComposeModel;
  service: Service;
  link: BuildLink;
}

/**
 * A compose file usually sits in the folder of a file it names or a folder or
 * two above it (`build: ./app`, `extends: { file: ./common/base.yaml }`).
 */
const foldersUp = 2;

/**
 * The compose files in the folder of `path` and the two above it. Files are
 * read through `files`, so open documents count with their unsaved text.
 */
export function composeFilesNear(files: FileAccess, path: string): { path: string; model: ComposeModel }[] {
  const out: { path: string; model: ComposeModel }[] = [];
  let folder = dirname(path);
  for (let level = 0; level <= foldersUp; level++) {
    for (const name of (files.listDirectory(folder) ?? []).filter(isComposeFileName).sort()) {
      const file = resolve(folder, name);
      const text = files.readFile(file);
      if (text !== undefined) out.push({ path: file, model: loadCompose(file, text) });
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return out;
}

/** The services of the compose files near a Dockerfile whose build uses it. */
export function servicesBuilding(files: FileAccess, dockerfilePath: string): BuildingService[] {
  const out: BuildingService[] = [];
  for (const { path, model } of composeFilesNear(files, dockerfilePath)) {
    const project = composeProject({ model, files, path });
    for (const service of model.services) {
      const link = project.build(service);
      if (link?.dockerfilePath === dockerfilePath) out.push({ path, model, service, link });
    }
  }
  return out;
}

/** A name in a compose file: `path` undefined for the document being edited. */
export interface ComposePlace {
  path: string | undefined;
  model: ComposeModel;
  span: [number, number];
  service: Service;
}

/** Files, and the services that build a Dockerfile as `servicesBuilding` finds them (the language service remembers them). */
export interface Neighbours {
  files: FileAccess;
  servicesBuilding(dockerfilePath: string): readonly BuildingService[];
}

/**
 * Every `build.target` (kind `target`, compared as BuildKit does, ignoring
 * case) or `build.args` key (kind `arg`) naming `name` in a service that
 * builds the Dockerfile at `dockerfilePath`: in `current` (the compose
 * document being edited, if any) and in the compose files near the Dockerfile.
 */
export function buildNames(neighbours: Neighbours, dockerfilePath: string, kind: 'target' | 'arg', name: string, current?: { path: string | undefined; model: ComposeModel }): ComposePlace[] {
  const files = neighbours.files;
  const same = (other: string): boolean => (kind === 'target' ? other.toLowerCase() === name.toLowerCase() : other === name);
  const places: ComposePlace[] = [];
  const collect = (path: string | undefined, model: ComposeModel, builds: (service: Service) => boolean): void => {
    for (const occurrence of occurrences(model)) {
      if (occurrence.kind === kind && occurrence.service && same(occurrence.name) && builds(occurrence.service)) places.push({ path, model, span: occurrence.span, service: occurrence.service });
    }
  };
  if (current) {
    const project = composeProject({ model: current.model, files, path: current.path });
    collect(undefined, current.model, (service) => project.build(service)?.dockerfilePath === dockerfilePath);
  }
  const byFile = new Map<string, BuildingService[]>();
  for (const building of neighbours.servicesBuilding(dockerfilePath)) {
    if (building.path === current?.path) continue;
    byFile.set(building.path, [...(byFile.get(building.path) ?? []), building]);
  }
  for (const [path, services] of byFile) collect(path, services[0]!.model, (service) => services.some((b) => b.service === service));
  return places;
}
