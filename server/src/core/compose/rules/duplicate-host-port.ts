import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';
import type { PortMapping, Service } from '../service';
import { portNumbers } from '../specs';

const allInterfaces = new Set(['', '0.0.0.0', '::', '[::]']);
/** Ranges longer than this are not expanded (a conflict inside them is still found at their start). */
const maxRange = 1024;

/** Two services run together unless both are limited to profiles that never overlap. */
function mayRunTogether(a: Service, b: Service): boolean {
  const pa = a.profiles.map((p) => p.text);
  const pb = b.profiles.map((p) => p.text);
  if (pa.length === 0 || pb.length === 0) return true;
  return pa.some((p) => pb.includes(p) || p === '*') || pb.includes('*');
}

export const duplicateHostPort: ComposeRule = {
  id: 'duplicate-host-port',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: ['dclint:no-duplicate-exported-ports'],
  docs: {
    finds: 'A host port published twice, by two services or two mappings, on the same address and protocol.',
    why:
      'One host port can be bound once per address and protocol; the second container fails with "port is already ' +
      'allocated". Binding all interfaces (`8080:80`) also conflicts with a specific address (`127.0.0.1:8080:80`). Services ' +
      'in profiles that never run together are not compared.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8080:8080"\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8081:8080"\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const report = reporter(context);
    const bound = new Map<string, { service: Service; address: string; line: number }[]>();
    for (const service of model.services) {
      for (const port of service.ports) {
        const published = resolved(project, port, 'published');
        if (published === undefined) continue;
        const numbers = portNumbers(published);
        if (!numbers) continue;
        const address = normalizeAddress(resolved(project, port, 'hostIp') ?? '');
        if (address === undefined) continue;
        const line = model.lines.positionAt(port.publishedSpan?.[0] ?? 0).line + 1;
        const [low, high] = numbers;
        const reported = new Set<string>();
        for (let number = low; number <= Math.min(high, low + maxRange); number++) {
          const key = `${number}/${port.protocol}`;
          const earlier = (bound.get(key) ?? []).find((b) => (b.address === address || allInterfaces.has(b.address) || allInterfaces.has(address)) && mayRunTogether(b.service, service));
          if (earlier && !reported.has(earlier.service.name)) {
            reported.add(earlier.service.name);
            const by = earlier.service === service ? `another mapping of '${service.name}'` : `service '${earlier.service.name}'`;
            report(port.publishedSpan ?? port.node, `Host port ${number}/${port.protocol} is already published by ${by} (line ${earlier.line}); the second binding fails with "port is already allocated".`);
          }
          const list = bound.get(key) ?? [];
          list.push({ service, address, line });
          bound.set(key, list);
        }
      }
    }
  },
};

function resolved(project: ReturnType<typeof composeProject>, port: PortMapping, field: 'published' | 'hostIp'): string | undefined {
  const text = port[field];
  if (text === undefined) return undefined;
  return project.interpolate(text);
}

function normalizeAddress(address: string): string | undefined {
  const trimmed = address.replace(/^\[|\]$/g, '');
  return trimmed === '::' ? '::' : trimmed;
}
