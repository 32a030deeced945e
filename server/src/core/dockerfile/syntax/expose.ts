import type { Range } from '../../text';
import { memo, type SyntaxInfo } from './scan';
import { blankWords, lexProblem, unquote } from './words';

export interface ExposeEntry {
  /** The word as written. */
  text: string;
  wordRange: Range;
  /** A `#` word: the rest of the line was meant as a comment. */
  comment: boolean;
  port: string;
  portRange: Range;
  /** Lower case; empty means tcp. */
  protocol: string;
  /** As written. */
  protocolText: string;
  protocolRange: Range;
}

/** Every EXPOSE word the builder will parse as `[ip:][host:]port[-end][/proto]`; words with variables are left out. */
export function exposeEntries(info: SyntaxInfo): readonly ExposeEntry[] {
  return memo(info, 'expose', allEntries);
}

function allEntries(info: SyntaxInfo): ExposeEntry[] {
  const entries: ExposeEntry[] = [];
  for (const statement of info.statements) {
    if (statement.upper !== 'EXPOSE') continue;
    const line = statement.line;
    const text = line.text;
    const words = blankWords(text, statement.restStart, statement.restEnd);
    for (const word of words) {
      if (word.text.includes('$') || lexProblem(text, word.start, word.end, info.escape)) continue;
      const value = unquote(text, word.start, word.end, info.escape);
      const plain = value === word.text;
      const wordRange = line.range(word.start, word.end);
      const at = (start: number, end: number): Range => (plain ? line.range(word.start + start, word.start + end) : wordRange);
      if (word.text.startsWith('#')) {
        entries.push({ text: word.text, wordRange: line.range(word.start, statement.restEnd), comment: true, port: '', portRange: wordRange, protocol: '', protocolText: '', protocolRange: wordRange });
        break;
      }
      const containerStart = value.lastIndexOf(':') + 1;
      const container = value.slice(containerStart);
      const slash = container.indexOf('/');
      const port = slash < 0 ? container : container.slice(0, slash);
      const protocolText = slash < 0 ? '' : container.slice(slash + 1);
      const portStart = containerStart;
      const protocolStart = containerStart + slash + 1;
      entries.push({
        text: value,
        wordRange,
        comment: false,
        port,
        portRange: port === '' ? wordRange : at(portStart, portStart + port.length),
        protocol: protocolText.toLowerCase(),
        protocolText,
        protocolRange: slash < 0 ? wordRange : at(protocolStart, protocolStart + protocolText.length),
      });
    }
  }
  return entries;
}

/** Why a port or port range is invalid for the builder, or undefined. */
export function portProblem(port: string): string | undefined {
  if (port === '') return 'there is no port number';
  const number = (text: string): number | undefined => (/^\d+$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined);
  if (!port.includes('-')) return number(port) === undefined ? `'${port}' is not a number from 0 to 65535` : undefined;
  const parts = port.split('-');
  if (parts.length !== 2) return `'${port}' is not a port range (write start-end, e.g. 8000-8010)`;
  const start = number(parts[0]!);
  const end = number(parts[1]!);
  if (start === undefined || end === undefined) return `'${port}' is not a port range of numbers 0-65535`;
  if (end < start) return `the range '${port}' ends before it starts`;
  return undefined;
}
