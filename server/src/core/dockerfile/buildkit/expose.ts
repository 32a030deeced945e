import type { Argument } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { BuildkitFacts } from './facts';

/** One EXPOSE argument split as BuildKit's parsePortSpec does: `[ip:][hostPort:]containerPort[/proto]`. */
export interface ExposedPort {
  argument: Argument;
  text: string;
  range: Range;
  ip: string;
  hostPort: string;
  /** The container port with its protocol, as written. */
  container: string;
  /** Offset of `container` in `text`. */
  containerOffset: number;
  protocol: string | undefined;
  protocolOffset: number | undefined;
  /** BuildKit checks a port only once it has split it: a container port and tcp, udp or sctp in any case. */
  checked: boolean;
}

/** Literal EXPOSE ports of every stage; words with variables or quotes are left out, since the builder expands them first. */
export function exposedPorts(facts: BuildkitFacts): ExposedPort[] {
  const ports: ExposedPort[] = [];
  for (const { instruction } of facts.stageInstructions) {
    if (instruction.getKeyword() !== 'EXPOSE') continue;
    for (const argument of instruction.getArguments()) {
      const text = argument.getValue();
      const range = argument.getRange();
      if (text === '' || /[$"'\s]/.test(text) || text.includes(facts.escapeChar) || range.start.line !== range.end.line) continue;
      const parts = text.split(':');
      const container = parts[parts.length - 1] ?? '';
      const containerOffset = text.length - container.length;
      const hostPort = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
      const ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
      const slash = container.indexOf('/');
      const protocol = slash >= 0 ? container.slice(slash + 1) : undefined;
      const checked = (slash < 0 ? container : container.slice(0, slash)) !== '' && ['tcp', 'udp', 'sctp', undefined, ''].includes(protocol?.toLowerCase());
      ports.push({
        argument,
        text,
        range,
        ip,
        hostPort,
        container,
        containerOffset,
        protocol,
        protocolOffset: slash >= 0 ? containerOffset + slash + 1 : undefined,
        checked,
      });
    }
  }
  return ports;
}
