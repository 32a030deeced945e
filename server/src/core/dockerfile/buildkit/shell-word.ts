/**
 * BuildKit's word expansion (its `shell.Lex.ProcessWordWithMatches`), enough of it
 * to evaluate FROM lines and ARG defaults the way the builder does: quotes, the
 * escape character, `$NAME`, `${NAME}` and the `${NAME:-word}` family of modifiers.
 * It also records which variables were looked up and found (`matched`) or not
 * (`unmatched`), which is what BuildKit's FROM checks are built on.
 */
export interface ExpandedWord {
  /** The expanded text; undefined when BuildKit would stop with an error (`${A:?}`, an unclosed quote). */
  result: string | undefined;
  matched: Set<string>;
  unmatched: Set<string>;
}

const EOF = '';

export function expandWord(word: string, env: ReadonlyMap<string, string>, escapeChar = '\\'): ExpandedWord {
  const lexer = new WordLexer(word, env, escapeChar);
  let result: string | undefined;
  try {
    result = lexer.processStopOn(EOF, false);
  } catch (error) {
    if (!(error instanceof ExpansionError)) throw error;
    result = undefined;
  }
  return { result, matched: lexer.matched, unmatched: lexer.unmatched };
}

class ExpansionError extends Error {}

class WordLexer {
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly env: ReadonlyMap<string, string>,
    private readonly escapeChar: string,
  ) {}

  private peek(): string {
    return this.text.charAt(this.position);
  }

  private next(): string {
    const ch = this.text.charAt(this.position);
    if (ch !== EOF) this.position++;
    return ch;
  }

  private getEnv(name: string): string | undefined {
    const value = this.env.get(name);
    if (value !== undefined) this.matched.add(name);
    else this.unmatched.add(name);
    return value;
  }

  /** Reads up to `stop` (consumed) or the end; `rawEscapes` keeps escape characters, as in `${A%pattern}`. */
  processStopOn(stop: string, rawEscapes: boolean): string {
    let result = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (stop !== EOF && ch === stop) {
        this.next();
        return result;
      }
      if (ch === '$') {
        result += this.processDollar();
      } else if (ch === "'") {
        result += this.processSingleQuote();
      } else if (ch === '"') {
        result += this.processDoubleQuote();
      } else {
        this.next();
        if (ch === this.escapeChar) {
          if (rawEscapes) result += ch;
          const escaped = this.next();
          if (escaped === EOF) break;
          result += escaped;
        } else {
          result += ch;
        }
      }
    }
    if (stop !== EOF) throw new ExpansionError(`unexpected end of statement while looking for matching ${stop}`);
    return result;
  }

  private processSingleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const peeked = this.peek();
      if (peeked === EOF) throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      if (peeked === '"') {
        this.next();
        return result;
      }
      if (peeked === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escapeChar) {
        const after = this.peek();
        if (after === EOF) continue;
        if (after === '"' || after === '$' || after === this.escapeChar) ch = this.next();
      }
      result += ch;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      return this.getEnv(name) ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ExpansionError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpansionError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    if (ch === '}') return this.getEnv(name) ?? '';
    if (ch === '/') return this.processReplace(name);
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
    }
    if (ch !== '+' && ch !== '-' && ch !== '?' && ch !== '#' && ch !== '%') throw new ExpansionError('unsupported modifier in substitution');
    const rawEscapes = ch === '#' || ch === '%';
    if (nullIsUnset && rawEscapes) throw new ExpansionError('unsupported modifier in substitution');
    let word = this.processStopOn('}', rawEscapes);
    const value = this.getEnv(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return unset ? word : (value ?? '');
      case '+':
        return unset ? '' : word;
      case '?':
        if (unset) throw new ExpansionError(`${name}: ${word || 'is not allowed to be unset'}`);
        return value ?? '';
      default: {
        const greedy = word.startsWith(ch);
        if (greedy) word = word.slice(1);
        return trimPattern(value ?? '', word, ch === '#', greedy, this.escapeChar);
      }
    }
  }

  private processReplace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    const pattern = this.processStopOn('/', true);
    const replacement = this.processStopOn('}', true);
    const value = this.getEnv(name) ?? '';
    if (pattern === '') return value;
    return all ? value.split(pattern).join(replacement) : value.replace(pattern, () => replacement);
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name === '' && /[0-9]/.test(ch)) {
        while (/[0-9]/.test(this.peek()) && this.peek() !== EOF) name += this.next();
        return name;
      }
      if (name === '' && '@*#?-$!0'.includes(ch)) return this.next();
      if (!/[\p{L}\p{N}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }
}

/** `${A#pattern}` and `${A%pattern}` with shell globs (`*`, `?`); shortest match unless greedy. */
function trimPattern(value: string, pattern: string, fromStart: boolean, greedy: boolean, escapeChar: string): string {
  const tokens = globTokens(pattern, escapeChar);
  const subject = fromStart ? value : [...value].reverse().join('');
  const matches = prefixMatches(fromStart ? tokens : tokens.reverse(), subject);
  const lengths = matches.flatMap((ok, length) => (ok ? [length] : []));
  const length = greedy ? lengths[lengths.length - 1] : lengths[0];
  if (length === undefined) return value;
  return fromStart ? value.slice(length) : value.slice(0, value.length - length);
}

type GlobToken = { star: true } | { one: true } | { char: string };

function globTokens(pattern: string, escapeChar: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === escapeChar && i + 1 < pattern.length) tokens.push({ char: pattern.charAt(++i) });
    else if (ch === '*') tokens.push({ star: true });
    else if (ch === '?') tokens.push({ one: true });
    else tokens.push({ char: ch });
  }
  return tokens;
}

/** For each length, whether that prefix of `subject` matches the whole glob: one pass, O(pattern x subject). */
function prefixMatches(tokens: readonly GlobToken[], subject: string): boolean[] {
  let row = Array.from({ length: subject.length + 1 }, (_, j) => j === 0);
  for (const token of tokens) {
    const next = new Array<boolean>(subject.length + 1).fill(false);
    for (let j = 0; j <= subject.length; j++) {
      if ('star' in token) next[j] = (row[j] ?? false) || (j > 0 && (next[j - 1] ?? false));
      else if (j > 0) next[j] = (row[j - 1] ?? false) && ('one' in token || subject.charAt(j - 1) === token.char);
    }
    row = next;
  }
  return row;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
