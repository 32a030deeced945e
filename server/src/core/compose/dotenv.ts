import { interpolate } from './interpolation';

/**
 * A `.env` file as Compose reads it: `KEY=value` lines, an optional `export `
 * prefix, `#` comments, single quotes (literal), double quotes (escapes and
 * interpolation), unquoted values (trimmed, ` #` starts a comment, interpolated).
 * A bare `KEY` takes its value from the shell, which a static analysis cannot see.
 */
export interface DotEnvEntry {
  name: string;
  /** The value; null when it comes from the shell or depends on a shell variable. */
  value: string | null;
  /** Zero-based line of the entry. */
  line: number;
}

export type DotEnv = ReadonlyMap<string, DotEnvEntry>;

export function parseDotEnv(text: string): DotEnv {
  const entries = new Map<string, DotEnvEntry>();
  const lookup = (name: string): string | undefined | null => {
    const entry = entries.get(name);
    return entry ? entry.value : null;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const startLine = index;
    let line = lines[index]!.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice('export '.length).trimStart();
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*(=?)(.*)$/.exec(line);
    if (!match) continue;
    const [, name = '', equals, rest = ''] = match;
    if (!equals) {
      entries.set(name, { name, value: null, line: startLine });
      continue;
    }
    let raw = rest.trimStart();
    let value: string | null;
    const quote = raw[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may run over several lines.
      let body = raw.slice(1);
      let end = closingQuote(body, quote);
      while (end < 0 && index + 1 < lines.length) {
        index++;
        body += `\n${lines[index]}`;
        end = closingQuote(body, quote);
      }
      raw = end < 0 ? body : body.slice(0, end);
      value = quote === "'" ? raw : interpolate(unescapeDouble(raw), lookup).value ?? null;
    } else {
      const comment = raw.search(/\s#/);
      raw = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
      value = interpolate(raw, lookup).value ?? null;
    }
    entries.set(name, { name, value, line: startLine });
  }
  return entries;
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(text: string): string {
  return text.replace(/\\(.)/g, (_whole, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
