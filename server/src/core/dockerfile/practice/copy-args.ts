import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';

/** The sources and destination of a COPY or ADD, shell or JSON form, heredoc sources included. */
export interface CopyArgs {
  /** As written (quotes of the JSON form removed). */
  sources: string[];
  /** Heredoc sources (`<<EOF`), counted in `sources` as written. */
  heredocSources: number;
  destination: string | undefined;
  /** Where the destination is written; undefined for the JSON form. */
  destinationRange: Range | undefined;
  flags: ReadonlyMap<string, string | null>;
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
}

export function copyArgs(instruction: Instruction): CopyArgs | undefined {
  const flags = new Map<string, string | null>();
  for (const flag of (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? []) flags.set(flag.getName().toLowerCase(), flag.getValue());
  const heredocs = (instruction as Instruction & { getHeredocs?(): { getContentRange(): Range | null; getStartRange(): Range }[] }).getHeredocs?.() ?? [];
  const firstBody = heredocs.map((h) => h.getContentRange()).find((r): r is Range => r !== null);
  let args = instruction.getArguments();
  if (firstBody) args = args.filter((arg) => arg.getRange().start.line < firstBody.start.line);
  const first = args[0];
  if (!first) return undefined;
  if (first.getValue().startsWith('[')) {
    const raw = (instruction.getRawArgumentsContent() ?? '').replace(/^\s*(?:--\S+\s+)*/, '').trim();
    let values: unknown;
    try {
      values = JSON.parse(raw.replace(/\\\r?\n/g, ''));
    } catch {
      return undefined;
    }
    if (!Array.isArray(values) || values.length < 2 || !values.every((v): v is string => typeof v === 'string')) return undefined;
    return { sources: values.slice(0, -1), heredocSources: 0, destination: values[values.length - 1], destinationRange: undefined, flags };
  }
  const values = args.map((arg) => arg.getValue());
  if (values.length < 2) return undefined;
  const last = args[args.length - 1]!;
  return {
    sources: values.slice(0, -1),
    heredocSources: values.slice(0, -1).filter((v) => /^<<-?/.test(v)).length,
    destination: last.getValue(),
    destinationRange: last.getRange(),
    flags,
  };
}

/** Remote sources that ADD downloads (HTTP) or clones (Git). */
export function isRemoteSource(source: string): boolean {
  return /^(?:https?|git|ssh):\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/** Sources that ADD may unpack: tar archives, compressed or not (ADD detects them by content; the name is the hint we have). */
export function isArchiveName(source: string): boolean {
  return /\.(?:tar|tgz|taz|tbz2?|tb2|txz|tzst|tlz|gz|bz2|xz|zst|lz|lzma|z)$/i.test(source);
}
