// Snippet bodies as plain text: what accepting a snippet with its defaults
// inserts. No `vscode` import, so the unit tests use the same code as the
// "New Dockerfile from template" command.

export interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description: string;
  isFileTemplate?: boolean;
}

export type SnippetFile = Record<string, SnippetDefinition>;

/** Parses a snippets/*.json file. */
export function parseSnippetFile(json: string): SnippetFile {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a snippet file is a JSON object');
  return value as SnippetFile;
}

export function snippetBody(snippet: SnippetDefinition): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/**
 * Expands a TextMate snippet as accepting it unchanged would: every
 * placeholder `${1:default}` (nested ones included), choice `${1|a,b|}` and
 * mirror `$1` becomes its default, or the value given for its number in
 * `values`; `$0` and `${0}` disappear; `\$`, `\}` and `\\` become literal.
 */
export function expandSnippet(body: string, values: Readonly<Record<number, string>> = {}): string {
  const defaults = new Map<number, string>();
  let index = 0;

  // Returns the expansion of body[index...] up to an unescaped `}` (when nested) or the end.
  const expand = (nested: boolean): string => {
    let out = '';
    while (index < body.length) {
      const c = body[index]!;
      if (c === '\\' && index + 1 < body.length && '$}\\'.includes(body[index + 1]!)) {
        out += body[index + 1];
        index += 2;
      } else if (nested && c === '}') {
        return out;
      } else if (c === '$') {
        out += expandDollar();
      } else {
        out += c;
        index++;
      }
    }
    return out;
  };

  const valueOf = (n: number, fallback: string): string => {
    const value = values[n] ?? defaults.get(n) ?? fallback;
    if (!defaults.has(n)) defaults.set(n, value);
    return n === 0 ? '' : value;
  };

  const expandDollar = (): string => {
    const simple = /^\$(\d+)/.exec(body.slice(index));
    if (simple) {
      index += simple[0].length;
      const n = Number(simple[1]);
      return n === 0 ? '' : (values[n] ?? defaults.get(n) ?? '');
    }
    const choice = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(body.slice(index));
    if (choice) {
      index += choice[0].length;
      const first = (choice[2] ?? '').split(/(?<!\\),/)[0] ?? '';
      return valueOf(Number(choice[1]), first.replace(/\\(.)/g, '$1'));
    }
    const placeholder = /^\$\{(\d+)(:?)/.exec(body.slice(index));
    if (placeholder) {
      index += placeholder[0].length;
      const n = Number(placeholder[1]);
      const inner = placeholder[2] ? expand(true) : '';
      index++; // the closing brace
      return valueOf(n, inner);
    }
    // A variable such as $TM_FILENAME or ${TM_FILENAME:default}: its default, as when unknown.
    const variable = /^\$(?:\{([A-Z_][A-Z0-9_]*)(:?)|([A-Z_][A-Z0-9_]*))/.exec(body.slice(index));
    if (variable) {
      index += variable[0].length;
      if (variable[3] !== undefined) return '';
      const inner = variable[2] ? expand(true) : '';
      index++;
      return inner;
    }
    index++;
    return '$';
  };

  return expand(false);
}
