// Compose hovers: every key from the Compose Specification schema's descriptions,
// the facts people get wrong, and `${VAR}` with its value and where it comes from.
import type { ComposeContext } from '../feature-context';
import type { Hover } from '../features';
import { containsPosition, type Position } from '../text';
import { occurrenceAt } from './occurrences';
import { composeProject } from './project';
import { schemaAt } from './schema-walk';
import { locate, scalarValue } from './yaml-path';

const composeReference = 'https://docs.docker.com/reference/compose-file/';

/** What the schema's descriptions leave out, keyed by the path of the key. */
const facts: Readonly<Record<string, string>> = {
  version: 'Obsolete: the Compose Specification ignores `version`, and Compose v2 warns about it. Remove it.',
  'services.*.ports':
    '`HOST:CONTAINER`, e.g. `"8080:80"`: host port first. A published port listens on **all host interfaces** unless an address is given (`"127.0.0.1:5432:5432"`), and Docker\'s rules bypass host firewalls such as ufw. Quote port mappings: YAML 1.1 reads an unquoted `22:22` as a base-60 number.',
  'services.*.expose': 'Container ports documented for other services; nothing is published on the host (use `ports` for that). Services on a shared network reach each other on any port anyway.',
  'services.*.depends_on':
    'Orders **start-up** only: Compose starts the dependency first but does not wait for it to be ready. For readiness, give the dependency a `healthcheck` and use `condition: service_healthy`.',
  'services.*.init': '`init: true` runs an init (tini) as PID 1, which forwards signals and reaps zombie processes, without changing the image.',
  'services.*.build.target': 'The stage of the Dockerfile to build (like `docker build --target`); only that stage and the stages it needs are built.',
  'services.*.build.network': 'Network for the build\'s RUN steps, e.g. `host` so a build reaches a cache or proxy on the host\'s loopback.',
  'services.*.build.args': 'Build arguments: they set the Dockerfile\'s `ARG` values (like `--build-arg`). They are not in the container\'s environment; use `environment` for that.',
  'services.*.environment': 'The container\'s environment at run time. Overrides the image\'s `ENV`. Literal secrets here end up in `docker inspect`: prefer `secrets`.',
  'services.*.env_file': 'Files whose variables go into the **container\'s** environment. Not used for `${VAR}` interpolation in this file: that comes from the shell and the project\'s `.env`.',
  'services.*.container_name': 'A fixed container name; a service with one cannot be scaled beyond one replica.',
  'services.*.network_mode': '`host` shares the host\'s network stack (no isolation, `ports` ignored); `service:NAME` shares another service\'s.',
  'services.*.privileged': 'Gives the container almost all of the host\'s capabilities and devices: root in the container becomes close to root on the host.',
  'services.*.restart': '`no` (default), `always`, `on-failure[:N]` or `unless-stopped`.',
  'services.*.links': 'Legacy: services on a shared network already reach each other by service name.',
};

function factFor(path: readonly string[]): string | undefined {
  const generic = path.map((key, index) => (index === 1 && path[0] === 'services' ? '*' : key)).filter((key) => key !== '[]');
  return facts[generic.join('.')];
}

export function hover(context: ComposeContext, position: Position): Hover | undefined {
  const { analysis, document } = context;
  const model = analysis.model;
  const offset = model.lines.offsetAt(position);

  for (const reference of model.interpolation.references) {
    if (offset < reference.start || offset > reference.end) continue;
    const project = composeProject({ model, files: context.service.files, path: document.path });
    const entry = project.dotenv?.get(reference.name);
    const range = model.lines.rangeOf(reference.start, reference.end);
    const source = entry
      ? entry.value === null
        ? `set in the project's \`.env\` (line ${entry.line + 1}) from a shell variable`
        : `\`${entry.value}\` from the project's \`.env\` (line ${entry.line + 1})`
      : reference.operator?.includes('-')
        ? `unset in \`.env\`; the default \`${reference.word ?? ''}\` applies unless the shell sets it`
        : project.dotenv
          ? '_not in `.env`_: only the shell environment of `docker compose` can set it, otherwise it is empty'
          : '_no `.env` in the project folder_: set from the shell environment of `docker compose`';
    return { markdown: `\`$${reference.name}\`: ${source}\n\nInterpolation uses the shell and \`.env\`; \`env_file\` feeds the container, not this file.`, range };
  }

  const build = buildHover(context, offset);
  if (build) return build;

  const where = locate(model, offset);
  if (!where.onKey || !where.scalar) return undefined;
  const range = model.rangeOf(where.scalar);
  if (!range || !containsPosition(range, position)) return undefined;
  const key = scalarValue(where.scalar) ?? '';
  const described = schemaAt(where.path)?.description;
  const fact = factFor(where.path);
  if (!described && !fact) return undefined;
  const anchor = where.path[0] === 'services' ? 'services' : where.path[0] ?? '';
  const parts = [`**${key}**`, ...(described ? [described] : []), ...(fact ? [fact] : []), `[Compose file reference](${composeReference}${anchor === 'services' ? 'services/' : ''})`];
  return { markdown: parts.join('\n\n'), range };
}

/** On a `build.target` value: the stage it builds; on a `build.args` key: the ARG it sets. */
function buildHover(context: ComposeContext, offset: number): Hover | undefined {
  const model = context.analysis.model;
  const occurrence = occurrenceAt(model, offset);
  if (!occurrence?.service || (occurrence.kind !== 'target' && occurrence.kind !== 'arg')) return undefined;
  const project = composeProject({ model, files: context.service.files, path: context.document.path });
  const link = project.build(occurrence.service);
  const dockerfile = link?.dockerfile;
  if (!dockerfile) return undefined;
  const where = link.dockerfilePath ? `\`${project.display(link.dockerfilePath)}\`` : 'the inline Dockerfile';
  const range = model.lines.rangeOf(occurrence.span[0], occurrence.span[1]);
  const lineOf = (line: number): string => dockerfile.lines.lineText(line).trim();
  if (occurrence.kind === 'target') {
    const stage = dockerfile.stageNamed(occurrence.name);
    if (!stage) return undefined;
    const line = stage.from.getRange().start.line;
    const needed = dockerfile.neededStages(stage).map((s) => `\`${s.name ?? `stage ${s.index}`}\``);
    return { markdown: `Stage \`${stage.name ?? occurrence.name}\` of ${where}, line ${line + 1}:\n\n\`\`\`dockerfile\n${lineOf(line)}\n\`\`\`\n\nThe build runs ${needed.join(', ')}; other stages are skipped.`, range };
  }
  const definitions = dockerfile.variables.definitions.filter((d) => d.kind === 'arg' && d.name === occurrence.name);
  if (definitions.length === 0) return undefined;
  const lines = definitions.map((d) => `- line ${d.instruction.getRange().start.line + 1}: \`${lineOf(d.instruction.getRange().start.line)}\``);
  return { markdown: `Sets the build argument \`${occurrence.name}\` of ${where}, declared by:\n\n${lines.join('\n')}\n\nIt overrides the ARG's default for this build; it is not in the container's environment.`, range };
}
