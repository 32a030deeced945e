// Every place a compose file names something: services, top-level networks,
// volumes, secrets and configs (declared or used), YAML anchors and their
// aliases, the two names that point into a Dockerfile (`build.target`, a
// `build.args` key), and the service of another file that `extends` names. Definition, references, highlights and rename read this
// index; it is built once per model.
import type { Node } from 'yaml';
import type { ComposeModel } from './model';
import type { ResourceKind, Service } from './service';
import { isAlias, isMap, isScalar, isSeq, nodeSpan, subSpan } from './yaml-tree';

export type NameKind = 'services' | ResourceKind;

export type Span = [number, number];

export interface Occurrence {
  kind: NameKind | 'anchor' | 'target' | 'arg' | 'extends';
  name: string;
  /** Offsets of the name itself: no quotes, no `&`/`*`, no `:alias` suffix. */
  span: Span;
  declaration: boolean;
  /** Anchors and aliases: the anchored node, which tells same-named anchors apart. */
  anchored?: Node;
  /** `target` and `arg`: the service whose build names it; `extends`: the service that extends. */
  service?: Service;
}

export const resourceKinds: readonly ResourceKind[] = ['networks', 'volumes', 'secrets', 'configs'];

/** Every occurrence in the file, found once per model. */
export function occurrences(model: ComposeModel): readonly Occurrence[] {
  return model.derived(collect);
}

/** The occurrence under an offset, if any. */
export function occurrenceAt(model: ComposeModel, offset: number): Occurrence | undefined {
  return occurrences(model).find((o) => o.span[0] <= offset && offset <= o.span[1]);
}

/** True when two occurrences name the same thing within one file. */
export function sameSymbol(a: Occurrence, b: Occurrence): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'anchor') return a.anchored === b.anchored;
  if (a.kind === 'target') return a.name.toLowerCase() === b.name.toLowerCase();
  if (a.kind === 'extends') return a.name === b.name && a.service?.extends?.file?.text === b.service?.extends?.file?.text;
  return a.name === b.name;
}

function collect(model: ComposeModel): Occurrence[] {
  const text = model.text;
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (occurrence: Omit<Occurrence, 'span'> & { span: Span | undefined }): void => {
    const span = occurrence.span;
    if (!span || occurrence.name === '') return;
    // Merge keys share one node between services: record each place once.
    const key = `${occurrence.kind}:${span[0]}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...occurrence, span });
  };
  /** The name at the start of a scalar, as source offsets (quotes excluded). */
  const nameSpan = (node: Node | undefined, start: number, name: string): Span | undefined => (isScalar(node) ? subSpan(node, text, start, start + name.length) : undefined);
  const reference = (kind: NameKind, name: string, node: Node | undefined, start = 0): void => add({ kind, name, span: nameSpan(node, start, name), declaration: false });

  for (const service of model.services) {
    add({ kind: 'services', name: service.name, span: nameSpan(service.keyNode, 0, service.name), declaration: true });
    for (const dependency of service.dependsOn) reference('services', dependency.name, dependency.node);
    for (const link of service.links) if (!link.interpolated) reference('services', link.text.split(':')[0]!, link.node);
    for (const from of service.volumesFrom) {
      if (!from.interpolated && !from.text.startsWith('container:')) reference('services', from.text.split(':')[0]!, from.node);
    }
    const base = service.extends?.service;
    if (base && !base.interpolated) {
      // With `file`, a service of that file: navigation resolves the path.
      if (service.extends!.file) add({ kind: 'extends', name: base.text, span: nameSpan(base.node, 0, base.text), declaration: false, service });
      else reference('services', base.text, base.node);
    }
    for (const mode of [service.networkMode, service.ipc]) {
      if (mode && !mode.interpolated && mode.text.startsWith('service:')) reference('services', mode.text.slice('service:'.length), mode.node, 'service:'.length);
    }
    for (const network of service.networks) reference('networks', network.name, network.node);
    const buildNetwork = service.build?.network;
    if (buildNetwork && !buildNetwork.interpolated && buildNetwork.text !== 'host' && buildNetwork.text !== 'none') reference('networks', buildNetwork.text, buildNetwork.node);
    for (const mount of service.volumes) {
      if (mount.type === 'volume' && mount.source !== undefined && mount.sourceSpan && !mount.interpolated) add({ kind: 'volumes', name: mount.source, span: mount.sourceSpan, declaration: false });
    }
    for (const secret of [...service.secrets, ...(service.build?.secrets ?? [])]) reference('secrets', secret.name, secret.node);
    for (const config of service.configs) reference('configs', config.name, config.node);
    const target = service.build?.target;
    if (target && !target.interpolated) add({ kind: 'target', name: target.text, span: nameSpan(target.node, 0, target.text), declaration: false, service });
    for (const arg of service.build?.args ?? []) add({ kind: 'arg', name: arg.name, span: nameSpan(arg.node, 0, arg.name), declaration: false, service });
  }
  for (const kind of resourceKinds) {
    for (const resource of model.resources(kind)) add({ kind, name: resource.name, span: nameSpan(resource.keyNode, 0, resource.name), declaration: true });
  }
  collectAnchors(model, add);
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** `&name` on anchored nodes and `*name` aliases, found by a walk that never follows an alias. */
function collectAnchors(model: ComposeModel, add: (occurrence: Omit<Occurrence, 'span'> & { span: Span | undefined }) => void): void {
  const text = model.text;
  for (const document of model.documents) {
    const stack: unknown[] = [document.contents];
    const visited: { node: Node; start: number }[] = [];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || node === undefined || typeof node !== 'object') continue;
      if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      }
      const span = nodeSpan(node);
      if (span) visited.push({ node: node as Node, start: span[0] });
      if (isAlias(node) && span) {
        const target = model.tree.resolve(node);
        if (target) add({ kind: 'anchor', name: node.source, span: [span[0] + 1, span[0] + 1 + node.source.length], declaration: false, anchored: target });
      }
    }
    // The parser keeps an anchor's name but not its place: it is the last `&name` before the node's value.
    for (const { node, start } of visited) {
      const anchor = (node as { anchor?: string }).anchor;
      const at = anchor ? anchorBefore(text, anchor, document.range[0], start) : undefined;
      if (anchor && at !== undefined) add({ kind: 'anchor', name: anchor, span: [at + 1, at + 1 + anchor.length], declaration: true, anchored: node });
    }
  }
}

function anchorBefore(text: string, name: string, floor: number, start: number): number | undefined {
  for (let at = text.lastIndexOf(`&${name}`, start); at >= floor && at >= 0; at = text.lastIndexOf(`&${name}`, at - 1)) {
    const before = text[at - 1];
    const after = text[at + 1 + name.length];
    if ((before === undefined || /[\s:[{,-]/.test(before)) && (after === undefined || /[\s,\]}]/.test(after))) return at;
  }
  return undefined;
}
