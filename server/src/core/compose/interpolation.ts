/**
 * Compose's variable interpolation, as compose-go reads it: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alternative}`, `${VAR+alternative}`, defaults that hold further
 * references, and `$$` for a literal `$`. A `$` followed by anything else
 * (`$1`, `$(`) stays as written; `${` that does not form a reference is an error.
 */

export type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableReference {
  name: string;
  /** Offsets of the whole expression (`$NAME` or `${...}`) in the scanned text. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  braced: boolean;
  operator: Operator | undefined;
  /** The text after the operator, up to the closing brace, as written. */
  word: string | undefined;
  wordStart: number;
  /** References inside the word, with offsets in the scanned text. */
  nested: VariableReference[];
}

export interface TemplateProblem {
  start: number;
  end: number;
  message: string;
}

export interface Template {
  references: VariableReference[];
  problems: TemplateProblem[];
}

const maxNesting = 16;

const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Finds every reference and every malformed `${...}` in a value; offsets are relative to `text` plus `offset`. */
export function parseTemplate(text: string, offset = 0, depth = 0): Template {
  const references: VariableReference[] = [];
  const problems: TemplateProblem[] = [];
  if (!text.includes('$')) return { references, problems };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) break;
    i = dollar;
    const next = text[i + 1];
    if (next === '$') {
      i += 2;
      continue;
    }
    if (isNameStart(next)) {
      let j = i + 2;
      while (isNameChar(text[j])) j++;
      references.push({
        name: text.slice(i + 1, j),
        start: offset + i,
        end: offset + j,
        nameStart: offset + i + 1,
        nameEnd: offset + j,
        braced: false,
        operator: undefined,
        word: undefined,
        wordStart: offset + j,
        nested: [],
      });
      i = j;
      continue;
    }
    if (next !== '{') {
      i++;
      continue;
    }
    const braced = parseBraced(text, i, offset, depth);
    if ('problem' in braced) problems.push(braced.problem);
    else {
      references.push(braced.reference);
      problems.push(...braced.nestedProblems);
    }
    i = braced.next;
  }
  return { references, problems };
}

type BracedResult = { reference: VariableReference; nestedProblems: TemplateProblem[]; next: number } | { problem: TemplateProblem; next: number };

function parseBraced(text: string, at: number, offset: number, depth: number): BracedResult {
  const close = closingBrace(text, at + 2);
  const invalid = (message: string): BracedResult => {
    const end = close ?? lineEnd(text, at);
    return { problem: { start: offset + at, end: offset + end, message }, next: Math.max(end, at + 2) };
  };
  const nameStart = at + 2;
  if (!isNameStart(text[nameStart])) {
    if (text[nameStart] === '}') return invalid("'${}' names no variable; write '$$' for a literal '$'");
    const shown = text.slice(at, close ?? Math.min(lineEnd(text, at), at + 40));
    return invalid(`'${shown}' is not a valid variable reference: a name starts with a letter or '_'; write '$$' for a literal '$'`);
  }
  let k = nameStart + 1;
  while (isNameChar(text[k])) k++;
  const name = text.slice(nameStart, k);
  if (close === undefined) return invalid(`'\${${name}' is not closed with '}'`);
  let operator: Operator | undefined;
  let wordStart = k;
  if (text[k] === '}') {
    operator = undefined;
  } else if (text[k] === ':' && '-?+'.includes(text[k + 1] ?? 'x')) {
    operator = `:${text[k + 1]}` as Operator;
    wordStart = k + 2;
  } else if ('-?+'.includes(text[k] ?? 'x')) {
    operator = text[k] as Operator;
    wordStart = k + 1;
  } else {
    return invalid(`'${text.slice(at, close)}' is not a valid reference: after the name Compose expects '}', ':-', '-', ':?', '?', ':+' or '+'`);
  }
  const wordText = operator ? text.slice(wordStart, close - 1) : undefined;
  let nested: Template = { references: [], problems: [] };
  if (wordText !== undefined && depth < maxNesting) nested = parseTemplate(wordText, offset + wordStart, depth + 1);
  return {
    reference: {
      name,
      start: offset + at,
      end: offset + close,
      nameStart: offset + nameStart,
      nameEnd: offset + k,
      braced: true,
      operator,
      word: wordText,
      wordStart: offset + wordStart,
      nested: nested.references,
    },
    nestedProblems: nested.problems,
    next: close,
  };
}

/** Offset just past the `}` that closes a `${` whose body starts at `from`; nested `${...}` count. */
function closingBrace(text: string, from: number): number | undefined {
  let depth = 1;
  for (let m = from; m < text.length; m++) {
    const c = text[m];
    if (c === '$' && text[m + 1] === '$') {
      m++;
    } else if (c === '$' && text[m + 1] === '{') {
      depth++;
      m++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return m + 1;
    }
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * How a variable is known: a string is its value, `undefined` means it is
 * known to be unset, `null` means it cannot be known (the shell may set it).
 */
export type VariableLookup = (name: string) => string | undefined | null;

export interface Interpolated {
  /** The value after substitution; undefined when it depends on an unknown variable. */
  value: string | undefined;
  /** `${VAR:?message}` and `${VAR?message}` references whose variable is known to be missing. */
  missingRequired: VariableReference[];
}

/** Substitutes variables in a value as Compose does, with `$$` turned into `$`. */
export function interpolate(text: string, lookup: VariableLookup): Interpolated {
  const missingRequired: VariableReference[] = [];
  const value = substitute(text, parseTemplate(text), lookup, missingRequired, 0);
  return { value, missingRequired };
}

function substitute(text: string, template: Template, lookup: VariableLookup, missing: VariableReference[], depth: number, base = 0): string | undefined {
  if (template.problems.length > 0 || depth > maxNesting) return undefined;
  let out = '';
  let cursor = 0;
  for (const reference of template.references) {
    out += unescapeDollars(text.slice(cursor, reference.start - base));
    cursor = reference.end - base;
    const value = lookup(reference.name);
    if (value === null) return undefined;
    const word = (): string | undefined =>
      reference.word === undefined ? '' : substitute(reference.word, { references: reference.nested, problems: [] }, lookup, missing, depth + 1, reference.wordStart);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    let result: string | undefined;
    switch (reference.operator) {
      case undefined:
        result = value ?? '';
        break;
      case ':-':
        result = nonEmpty ? value : word();
        break;
      case '-':
        result = set ? value : word();
        break;
      case ':?':
      case '?':
        if (reference.operator === ':?' ? nonEmpty : set) result = value;
        else {
          missing.push(reference);
          result = '';
        }
        break;
      case ':+':
        result = nonEmpty ? word() : '';
        break;
      case '+':
        result = set ? word() : '';
        break;
    }
    if (result === undefined) return undefined;
    out += result;
  }
  return out + unescapeDollars(text.slice(cursor));
}

function unescapeDollars(text: string): string {
  return text.includes('$$') ? text.replace(/\$\$/g, '$') : text;
}

/** Every reference of a template, nested ones included, in source order. */
export function allReferences(references: readonly VariableReference[]): VariableReference[] {
  const out: VariableReference[] = [];
  const stack = [...references].reverse();
  while (stack.length > 0) {
    const reference = stack.pop()!;
    out.push(reference);
    for (let i = reference.nested.length - 1; i >= 0; i--) stack.push(reference.nested[i]!);
  }
  return out;
}

/** True when a value holds a `$` that Compose would substitute or reject. */
export function mayInterpolate(text: string): boolean {
  return /\$(?:[A-Za-z_{])/.test(text);
}
