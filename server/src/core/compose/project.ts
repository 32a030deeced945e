import type { Node } from 'yaml';
import { DockerfileModel, type Stage } from '../dockerfile/model';
import type { FileAccess } from '../files';
import { basename, dirname, resolve } from '../paths';
import { type DotEnv, parseDotEnv } from './dotenv';
import { interpolate, mayInterpolate, type VariableLookup } from './interpolation';
import { ComposeModel } from './model';
import type { ResourceKind, Service, TextValue } from './service';
import { isMap, isScalar, isSeq, scalarText } from './yaml-tree';

/**
 * The project a compose file belongs to, as Compose assembles it: the file,
 * `compose.override.yaml` beside `compose.yaml` (or the base file when the
 * document is the override), the files it pulls in with `include`, files named
 * by `extends.file`, the `.env` of the project folder, and the Dockerfiles its
 * services build. Every neighbour is read through the same `FileAccess` as the
 * Dockerfile core; with no path (an unsaved document) only absolute paths resolve.
 */
export interface ProjectFile {
  path: string;
  model: ComposeModel;
}

export interface BuildLink {
  service: Service;
  /** Absolute context folder; undefined when it is remote, interpolated with unknown values, or unresolvable. */
  contextPath: string | undefined;
  contextNode: TextValue | undefined;
  remote: boolean;
  /** Absolute Dockerfile path; undefined for `dockerfile_inline` or when the context is unknown. */
  dockerfilePath: string | undefined;
  /** The Dockerfile's model when it was read (or written inline). */
  dockerfile: DockerfileModel | undefined;
  inline: boolean;
  /** The stage that `build.target` selects (the last stage without a target); undefined when unknown. */
  targetStage: Stage | undefined;
}

const maxIncludeDepth = 8;
/** Longer `extends` chains than this are not followed (Compose has no limit but loops). */
const maxExtendsSteps = 32;
const cacheSize = 64;

/** Small LRU maps shared across analyses: a Dockerfile or neighbour compose file is parsed once per text. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > cacheSize) this.map.delete(this.map.keys().next().value!);
  }
}

const dockerfileCache = new Lru<DockerfileModel>();
const composeCache = new Lru<ComposeModel>();

/** The Dockerfile model for a text, parsed once per (path, text). */
export function loadDockerfile(path: string, text: string): DockerfileModel {
  const key = `${path}\0${text}`;
  let model = dockerfileCache.get(key);
  if (!model) {
    model = new DockerfileModel(text);
    dockerfileCache.set(key, model);
  }
  return model;
}

export function loadCompose(path: string, text: string): ComposeModel {
  const key = `${path}\0${text}`;
  let model = composeCache.get(key);
  if (!model) {
    model = new ComposeModel(text);
    composeCache.set(key, model);
  }
  return model;
}

const baseNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const overrideNames = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

export class ComposeProject {
  /** The project folder: the compose file's folder. */
  readonly dir: string | undefined;
  private dotenvCache: DotEnv | null | undefined;
  private readonly listings = new Map<string, readonly string[] | null>();
  private readonly reads = new Map<string, string | null>();
  private readonly buildCache = new Map<Service, BuildLink | undefined>();
  private neighbourCache: { overrides: ProjectFile[]; base: ProjectFile | undefined } | undefined;
  private includeCache: ProjectFile[] | undefined;
  private readonly namesCache = new Map<string, ReadonlySet<string>>();
  private definitionsCache: Map<string, Service[]> | undefined;

  constructor(
    readonly model: ComposeModel,
    readonly files: FileAccess,
    readonly path: string | undefined,
  ) {
    this.dir = path === undefined ? undefined : dirname(path);
  }

  /** Names in a folder, listed once per analysis. */
  listing(folder: string): readonly string[] | undefined {
    let names = this.listings.get(folder);
    if (names === undefined) {
      names = this.files.listDirectory(folder) ?? null;
      this.listings.set(folder, names);
    }
    return names ?? undefined;
  }

  /** True, false, or undefined when the folder cannot be listed. Avoids reading files that are not there. */
  exists(path: string): boolean | undefined {
    const names = this.listing(dirname(path));
    return names ? names.includes(basename(path)) : undefined;
  }

  /** True when the file exists; a folder that cannot be listed means the file is not there either. */
  fileExists(path: string): boolean {
    const listed = this.exists(path);
    if (listed !== undefined) return listed;
    return this.read(path) !== undefined;
  }

  readFile(path: string): string | undefined {
    if (this.exists(path) === false) return undefined;
    return this.read(path);
  }

  /** A file's text, read once per analysis (several services often build the same Dockerfile). */
  private read(path: string): string | undefined {
    let text = this.reads.get(path);
    if (text === undefined) {
      text = this.files.readFile(path) ?? null;
      this.reads.set(path, text);
    }
    return text ?? undefined;
  }

  /** A path as a person reads it in a message: relative to the compose file's folder when inside it. */
  display(path: string): string {
    if (this.dir !== undefined && path.startsWith(`${this.dir}/`)) return `./${path.slice(this.dir.length + 1)}`;
    return path;
  }

  /** Resolves a path written in the compose file; undefined when it cannot be known here. */
  resolvePath(written: string, base = this.dir): string | undefined {
    const text = mayInterpolate(written) ? this.interpolate(written) : written;
    if (text === undefined || text === '' || text.startsWith('~')) return undefined;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('git@')) return undefined;
    if (/^[A-Za-z]:[\\/]/.test(text)) return undefined;
    if (text.startsWith('/')) return resolve('/', text);
    return base === undefined ? undefined : resolve(base, text);
  }

  /** The `.env` of the project folder; undefined when there is none or the folder is unknown. */
  get dotenv(): DotEnv | undefined {
    if (this.dotenvCache === undefined) {
      const text = this.dir === undefined ? undefined : this.readFile(resolve(this.dir, '.env'));
      this.dotenvCache = text === undefined ? null : parseDotEnv(text);
    }
    return this.dotenvCache ?? undefined;
  }

  /** Values for interpolation: `.env` entries are known; anything else may come from the shell. */
  readonly lookup: VariableLookup = (name) => {
    const entry = this.dotenv?.get(name);
    return entry ? entry.value : null;
  };

  /** A value after interpolation with what is known; undefined when it depends on the shell. */
  interpolate(text: string): string | undefined {
    return mayInterpolate(text) ? interpolate(text, this.lookup).value : text.replace(/\$\$/g, '$');
  }

  private readCompose(path: string): ComposeModel | undefined {
    if (path === this.path) return this.model;
    const text = this.readFile(path);
    return text === undefined ? undefined : loadCompose(path, text);
  }

  private neighbours(): { overrides: ProjectFile[]; base: ProjectFile | undefined } {
    if (!this.neighbourCache) {
      const overrides: ProjectFile[] = [];
      let base: ProjectFile | undefined;
      if (this.path !== undefined && this.dir !== undefined) {
        const name = basename(this.path);
        const names = this.listing(this.dir);
        const family = (n: string): string => (n.startsWith('docker-') ? 'docker' : 'compose');
        if (baseNames.includes(name)) {
          const match = overrideNames.find((n) => family(n) === family(name) && names?.includes(n));
          const model = match ? this.readCompose(resolve(this.dir, match)) : undefined;
          if (match && model) overrides.push({ path: resolve(this.dir, match), model });
        } else if (overrideNames.includes(name)) {
          const match = baseNames.find((n) => family(n) === family(name) && names?.includes(n));
          const model = match ? this.readCompose(resolve(this.dir, match)) : undefined;
          if (match && model) base = { path: resolve(this.dir, match), model };
        }
      }
      this.neighbourCache = { overrides, base };
    }
    return this.neighbourCache;
  }

  /**
   * True for a file meant to be layered on another (`compose.override.yaml`,
   * `compose-override.yaml`, `docker-compose.prod.override.yml`): its services may
   * leave out what the base file sets.
   */
  get isOverride(): boolean {
    return this.path !== undefined && /(?:^|[.-])override(?:[.-]|$)/i.test(basename(this.path));
  }

  /** `compose.override.yaml` (or `docker-compose.override.yml`) when this is the base file. */
  get overrides(): ProjectFile[] {
    return this.neighbours().overrides;
  }

  /** The base file when this is an override file. */
  get base(): ProjectFile | undefined {
    return this.neighbours().base;
  }

  /** Files pulled in by top-level `include`, recursively, each read once. */
  get includes(): ProjectFile[] {
    if (!this.includeCache) {
      const out: ProjectFile[] = [];
      const seen = new Set<string>(this.path === undefined ? [] : [this.path]);
      const queue: { model: ComposeModel; dir: string | undefined; depth: number }[] = [{ model: this.model, dir: this.dir, depth: 0 }];
      for (let q = 0; q < queue.length; q++) {
        const { model, dir, depth } = queue[q]!;
        if (depth >= maxIncludeDepth) continue;
        for (const written of includePaths(model)) {
          const path = this.resolvePath(written, dir);
          if (path === undefined || seen.has(path)) continue;
          seen.add(path);
          const included = this.readCompose(path);
          if (!included) continue;
          out.push({ path, model: included });
          queue.push({ model: included, dir: dirname(path), depth: depth + 1 });
        }
      }
      this.includeCache = out;
    }
    return this.includeCache;
  }

  /**
   * True when the project's other files could not all be read, so a name
   * missing here may still be defined elsewhere (an `include` that did not resolve).
   */
  get incomplete(): boolean {
    const resolved = this.includes.length;
    return includePaths(this.model).length > 0 && resolved < includePaths(this.model).length;
  }

  /** Names of services or top-level resources defined anywhere in the project. */
  names(kind: 'services' | ResourceKind): ReadonlySet<string> {
    let names = this.namesCache.get(kind);
    if (!names) {
      const set = new Set<string>();
      const models = [this.model, ...this.overrides.map((f) => f.model), ...(this.base ? [this.base.model] : []), ...this.includes.map((f) => f.model)];
      for (const model of models) {
        if (kind === 'services') for (const service of model.services) set.add(service.name);
        else for (const resource of model.resources(kind)) set.add(resource.name);
      }
      names = set;
      this.namesCache.set(kind, names);
    }
    return names;
  }

  /** Names of top-level resources that some service of the project uses. */
  uses(kind: ResourceKind): ReadonlySet<string> {
    const key = `uses:${kind}`;
    let names = this.namesCache.get(key);
    if (!names) {
      const set = new Set<string>();
      const models = [this.model, ...this.overrides.map((f) => f.model), ...(this.base ? [this.base.model] : []), ...this.includes.map((f) => f.model)];
      for (const model of models) {
        for (const service of model.services) {
          if (kind === 'networks') {
            for (const network of service.networks) set.add(network.name);
            if (service.build?.network) set.add(service.build.network.text);
          } else if (kind === 'volumes') {
            for (const mount of service.volumes) if (mount.type === 'volume' && mount.source) set.add(mount.source);
          } else if (kind === 'secrets') {
            for (const secret of [...service.secrets, ...(service.build?.secrets ?? [])]) set.add(secret.name);
          } else {
            for (const config of service.configs) set.add(config.name);
          }
        }
      }
      names = set;
      this.namesCache.set(key, names);
    }
    return names;
  }

  /** The same service in the other files of the project (base or overrides), which Compose merges into this one. */
  mergedDefinitions(name: string): Service[] {
    // Indexed once: rules ask for every service, and a scan per call is quadratic.
    if (!this.definitionsCache) {
      const index = new Map<string, Service[]>();
      const others = [...this.overrides, ...(this.base ? [this.base] : [])];
      for (const model of [...others.map((f) => f.model), this.model]) {
        for (const service of model.services) {
          const list = index.get(service.name);
          if (list) list.push(service);
          else index.set(service.name, [service]);
        }
      }
      this.definitionsCache = index;
    }
    return [...(this.definitionsCache.get(name) ?? [])];
  }

  /**
   * The service that `extends` points at: `found` with it, `missing` when the
   * file was read and has no such service, `unknown` when the file cannot be read.
   */
  extendsTarget(service: Service): { state: 'found'; service: Service; model: ComposeModel } | { state: 'missing'; model: ComposeModel } | { state: 'unknown' } | undefined {
    const ref = service.extends;
    if (!ref?.service || ref.service.interpolated) return ref ? { state: 'unknown' } : undefined;
    let model: ComposeModel | undefined = this.model;
    if (ref.file) {
      const path = this.resolvePath(ref.file.text);
      model = path === undefined ? undefined : this.readCompose(path);
      if (!model) return { state: 'unknown' };
    }
    const target = model.services.find((s) => s.name === ref.service!.text);
    if (target) return { state: 'found', service: target, model };
    // A service in the same file may also come from an included or merged file.
    if (!ref.file && this.names('services').has(ref.service.text)) return { state: 'unknown' };
    return { state: 'missing', model };
  }

  /**
   * The service names of the file a service's `extends.file` names; undefined
   * without `extends.file`, or when that file cannot be read.
   */
  extendsFileServices(service: Service): string[] | undefined {
    const file = service.extends?.file;
    if (!file || file.interpolated) return undefined;
    const path = this.resolvePath(file.text);
    const model = path === undefined ? undefined : this.readCompose(path);
    return model && [...new Set(model.services.map((s) => s.name))];
  }

  /**
   * For each `include` of this file that leads into a loop of includes, the loop as
   * file paths, the repeated file last. Compose stops loading with "include cycle
   * detected"; Dockhand reads each file once and stops at the loop.
   */
  includeCycles(): { node: Node; chain: string[] }[] {
    const out: { node: Node; chain: string[] }[] = [];
    // Files from which no loop is reachable, shared by the entries.
    const done = new Set<string>();
    const start = this.path ?? '';
    for (const entry of includeEntries(this.model)) {
      const path = this.resolvePath(entry.text);
      if (path === undefined) continue;
      const chain = this.includeLoop(path, [start], done);
      if (chain) out.push({ node: entry.node, chain });
    }
    return out;
  }

  /** Depth-first from `path` with `chain` the files above it: the first loop, or undefined (and `path` is done). */
  private includeLoop(path: string, chain: readonly string[], done: Set<string>): string[] | undefined {
    if (chain.includes(path)) return [...chain, path];
    if (done.has(path) || chain.length > maxIncludeDepth) return undefined;
    const model = this.readCompose(path);
    if (model) {
      for (const entry of includeEntries(model)) {
        const next = this.resolvePath(entry.text, dirname(path));
        const loop = next === undefined ? undefined : this.includeLoop(next, [...chain, path], done);
        if (loop) return loop;
      }
    }
    done.add(path);
    return undefined;
  }

  /**
   * The loop that following `extends` from this service runs into, as `service in file`
   * steps with the repeated one last; undefined when the chain ends or cannot be read.
   * Compose stops with "Circular reference".
   */
  extendsCycle(service: Service): { service: string; path: string | undefined }[] | undefined {
    const steps: { service: string; path: string | undefined }[] = [{ service: service.name, path: this.path }];
    let current = { service, model: this.model, path: this.path };
    for (let step = 0; step < maxExtendsSteps; step++) {
      const ref = current.service.extends;
      if (!ref?.service || ref.service.interpolated) return undefined;
      let { model, path } = current;
      if (ref.file) {
        path = this.resolvePath(ref.file.text, path === undefined ? this.dir : dirname(path));
        const read = path === undefined ? undefined : this.readCompose(path);
        if (!read) return undefined;
        model = read;
      }
      const target = model.services.find((s) => s.name === ref.service!.text);
      if (!target) return undefined;
      const next = { service: target.name, path };
      steps.push(next);
      if (steps.slice(0, -1).some((s) => s.service === next.service && s.path === next.path)) return steps;
      current = { service: target, model, path };
    }
    return undefined;
  }

  /** Where a service's image is built from, with the Dockerfile loaded when it can be read. */
  build(service: Service): BuildLink | undefined {
    if (this.buildCache.has(service)) return this.buildCache.get(service);
    const link = this.computeBuild(service);
    this.buildCache.set(service, link);
    return link;
  }

  private computeBuild(service: Service): BuildLink | undefined {
    const build = service.build;
    if (!build) return undefined;
    const merged = this.mergedBaseBuild(service);
    if (merged) return merged;
    const written = build.context?.text ?? '.';
    const contextText = this.interpolate(written);
    const remote = contextText !== undefined && (/^[a-z][a-z0-9+.-]*:\/\//i.test(contextText) || contextText.startsWith('git@') || /^github\.com\//.test(contextText));
    const contextPath = remote || contextText === undefined ? undefined : this.resolvePath(contextText);
    let dockerfile: DockerfileModel | undefined;
    let dockerfilePath: string | undefined;
    const inline = build.dockerfileInline !== undefined;
    if (inline) {
      dockerfile = loadDockerfile(`${this.path ?? ''}#${service.name}`, build.dockerfileInline!.text);
    } else if (contextPath !== undefined) {
      const name = build.dockerfile ? this.interpolate(build.dockerfile.text) : 'Dockerfile';
      if (name !== undefined) {
        dockerfilePath = resolve(contextPath, name);
        const text = this.readFile(dockerfilePath);
        if (text !== undefined) dockerfile = loadDockerfile(dockerfilePath, text);
      }
    }
    let targetStage: Stage | undefined;
    if (dockerfile) {
      const target = build.target ? this.interpolate(build.target.text) : undefined;
      targetStage = build.target ? (target === undefined ? undefined : dockerfile.stageNamed(target)) : dockerfile.stages[dockerfile.stages.length - 1];
    }
    return { service, contextPath, contextNode: build.context, remote, dockerfilePath, dockerfile, inline, targetStage };
  }

  /**
   * An override file's `build` that sets neither context nor Dockerfile (only
   * `target`, `args`...) is merged by Compose into the base file's: it builds
   * the base's Dockerfile, with this file's target when it sets one.
   */
  private mergedBaseBuild(service: Service): BuildLink | undefined {
    const build = service.build!;
    const base = this.base;
    if (!base || build.context || build.dockerfile || build.dockerfileInline) return undefined;
    const baseService = base.model.services.find((s) => s.name === service.name);
    const link = baseService?.build ? composeProject({ model: base.model, files: this.files, path: base.path }).build(baseService) : undefined;
    if (!link) return undefined;
    let targetStage = link.targetStage;
    if (build.target && link.dockerfile) {
      const target = this.interpolate(build.target.text);
      targetStage = target === undefined ? undefined : link.dockerfile.stageNamed(target);
    }
    return { ...link, service, targetStage };
  }
}

/** The paths of a file's top-level `include`, each with the YAML node it is written in. */
function includeEntries(model: ComposeModel): { text: string; node: Node }[] {
  const out: { text: string; node: Node }[] = [];
  const add = (node: unknown): void => {
    const text = scalarText(node);
    if (text !== undefined && text !== '') out.push({ text, node: node as Node });
  };
  for (const root of model.roots) {
    const section = model.tree.get(root, 'include')?.value;
    for (const item of model.tree.items(section)) {
      if (isScalar(item)) {
        add(item);
      } else if (isMap(item)) {
        const path = model.tree.resolve(model.tree.get(item, 'path')?.value);
        if (isSeq(path)) for (const p of model.tree.items(path)) add(p);
        else add(path);
      }
    }
  }
  return out;
}

function includePaths(model: ComposeModel): string[] {
  return includeEntries(model).map((entry) => entry.text);
}

/** A model's projects by path, kept with the model. */
const projectsOf = (): Map<string, { files: FileAccess; project: ComposeProject }> => new Map();

/** The project of a compose model, built once per (model, path, file access) and shared by every rule. */
export function composeProject(context: { model: ComposeModel; files: FileAccess; path: string | undefined }): ComposeProject {
  const byPath = context.model.derived(projectsOf);
  const key = context.path ?? '';
  const cached = byPath.get(key);
  if (cached && cached.files === context.files) return cached.project;
  const project = new ComposeProject(context.model, context.files, context.path);
  byPath.set(key, { files: context.files, project });
  return project;
}
