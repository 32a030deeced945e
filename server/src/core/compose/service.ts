import type { Node, YAMLMap } from 'yaml';
import { mayInterpolate } from './interpolation';
import { parsePortSpec, parseVolumeSpec, type MountType } from './specs';
import { type AnchorIndex, isMap, isScalar, isSeq, keyString, type MapEntry, nodeSpan, scalarText, subSpan } from './yaml-tree';

/** A scalar with its text as Compose reads it (numbers as written). */
export interface TextValue {
  text: string;
  node: Node;
  /** True when the text holds a `${...}` or `$NAME` that Compose substitutes. */
  interpolated: boolean;
}

export type Span = [number, number];

/** A `KEY=value` item or a `KEY: value` pair (environment, build args, labels). */
export interface KeyValue {
  name: string;
  /** Undefined for `KEY` alone or `KEY:` with no value: the value comes from the shell. */
  value: string | undefined;
  /** The node that holds the name: the key of a pair, or the whole list item. */
  node: Node;
  nameSpan: Span | undefined;
  valueNode: Node | undefined;
  valueSpan: Span | undefined;
  /** True when the value is written as a plain or quoted literal without interpolation. */
  literal: boolean;
}

/** A name that points at something defined elsewhere: a network, a secret, a service. */
export interface NameRef {
  name: string;
  node: Node;
  span: Span | undefined;
}

export interface Dependency extends NameRef {
  condition: TextValue | undefined;
  required: boolean;
}

export interface PortMapping {
  /** The list item: a scalar (short syntax) or a mapping (long syntax). */
  node: Node;
  short: boolean;
  hostIp: string | undefined;
  hostIpSpan: Span | undefined;
  /** Host port or range; undefined when Compose picks one. */
  published: string | undefined;
  publishedSpan: Span | undefined;
  target: string | undefined;
  targetSpan: Span | undefined;
  protocol: string;
  interpolated: boolean;
}

export interface Mount {
  node: Node;
  short: boolean;
  type: MountType;
  source: string | undefined;
  sourceSpan: Span | undefined;
  target: string | undefined;
  targetSpan: Span | undefined;
  readOnly: boolean;
  interpolated: boolean;
}

export interface EnvFileRef {
  path: string;
  required: boolean;
  node: Node;
  interpolated: boolean;
}

export interface BuildConfig {
  entry: MapEntry;
  /** `build: ./dir` (short form) or the `context` value; undefined means the compose file's folder. */
  context: TextValue | undefined;
  dockerfile: TextValue | undefined;
  dockerfileInline: TextValue | undefined;
  target: TextValue | undefined;
  args: KeyValue[];
  secrets: NameRef[];
  network: TextValue | undefined;
}

export interface ExtendsRef {
  entry: MapEntry;
  service: TextValue | undefined;
  file: TextValue | undefined;
}

export interface Service {
  name: string;
  keyNode: Node;
  /** The service's mapping; undefined when the service is not a mapping. */
  node: YAMLMap | undefined;
  /** Index of the YAML document that defines it. */
  document: number;
  /** The effective value of a key (merge keys applied, aliases resolved). */
  get(key: string): MapEntry | undefined;
  keys(): ReadonlyMap<string, MapEntry>;
  image: TextValue | undefined;
  build: BuildConfig | undefined;
  ports: PortMapping[];
  expose: TextValue[];
  volumes: Mount[];
  volumesFrom: TextValue[];
  networks: NameRef[];
  networkMode: TextValue | undefined;
  dependsOn: Dependency[];
  links: TextValue[];
  healthcheck: MapEntry | undefined;
  /** True when `healthcheck` defines a check (not `disable: true`, not `test: ["NONE"]`). */
  hasHealthcheck: boolean;
  environment: KeyValue[];
  envFiles: EnvFileRef[];
  secrets: NameRef[];
  configs: NameRef[];
  user: TextValue | undefined;
  init: MapEntry | undefined;
  restart: TextValue | undefined;
  profiles: TextValue[];
  extends: ExtendsRef | undefined;
  deploy: MapEntry | undefined;
  containerName: TextValue | undefined;
  privileged: MapEntry | undefined;
  capAdd: TextValue[];
  securityOpt: TextValue[];
  pid: TextValue | undefined;
  ipc: TextValue | undefined;
  usernsMode: TextValue | undefined;
}

/** Reads one service's mapping into typed fields; everything else stays reachable through `get`. */
export function readService(name: string, keyNode: Node, value: Node | undefined, document: number, tree: AnchorIndex, text: string): Service {
  const node = isMap(value) ? value : undefined;
  const keys = node ? tree.entries(node) : new Map<string, MapEntry>();
  const get = (key: string): MapEntry | undefined => {
    const entry = keys.get(key);
    return entry && !entry.reset ? entry : undefined;
  };
  const reader = new Reader(tree, text);
  return {
    name,
    keyNode,
    node,
    document,
    get,
    keys: () => keys,
    image: reader.text(get('image')?.value),
    build: reader.build(get('build')),
    ports: reader.ports(get('ports')?.value),
    expose: reader.list(get('expose')?.value),
    volumes: reader.mounts(get('volumes')?.value),
    volumesFrom: reader.list(get('volumes_from')?.value),
    networks: reader.names(get('networks')?.value),
    networkMode: reader.text(get('network_mode')?.value),
    dependsOn: reader.dependencies(get('depends_on')?.value),
    links: reader.list(get('links')?.value),
    healthcheck: get('healthcheck'),
    hasHealthcheck: healthcheckEnabled(get('healthcheck'), tree),
    environment: reader.keyValues(get('environment')?.value),
    envFiles: reader.envFiles(get('env_file')?.value),
    secrets: reader.names(get('secrets')?.value, 'source'),
    configs: reader.names(get('configs')?.value, 'source'),
    user: reader.text(get('user')?.value),
    init: get('init'),
    restart: reader.text(get('restart')?.value),
    profiles: reader.list(get('profiles')?.value),
    extends: reader.extendsRef(get('extends')),
    deploy: get('deploy'),
    containerName: reader.text(get('container_name')?.value),
    privileged: get('privileged'),
    capAdd: reader.list(get('cap_add')?.value),
    securityOpt: reader.list(get('security_opt')?.value),
    pid: reader.text(get('pid')?.value),
    ipc: reader.text(get('ipc')?.value),
    usernsMode: reader.text(get('userns_mode')?.value),
  };
}

class Reader {
  constructor(
    private readonly tree: AnchorIndex,
    private readonly source: string,
  ) {}

  text(node: Node | undefined): TextValue | undefined {
    const text = scalarText(node);
    return text === undefined || !node ? undefined : { text, node, interpolated: mayInterpolate(text) };
  }

  list(node: Node | undefined): TextValue[] {
    const resolved = this.tree.resolve(node);
    if (isScalar(resolved)) {
      const single = this.text(resolved);
      return single ? [single] : [];
    }
    const out: TextValue[] = [];
    for (const item of this.tree.items(resolved)) {
      const value = this.text(item);
      if (value) out.push(value);
    }
    return out;
  }

  /** A list of names, or a mapping whose keys are names (networks, secrets, configs, depends_on). */
  names(node: Node | undefined, longKey?: string): NameRef[] {
    const resolved = this.tree.resolve(node);
    const out: NameRef[] = [];
    if (isMap(resolved)) {
      for (const entry of this.tree.entries(resolved).values()) {
        if (!entry.reset) out.push({ name: entry.key, node: entry.keyNode, span: nodeSpan(entry.keyNode) });
      }
    } else if (isSeq(resolved)) {
      for (const item of this.tree.items(resolved)) {
        if (isMap(item) && longKey) {
          const source = this.tree.get(item, longKey)?.value;
          const name = scalarText(source);
          if (name !== undefined && source) out.push({ name, node: source, span: nodeSpan(source) });
          continue;
        }
        const name = scalarText(item);
        if (name !== undefined) out.push({ name, node: item, span: nodeSpan(item) });
      }
    }
    return out;
  }

  dependencies(node: Node | undefined): Dependency[] {
    const resolved = this.tree.resolve(node);
    if (isMap(resolved)) {
      return [...this.tree.entries(resolved).values()]
        .filter((entry) => !entry.reset)
        .map((entry) => {
          const required = scalarText(this.tree.get(entry.value, 'required')?.value);
          return {
            name: entry.key,
            node: entry.keyNode,
            span: nodeSpan(entry.keyNode),
            condition: this.text(this.tree.get(entry.value, 'condition')?.value),
            required: required === undefined || required !== 'false',
          };
        });
    }
    return this.names(resolved).map((ref) => ({ ...ref, condition: undefined, required: true }));
  }

  keyValues(node: Node | undefined): KeyValue[] {
    const resolved = this.tree.resolve(node);
    const out: KeyValue[] = [];
    if (isMap(resolved)) {
      for (const entry of this.tree.entries(resolved).values()) {
        if (entry.reset) continue;
        const value = scalarText(entry.value);
        out.push({
          name: entry.key,
          value,
          node: entry.keyNode,
          nameSpan: nodeSpan(entry.keyNode),
          valueNode: entry.value,
          valueSpan: nodeSpan(entry.value),
          literal: value !== undefined && !mayInterpolate(value),
        });
      }
    } else if (isSeq(resolved)) {
      for (const item of this.tree.items(resolved)) {
        const text = scalarText(item);
        if (text === undefined || !isScalar(item)) continue;
        const equals = text.indexOf('=');
        const name = equals < 0 ? text : text.slice(0, equals);
        const value = equals < 0 ? undefined : text.slice(equals + 1);
        out.push({
          name,
          value,
          node: item,
          nameSpan: subSpan(item, this.source, 0, name.length),
          valueNode: equals < 0 ? undefined : item,
          valueSpan: equals < 0 ? undefined : subSpan(item, this.source, equals + 1, text.length),
          literal: value !== undefined && !mayInterpolate(value),
        });
      }
    }
    return out;
  }

  ports(node: Node | undefined): PortMapping[] {
    const out: PortMapping[] = [];
    for (const item of this.tree.items(node)) {
      if (isScalar(item)) {
        const text = scalarText(item);
        if (text === undefined) continue;
        const spec = parsePortSpec(text);
        if (!spec) continue;
        const span = (part: { start: number; end: number } | undefined): Span | undefined => (part ? subSpan(item, this.source, part.start, part.end) : undefined);
        out.push({
          node: item,
          short: true,
          hostIp: spec.hostIp?.text,
          hostIpSpan: span(spec.hostIp),
          published: spec.published?.text,
          publishedSpan: span(spec.published),
          target: spec.target.text,
          targetSpan: span(spec.target),
          protocol: spec.protocol,
          interpolated: mayInterpolate(text),
        });
      } else if (isMap(item)) {
        const field = (key: string): { text: string | undefined; node: Node | undefined } => {
          const value = this.tree.get(item, key)?.value;
          return { text: scalarText(value), node: value };
        };
        const hostIp = field('host_ip');
        const published = field('published');
        const target = field('target');
        const protocol = field('protocol').text ?? 'tcp';
        out.push({
          node: item,
          short: false,
          hostIp: hostIp.text,
          hostIpSpan: nodeSpan(hostIp.node),
          published: published.text,
          publishedSpan: nodeSpan(published.node),
          target: target.text,
          targetSpan: nodeSpan(target.node),
          protocol: protocol.toLowerCase(),
          interpolated: [hostIp.text, published.text, target.text].some((t) => t !== undefined && mayInterpolate(t)),
        });
      }
    }
    return out;
  }

  mounts(node: Node | undefined): Mount[] {
    const out: Mount[] = [];
    for (const item of this.tree.items(node)) {
      if (isScalar(item)) {
        const text = scalarText(item);
        if (text === undefined) continue;
        const spec = parseVolumeSpec(text);
        out.push({
          node: item,
          short: true,
          type: spec.type,
          source: spec.source?.text,
          sourceSpan: spec.source ? subSpan(item, this.source, spec.source.start, spec.source.end) : undefined,
          target: spec.target?.text,
          targetSpan: spec.target ? subSpan(item, this.source, spec.target.start, spec.target.end) : undefined,
          readOnly: spec.readOnly,
          interpolated: mayInterpolate(text),
        });
      } else if (isMap(item)) {
        const source = this.tree.get(item, 'source')?.value;
        const target = this.tree.get(item, 'target')?.value;
        const sourceText = scalarText(source);
        const targetText = scalarText(target);
        const readOnly = scalarText(this.tree.get(item, 'read_only')?.value);
        out.push({
          node: item,
          short: false,
          type: scalarText(this.tree.get(item, 'type')?.value) ?? 'volume',
          source: sourceText,
          sourceSpan: nodeSpan(source),
          target: targetText,
          targetSpan: nodeSpan(target),
          readOnly: readOnly === 'true',
          interpolated: [sourceText, targetText].some((t) => t !== undefined && mayInterpolate(t)),
        });
      }
    }
    return out;
  }

  envFiles(node: Node | undefined): EnvFileRef[] {
    const resolved = this.tree.resolve(node);
    const items = isSeq(resolved) ? this.tree.items(resolved) : resolved ? [resolved] : [];
    const out: EnvFileRef[] = [];
    for (const item of items) {
      if (isScalar(item)) {
        const path = scalarText(item);
        if (path !== undefined) out.push({ path, required: true, node: item, interpolated: mayInterpolate(path) });
      } else if (isMap(item)) {
        const pathNode = this.tree.get(item, 'path')?.value;
        const path = scalarText(pathNode);
        const required = scalarText(this.tree.get(item, 'required')?.value);
        if (path !== undefined && pathNode) out.push({ path, required: required !== 'false', node: pathNode, interpolated: mayInterpolate(path) });
      }
    }
    return out;
  }

  build(entry: MapEntry | undefined): BuildConfig | undefined {
    if (!entry) return undefined;
    const value = entry.value;
    if (isScalar(value)) {
      return { entry, context: this.text(value), dockerfile: undefined, dockerfileInline: undefined, target: undefined, args: [], secrets: [], network: undefined };
    }
    if (!isMap(value)) return { entry, context: undefined, dockerfile: undefined, dockerfileInline: undefined, target: undefined, args: [], secrets: [], network: undefined };
    const field = (key: string): TextValue | undefined => this.text(this.tree.get(value, key)?.value);
    return {
      entry,
      context: field('context'),
      dockerfile: field('dockerfile'),
      dockerfileInline: field('dockerfile_inline'),
      target: field('target'),
      args: this.keyValues(this.tree.get(value, 'args')?.value),
      secrets: this.names(this.tree.get(value, 'secrets')?.value, 'source'),
      network: field('network'),
    };
  }

  extendsRef(entry: MapEntry | undefined): ExtendsRef | undefined {
    if (!entry) return undefined;
    if (isScalar(entry.value)) return { entry, service: this.text(entry.value), file: undefined };
    return { entry, service: this.text(this.tree.get(entry.value, 'service')?.value), file: this.text(this.tree.get(entry.value, 'file')?.value) };
  }
}

/** A top-level network, volume, secret or config. */
export interface Resource {
  kind: ResourceKind;
  name: string;
  keyNode: Node;
  node: Node | undefined;
  document: number;
  get(key: string): MapEntry | undefined;
  external: boolean;
}

export type ResourceKind = 'networks' | 'volumes' | 'secrets' | 'configs';

export function readResource(kind: ResourceKind, entry: MapEntry, document: number, tree: AnchorIndex): Resource {
  const external = scalarText(tree.get(entry.value, 'external')?.value);
  return {
    kind,
    name: entry.key,
    keyNode: entry.keyNode,
    node: entry.value,
    document,
    get: (key) => tree.get(entry.value, key),
    external: external === 'true' || isMap(tree.get(entry.value, 'external')?.value),
  };
}

function healthcheckEnabled(entry: MapEntry | undefined, tree: AnchorIndex): boolean {
  if (!entry) return false;
  if (scalarText(tree.get(entry.value, 'disable')?.value) === 'true') return false;
  const test = tree.get(entry.value, 'test')?.value;
  const first = isSeq(tree.resolve(test)) ? scalarText(tree.items(test)[0]) : scalarText(test);
  return first !== 'NONE';
}

/** Go's strconv.ParseBool, which Compose uses for interpolated booleans. */
export function truthy(node: Node | undefined): boolean | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

export { keyString };
