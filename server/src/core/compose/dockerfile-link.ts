import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../dockerfile/model';

/**
 * What a compose file needs to know about the Dockerfile a service builds:
 * its ARGs, and what the target stage (with the stages it is built FROM)
 * EXPOSEs and runs as PID 1.
 */

/** Build args every build accepts without an ARG line (proxies, BuildKit's platform args and controls). */
export function isPredefinedArg(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].includes(upper) ||
    /^(?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT)$/.test(name) ||
    name.startsWith('BUILDKIT_') ||
    name === 'SOURCE_DATE_EPOCH'
  );
}

/** Names declared by any ARG of the Dockerfile, global or in a stage. */
export function declaredArgs(model: DockerfileModel): Set<string> {
  const names = new Set<string>(model.globalArgs.keys());
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'ARG') continue;
      for (const property of (instruction as unknown as { getProperties(): { getName(): string }[] }).getProperties()) names.add(property.getName());
    }
  }
  return names;
}

/** The stage and the stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current && chain.length < 64 && !chain.includes(current); current = current.parent) chain.push(current);
  return chain;
}

export interface Exposed {
  /** `80/tcp`, `53/udp`. */
  ports: Set<string>;
  ranges: { low: number; high: number; protocol: string }[];
  /** An EXPOSE uses a variable: its ports are not known. */
  unknown: boolean;
  count: number;
}

export function exposedPorts(stage: Stage): Exposed {
  const exposed: Exposed = { ports: new Set(), ranges: [], unknown: false, count: 0 };
  for (const current of stageChain(stage)) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const argument of instruction.getArguments()) {
        const text = argument.getValue();
        exposed.count++;
        const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text);
        if (!match) {
          exposed.unknown = true;
          continue;
        }
        const protocol = (match[3] ?? 'tcp').toLowerCase();
        const low = Number(match[1]);
        const high = match[2] === undefined ? low : Number(match[2]);
        if (high === low) exposed.ports.add(`${low}/${protocol}`);
        else exposed.ranges.push({ low, high, protocol });
      }
    }
  }
  return exposed;
}

export function isExposed(exposed: Exposed, port: number, protocol: string): boolean {
  return exposed.ports.has(`${port}/${protocol}`) || exposed.ranges.some((r) => r.protocol === protocol && port >= r.low && port <= r.high);
}

/** The ENTRYPOINT and CMD that the stage runs (inherited from the stages it is built FROM), as written. */
export function processOf(stage: Stage): { entrypoint: Instruction | undefined; cmd: Instruction | undefined; external: boolean } {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  const chain = stageChain(stage);
  for (const current of chain) {
    for (let i = current.instructions.length - 1; i >= 0; i--) {
      const instruction = current.instructions[i]!;
      const keyword = instruction.getKeyword();
      if (keyword === 'ENTRYPOINT' && !entrypoint) entrypoint = instruction;
      if (keyword === 'CMD' && !cmd && !entrypoint) cmd = instruction;
    }
    if (entrypoint) break;
  }
  const root = chain[chain.length - 1];
  return { entrypoint, cmd, external: root !== undefined && !root.isScratch && root.parent === undefined };
}

/** True when a command starts an init that reaps zombies and forwards signals. */
export function startsInit(instruction: Instruction | undefined): boolean {
  if (!instruction) return false;
  const text = instruction.getArgumentsContent() ?? '';
  return /(?:^|[\s"'[/])(?:tini|tini-static|dumb-init|catatonit|docker-init|s6-svscan|runsvdir|supervisord|\/init)(?:[\s"',\]]|$)/.test(text);
}
