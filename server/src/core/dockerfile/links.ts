// Document links: base images (FROM, COPY --from, RUN --mount from=) to their
// registry pages. Stage names, `scratch` and variables without a known value get
// no link; the link covers the image name, not its tag or digest.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../feature-context';
import type { DocumentLink } from '../features';
import type { Range } from '../text';
import { parseImageReference } from './image-reference';
import { modelDescribes } from './format';
import type { DockerfileModel } from './model';

interface FlagLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
  getOption?(name: string): { getValue(): string | null; getValueRange(): Range | null } | null;
}

/** A repository path as the distribution spec allows it: lower-case components joined by `/`. */
const repositoryName = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

const dockerHub = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The registry page of an image name (no tag), and where it is; undefined for registries without a known page. */
export function imagePage(name: string): { url: string; where: string } | undefined {
  const reference = parseImageReference(name);
  const repository = reference.repository;
  if (!repositoryName.test(repository)) return undefined;
  const registry = reference.registry?.toLowerCase();
  if (registry === undefined || dockerHub.has(registry)) {
    const official = repository.startsWith('library/') ? repository.slice('library/'.length) : repository.includes('/') ? undefined : repository;
    if (official !== undefined && !official.includes('/')) return { url: `https://hub.docker.com/_/${official}`, where: 'Docker Hub (official image)' };
    return { url: `https://hub.docker.com/r/${repository}`, where: 'Docker Hub' };
  }
  // ghcr.io's own address redirects to the package page; the GitHub page URL needs the linked repository, which the name does not tell.
  if (registry === 'ghcr.io' && repository.includes('/')) return { url: `https://ghcr.io/${repository}`, where: 'GitHub Container Registry' };
  if (registry === 'quay.io' && repository.includes('/')) return { url: `https://quay.io/repository/${repository}`, where: 'Quay.io' };
  if (registry === 'mcr.microsoft.com') return { url: `https://mcr.microsoft.com/artifact/mar/${repository}`, where: 'Microsoft Artifact Registry' };
  return undefined;
}

/** The length of the name part of an image reference as written: up to the tag's colon or the digest's `@`. */
function nameLength(text: string): number {
  const at = text.indexOf('@');
  const beforeDigest = at >= 0 ? text.slice(0, at) : text;
  const colon = beforeDigest.indexOf(':', beforeDigest.lastIndexOf('/') + 1);
  return colon >= 0 ? colon : beforeDigest.length;
}

function link(written: string, range: Range, resolved: string | undefined): DocumentLink | undefined {
  if (range.start.line !== range.end.line || range.end.character - range.start.character !== written.length) return undefined;
  if (written.includes('$')) {
    // A variable: link the whole reference when its value is known.
    if (resolved === undefined || resolved.includes('$')) return undefined;
    const page = imagePage(resolved.slice(0, nameLength(resolved)));
    return page && { range, target: page.url, tooltip: `${resolved.slice(0, nameLength(resolved))} on ${page.where}` };
  }
  const name = written.slice(0, nameLength(written));
  const page = imagePage(name);
  if (!page || name === '') return undefined;
  return { range: { start: range.start, end: { line: range.start.line, character: range.start.character + name.length } }, target: page.url, tooltip: `${name} on ${page.where}` };
}

function isStageName(model: DockerfileModel, value: string): boolean {
  const lower = value.toLowerCase();
  return /^\d+$/.test(value) || lower === 'scratch' || lower === 'context' || model.stages.some((s) => s.name?.toLowerCase() === lower);
}

export function documentLinks(context: DockerfileContext): DocumentLink[] {
  if (!modelDescribes(context)) return [];
  const model = context.analysis.model;
  const links: DocumentLink[] = [];
  for (const stage of model.stages) {
    if (stage.parent || stage.isScratch || !stage.image || stage.baseText === '') continue;
    const found = link(stage.baseText, stage.baseRange, stage.resolvedBase);
    if (found) links.push(found);
  }
  for (const instruction of model.instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'RUN') continue;
    for (const flag of (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? []) {
      const name = flag.getName().toLowerCase();
      const source = keyword === 'COPY' && name === 'from' ? flag : keyword === 'RUN' && name === 'mount' ? flag.getOption?.('from') : undefined;
      const value = source?.getValue();
      const range = source?.getValueRange();
      if (!value || !range || value.includes('$') || isStageName(model, value)) continue;
      const found = link(value, range, undefined);
      if (found) links.push(found);
    }
  }
  return links;
}
