// Document links in compose files: `image:` to its registry page (Docker Hub,
// ghcr.io, quay.io, mcr.microsoft.com), and the files a compose file names
// (build.dockerfile, env_file, secret and config `file:`, include,
// extends.file) to the file, when it exists.
import type { Node } from 'yaml';
import { imagePage } from '../dockerfile/links';
import type { ComposeContext } from '../feature-context';
import type { DocumentLink } from '../features';
import { isMap, isScalar, nodeSpan, scalarText, subSpan } from './yaml-tree';
import { composeProject } from './project';
import type { TextValue } from './service';

export function documentLinks(context: ComposeContext): DocumentLink[] {
  const { analysis, document } = context;
  const model = analysis.model;
  if (model.text !== document.text) return [];
  const project = composeProject({ model, files: context.service.files, path: document.path });
  const links: DocumentLink[] = [];
  const seen = new Set<number>();
  const add = (span: [number, number] | undefined, target: string, tooltip: string): void => {
    if (!span || seen.has(span[0])) return;
    seen.add(span[0]);
    links.push({ range: model.lines.rangeOf(span[0], span[1]), target, tooltip });
  };
  const fileLink = (node: Node | undefined, path: string | undefined): void => {
    const text = scalarText(node);
    if (!isScalar(node) || text === undefined || path === undefined || !project.fileExists(path)) return;
    add(subSpan(node, model.text, 0, text.length), path, project.display(path));
  };
  const relative = (value: TextValue | undefined): string | undefined => (value ? project.resolvePath(value.text) : undefined);

  for (const service of model.services) {
    const image = service.image;
    if (image && !image.interpolated && isScalar(image.node)) {
      const name = imageName(image.text);
      const page = imagePage(name);
      if (page && name !== '') add(subSpan(image.node, model.text, 0, name.length), page.url, `${name} on ${page.where}`);
    }
    const build = service.build;
    if (build?.dockerfile) fileLink(build.dockerfile.node, project.build(service)?.dockerfilePath);
    for (const envFile of service.envFiles) if (!envFile.interpolated) fileLink(envFile.node, project.resolvePath(envFile.path));
    if (service.extends?.file) fileLink(service.extends.file.node, relative(service.extends.file));
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const resource of model.resources(kind)) {
      const file = resource.get('file')?.value;
      const text = scalarText(file);
      if (file && text !== undefined) fileLink(file, project.resolvePath(text));
    }
  }
  for (const root of model.roots) {
    for (const item of model.tree.items(model.tree.get(root, 'include')?.value)) {
      const node = isMap(item) ? model.tree.get(item, 'path')?.value : item;
      const text = scalarText(node);
      if (node && text !== undefined && nodeSpan(node)) fileLink(node, project.resolvePath(text));
    }
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The name part of an image reference: up to the tag's colon or the digest's `@`. */
function imageName(text: string): string {
  const at = text.indexOf('@');
  const beforeDigest = at >= 0 ? text.slice(0, at) : text;
  const colon = beforeDigest.indexOf(':', beforeDigest.lastIndexOf('/') + 1);
  return colon >= 0 ? beforeDigest.slice(0, colon) : beforeDigest;
}
