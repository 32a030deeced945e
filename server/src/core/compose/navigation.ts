// Definition, references, symbols and completion that need the compose
// project: services, top-level resources, and the Dockerfile a service builds.
import type { ComposeContext } from '../feature-context';
import type { CompletionItem, DocumentSymbol, Location } from '../features';
import { isMap } from 'yaml';
import { comparePositions, type Position, type Range } from '../text';
import type { ComposeModel } from './model';
import { composeProject } from './project';
import type { Resource, ResourceKind, Service } from './service';
import { locate, scalarValue } from './yaml-path';

const resourceKinds: ResourceKind[] = ['networks', 'volumes', 'secrets', 'configs'];
const symbolKind = { networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' } as const;

function rangeOfNode(model: ComposeModel, node: { range?: [number, number, number] | null } | null | undefined): Range | undefined {
  const r = node?.range;
  return r ? model.lines.rangeOf(r[0], r[1]) : undefined;
}

export function documentSymbols({ analysis }: ComposeContext): DocumentSymbol[] {
  const model = analysis.model;
  const symbols: DocumentSymbol[] = [];
  const section = (name: string, kind: DocumentSymbol['kind'], items: readonly (Service | Resource)[]): void => {
    const pair = model.topLevel(name);
    const range = rangeOfNode(model, pair?.key as never);
    if (!pair || !range) return;
    const valueRange = rangeOfNode(model, pair.value as never) ?? range;
    // The body as written: `web: *base` ends at the alias, not at the anchored mapping it resolves to.
    const written = new Map<unknown, unknown>();
    if (isMap(pair.value)) for (const entry of pair.value.items) written.set(entry.key, entry.value);
    const children = items.flatMap((item) => {
      const keyRange = rangeOfNode(model, item.keyNode);
      if (!keyRange) return [];
      const body = rangeOfNode(model, (written.has(item.keyNode) ? written.get(item.keyNode) : item.node) as never);
      const end = body && comparePositions(body.end, keyRange.end) > 0 ? body.end : keyRange.end;
      return [{ name: item.name, kind, range: { start: keyRange.start, end }, selectionRange: keyRange }];
    });
    symbols.push({ name, kind: 'section', range: { start: range.start, end: valueRange.end }, selectionRange: range, children });
  };
  section('services', 'service', model.services);
  for (const kind of resourceKinds) section(kind, symbolKind[kind], model.resources(kind));
  return symbols;
}

/** The service's key and the services of the file, for references by name. */
function serviceNamed(model: ComposeModel, name: string): Service | undefined {
  return model.services.find((s) => s.name === name);
}

const serviceReferenceKeys = new Set(['depends_on', 'links', 'volumes_from']);

export function definition(context: ComposeContext, position: Position): Location[] {
  const { analysis, document } = context;
  const model = analysis.model;
  const offset = model.lines.offsetAt(position);
  const where = locate(model, offset);
  const value = scalarValue(where.scalar);
  const [top, serviceName, key, sub] = where.path;
  if (top !== 'services' || serviceName === undefined || value === undefined) return [];
  const self = (name: string): Location[] => {
    const service = serviceNamed(model, name);
    const range = rangeOfNode(model, service?.keyNode);
    return range ? [{ uri: document.uri, range }] : [];
  };
  if (key === 'build' && sub === 'target' && !where.onKey) {
    const service = serviceNamed(model, serviceName);
    const link = service && composeProject({ model, files: context.service.files, path: document.path }).build(service);
    const stage = link?.dockerfile?.stageNamed(value);
    if (link?.dockerfilePath && stage?.nameRange) return [{ path: link.dockerfilePath, range: stage.nameRange }];
    return [];
  }
  if (key && serviceReferenceKeys.has(key)) return self(value.split(':')[0] ?? value);
  if (key === 'depends_on' && where.onKey) return self(value);
  if (key === 'extends' && sub === 'service') return self(value);
  if (key === 'network_mode' && value.startsWith('service:')) return self(value.slice('service:'.length));
  if (key && (resourceKinds as string[]).includes(key)) {
    const resource = model.resources(key as ResourceKind).find((r) => r.name === value);
    const range = rangeOfNode(model, resource?.keyNode);
    return range ? [{ uri: document.uri, range }] : [];
  }
  return [];
}

export function completion(context: ComposeContext, position: Position): CompletionItem[] {
  const { analysis, document } = context;
  const model = analysis.model;
  const where = locate(model, model.lines.offsetAt(position));
  const [top, serviceName, key, sub] = where.path;
  if (top !== 'services' || serviceName === undefined) return [];
  const service = serviceNamed(model, serviceName);
  if (key === 'build' && (sub === 'target' || sub === 'args')) {
    const link = service && composeProject({ model, files: context.service.files, path: document.path }).build(service);
    const dockerfile = link?.dockerfile;
    if (!dockerfile) return [];
    if (sub === 'target' && !where.onKey) {
      return dockerfile.stages
        .filter((stage) => stage.name !== undefined)
        .map((stage, index) => ({ label: stage.name!, kind: 'reference' as const, detail: `stage FROM ${stage.baseText}`, documentation: `Stage \`${stage.name}\` of \`${link.dockerfilePath ?? 'the Dockerfile'}\`, line ${stage.from.getRange().start.line + 1}.`, sortText: String(index).padStart(3, '0') }));
    }
    if (sub === 'args') {
      const names = new Set(dockerfile.variables.definitions.filter((d) => d.kind === 'arg').map((d) => d.name));
      return [...names].map((name) => ({ label: name, kind: 'variable' as const, detail: 'ARG of the Dockerfile', insertText: where.path.includes('[]') ? `${name}=` : `${name}: ` }));
    }
  }
  if (key === 'depends_on' || key === 'links' || key === 'volumes_from' || (key === 'extends' && sub === 'service')) {
    return model.services.filter((s) => s.name !== serviceName).map((s) => ({ label: s.name, kind: 'reference' as const, detail: 'service' }));
  }
  if (key && (resourceKinds as string[]).includes(key)) {
    return model.resources(key as ResourceKind).map((r) => ({ label: r.name, kind: 'reference' as const, detail: `top-level ${key}` }));
  }
  return [];
}
