// Word splitting and quoting as BuildKit's Dockerfile frontend does it. Every
// function is a single linear pass over the text; offsets are into the logical line.

/** Go's unicode.IsSpace. */
export function isSpace(c: string | undefined): boolean {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case '\u0085':
    case '\u00a0':
    case '\u1680':
    case '\u2028':
    case '\u2029':
    case '\u202f':
    case '\u205f':
    case '\u3000':
      return true;
    default:
      return c !== undefined && c >= '\u2000' && c <= '\u200a';
  }
}

/** The `[\t\v\f\r ]` separator of instructions whose arguments are split on whitespace (FROM, EXPOSE, COPY, ...). */
export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

export interface Word {
  start: number;
  end: number;
  /** The word as written, quotes and escapes included. */
  text: string;
}

export interface ShellWord extends Word {
  /** A quote opened in the word is never closed. */
  openQuote: boolean;
}

export function skipSpaces(s: string, from: number, to = s.length): number {
  let i = from;
  while (i < to && isSpace(s[i])) i++;
  return i;
}

export function trimEndOffset(s: string, from: number, to = s.length): number {
  let i = to;
  while (i > from && isSpace(s[i - 1])) i--;
  return i;
}

/** Splits on runs of blanks, as FROM, EXPOSE and the shell forms of COPY, ADD and VOLUME are split. */
export function blankWords(s: string, from: number, to = s.length): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isBlank(s[i])) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isBlank(s[i])) i++;
    words.push({ start, end: i, text: s.slice(start, i) });
  }
  return words;
}

/**
 * Quote-aware words, as the builder splits ENV, LABEL and ARG: quotes group words and
 * are kept; the escape character protects the next character (not inside single quotes).
 */
export function shellWords(s: string, from: number, escape: string, to = s.length): ShellWord[] {
  const words: ShellWord[] = [];
  let start = -1;
  let quote = '';
  let inQuote = false;
  for (let pos = from; pos < to; pos++) {
    const ch = s[pos];
    if (start < 0) {
      if (isSpace(ch)) continue;
      start = pos;
    }
    if (!inQuote) {
      if (isSpace(ch)) {
        words.push({ start, end: pos, text: s.slice(start, pos), openQuote: false });
        start = -1;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        inQuote = true;
      } else if (ch === escape) {
        pos++;
      }
      continue;
    }
    if (ch === quote) inQuote = false;
    else if (ch === escape && quote !== "'") pos++;
  }
  if (start >= 0) words.push({ start, end: to, text: s.slice(start, to), openQuote: inQuote });
  return words;
}

/** A `--name[=value]` word before an instruction's arguments. */
export interface RawFlag {
  start: number;
  end: number;
  /** The word with quotes and escapes processed, e.g. `--chown=app:app`. */
  processed: string;
}

/**
 * Reads the leading `--flag` words of an instruction's arguments as BuildKit does:
 * flags stop at the first word that does not start with `--`, or after a bare `--`.
 * Returns the flags and where the remaining arguments start.
 */
export function leadingFlags(s: string, from: number): { flags: RawFlag[]; rest: number } {
  const flags: RawFlag[] = [];
  let pos = from;
  for (;;) {
    pos = skipSpaces(s, pos);
    if (pos >= s.length || s[pos] !== '-' || s[pos + 1] !== '-') return { flags, rest: pos };
    const start = pos;
    let word = '';
    let quote = '';
    for (; pos < s.length; pos++) {
      let ch = s[pos]!;
      if (quote === '') {
        if (isSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          continue;
        }
      } else if (ch === quote) {
        quote = '';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 >= s.length) continue;
        pos++;
        ch = s[pos]!;
      }
      word += ch;
    }
    if (word === '--') return { flags, rest: pos };
    flags.push({ start, end: pos, processed: word });
  }
}

export interface LexProblem {
  kind: 'quote' | 'substitution';
  start: number;
  end: number;
  message: string;
}

const maxDepth = 64;

/**
 * Finds the first error BuildKit's word lexer raises for s[from, to): an unmatched quote
 * or a `${...}` it cannot process. Variables are never looked up.
 */
export function lexProblem(s: string, from: number, to: number, escape: string): LexProblem | undefined {
  return new Lexer(s, from, to, escape).run();
}

class Lexer {
  private pos: number;
  private depth = 0;

  constructor(
    private readonly s: string,
    from: number,
    private readonly to: number,
    private readonly escape: string,
  ) {
    this.pos = from;
  }

  run(): LexProblem | undefined {
    return this.until(undefined);
  }

  private until(stop: string | undefined): LexProblem | undefined {
    const { s, to } = this;
    while (this.pos < to) {
      const ch = s[this.pos];
      if (stop !== undefined && ch === stop) {
        this.pos++;
        return undefined;
      }
      let problem: LexProblem | undefined;
      if (ch === "'") problem = this.singleQuoted();
      else if (ch === '"') problem = this.doubleQuoted();
      else if (ch === '$') problem = this.dollar();
      else {
        this.pos++;
        if (ch === this.escape) this.pos++;
        continue;
      }
      if (problem) return problem;
    }
    // The caller reports the missing stop character where its construct starts.
    return stop === undefined ? undefined : { kind: 'substitution', start: -1, end: to, message: '' };
  }

  private singleQuoted(): LexProblem | undefined {
    const start = this.pos;
    const close = this.s.indexOf("'", start + 1);
    if (close < 0 || close >= this.to) return { kind: 'quote', start, end: this.to, message: 'a single quote is never closed' };
    this.pos = close + 1;
    return undefined;
  }

  private doubleQuoted(): LexProblem | undefined {
    const { s, to } = this;
    const start = this.pos;
    this.pos++;
    while (this.pos < to) {
      const ch = s[this.pos];
      if (ch === '"') {
        this.pos++;
        return undefined;
      }
      if (ch === '$') {
        const problem = this.dollar();
        if (problem) return problem;
        continue;
      }
      this.pos++;
      if (ch === this.escape && this.pos < to) {
        const next = s[this.pos];
        if (next === '"' || next === '$' || next === this.escape) this.pos++;
      }
    }
    return { kind: 'quote', start, end: to, message: 'a double quote is never closed' };
  }

  private dollar(): LexProblem | undefined {
    const { s, to } = this;
    const start = this.pos;
    this.pos++;
    if (s[this.pos] !== '{' || this.pos >= to) {
      this.name();
      return undefined;
    }
    this.pos++;
    const missing = (): LexProblem => ({ kind: 'substitution', start, end: to, message: "'${' has no closing '}'" });
    if (this.pos >= to) return missing();
    const first = s[this.pos];
    if (first === '{' || first === '}' || first === ':') {
      return { kind: 'substitution', start, end: Math.min(this.pos + 1, to), message: `bad substitution '${s.slice(start, this.pos + 1)}': a variable name must follow '\${'` };
    }
    const nameStart = this.pos;
    this.name();
    if (this.pos >= to) return missing();
    const ch = s[this.pos++];
    if (ch === '}') return undefined;
    if (s[nameStart] === '#' && this.pos === nameStart + 2 && /[\p{L}_]/u.test(ch ?? '')) {
      const close = s.indexOf('}', this.pos);
      const end = close >= 0 && close < to ? close + 1 : to;
      return { kind: 'substitution', start, end, message: `'${s.slice(start, end)}' (string length) is not supported by the builder` };
    }
    let modifier = ch ?? '';
    if (ch === ':') {
      if (this.pos >= to) return missing();
      modifier += s[this.pos++] ?? '';
    }
    const supported = [':-', ':+', ':?', '-', '+', '?', '#', '%', '/'].includes(modifier);
    if (!supported) {
      const close = s.indexOf('}', this.pos);
      return {
        kind: 'substitution',
        start,
        end: close >= 0 && close < to ? close + 1 : to,
        message: `unsupported modifier '${modifier}' in '${s.slice(start, close >= 0 && close < to ? close + 1 : this.pos)}': the builder supports \${VAR:-default}, \${VAR:+alternative}, \${VAR:?error}, the same without ':', and \${VAR#pattern}, \${VAR%pattern}, \${VAR/pattern/replacement}`,
      };
    }
    if (++this.depth > maxDepth) return undefined;
    const inner = this.until('}');
    this.depth--;
    if (inner) return inner.start < 0 || (inner.kind === 'quote' && inner.end >= to) ? missing() : inner;
    return undefined;
  }

  private name(): void {
    const { s, to } = this;
    const first = s[this.pos];
    if (first === undefined || this.pos >= to) return;
    if (first >= '0' && first <= '9') {
      while (this.pos < to && s[this.pos]! >= '0' && s[this.pos]! <= '9') this.pos++;
      return;
    }
    if ('@*#?-$!0'.includes(first)) {
      this.pos++;
      return;
    }
    while (this.pos < to && /[\p{L}\p{Nd}_]/u.test(s[this.pos]!)) this.pos++;
  }
}

/** The word with quotes removed and escapes processed; `$` is kept as written. */
export function unquote(s: string, from: number, to: number, escape: string): string {
  let out = '';
  let quote = '';
  for (let i = from; i < to; i++) {
    const ch = s[i]!;
    if (quote === "'") {
      if (ch === "'") quote = '';
      else out += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = '';
      else if (ch === escape && i + 1 < to && (s[i + 1] === '"' || s[i + 1] === '$' || s[i + 1] === escape)) out += s[++i];
      else out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === escape) {
      if (i + 1 < to) out += s[++i];
    } else {
      out += ch;
    }
  }
  return out;
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within `limit` edits, compared case-insensitively. */
export function closest(word: string, candidates: readonly string[], limit = 2): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
