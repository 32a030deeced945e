// Exec (JSON) form as the builder decides it: arguments that start with `[` and parse as
// a JSON array of strings are exec form; a JSON array holding anything else is an error;
// everything else silently becomes shell form (or, for COPY/ADD/VOLUME, a list split on spaces).

import { isSpace } from './words';

export interface JsonItem {
  value: string;
  /** The string token, quotes included. */
  start: number;
  end: number;
}

export type MalformedReason = 'single-quotes' | 'bad-escape' | 'missing-comma' | 'trailing-comma' | 'trailing-text' | 'control-character' | 'other';

export interface LooseItem {
  quote: '"' | "'";
  start: number;
  end: number;
  /** The characters between the quotes, as written. */
  inner: string;
}

export type ExecForm =
  | { kind: 'json'; items: JsonItem[] }
  | { kind: 'non-string' }
  | { kind: 'malformed'; reason: MalformedReason; items: LooseItem[]; close: number; trailing: string }
  | { kind: 'shell' };

/** Classifies the arguments s[from, to) (already trimmed). */
export function execForm(s: string, from: number, to: number): ExecForm {
  if (s[from] !== '[') return { kind: 'shell' };
  const text = s.slice(from, to);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return looseArray(s, from, to);
  }
  if (!Array.isArray(parsed)) return { kind: 'shell' };
  if (!parsed.every((item) => typeof item === 'string')) return { kind: 'non-string' };
  return { kind: 'json', items: stringTokens(s, from, to, parsed) };
}

function stringTokens(s: string, from: number, to: number, values: readonly string[]): JsonItem[] {
  const items: JsonItem[] = [];
  let i = from + 1;
  for (const value of values) {
    while (i < to && s[i] !== '"') i++;
    const start = i;
    i++;
    while (i < to && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    i++;
    items.push({ value, start, end: Math.min(i, to) });
  }
  return items;
}

const jsonEscapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Reads `[ 'a', "b" ... ]` leniently: an array of quoted strings that is not valid JSON
 * is what someone meant as exec form. Anything else (`[ -f x ]`, a shell test) is shell form.
 */
function looseArray(s: string, from: number, to: number): ExecForm {
  const shell: ExecForm = { kind: 'shell' };
  const items: LooseItem[] = [];
  let single = false;
  let badEscape = false;
  let control = false;
  let missingComma = false;
  let trailingComma = false;
  let i = from + 1;
  const skip = (): void => {
    while (i < to && isSpace(s[i])) i++;
  };
  skip();
  let close = -1;
  while (i < to) {
    const quote = s[i];
    if (quote !== '"' && quote !== "'") return shell;
    const start = i;
    i++;
    let closed = false;
    while (i < to) {
      const ch = s[i]!;
      if (ch === quote) {
        closed = true;
        break;
      }
      if (ch < ' ') control = true;
      if (ch === '\\') {
        const next = s[i + 1] ?? '';
        if (quote === '"') {
          if (next === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) badEscape = true;
          } else if (!jsonEscapes.has(next)) {
            badEscape = true;
          }
        }
        i += 2;
        continue;
      }
      i++;
    }
    if (!closed) return shell;
    i++;
    if (quote === "'") single = true;
    items.push({ quote, start, end: i, inner: s.slice(start + 1, i - 1) });
    skip();
    if (s[i] === ',') {
      i++;
      skip();
      if (s[i] === ']') {
        trailingComma = true;
        close = i;
        break;
      }
      continue;
    }
    if (s[i] === ']') {
      close = i;
      break;
    }
    if (s[i] === '"' || s[i] === "'") {
      missingComma = true;
      continue;
    }
    return shell;
  }
  if (close < 0 || items.length === 0) return shell;
  let after = close + 1;
  while (after < to && isSpace(s[after])) after++;
  const trailing = s.slice(after, to);
  const reason: MalformedReason = single
    ? 'single-quotes'
    : badEscape
      ? 'bad-escape'
      : missingComma
        ? 'missing-comma'
        : trailingComma
          ? 'trailing-comma'
          : trailing !== ''
            ? 'trailing-text'
            : control
              ? 'control-character'
              : 'other';
  return { kind: 'malformed', reason, items, close, trailing };
}

export function describeMalformed(reason: MalformedReason): string {
  switch (reason) {
    case 'single-quotes':
      return "uses single quotes (JSON strings need double quotes)";
    case 'bad-escape':
      return 'has a backslash that is not a JSON escape (write \\\\ for a backslash)';
    case 'missing-comma':
      return 'is missing a comma between items';
    case 'trailing-comma':
      return 'has a comma after the last item';
    case 'trailing-text':
      return 'has text after the closing bracket';
    case 'control-character':
      return 'has a tab or control character inside a string';
    default:
      return 'is not valid JSON';
  }
}

/** The array rewritten as JSON, when every item can be read unambiguously. */
export function jsonRewrite(items: readonly LooseItem[]): string | undefined {
  const values: string[] = [];
  for (const item of items) {
    if (item.inner.includes('\\')) return undefined;
    values.push(item.inner);
  }
  return `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
}
