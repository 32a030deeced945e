import type { Dockerfile } from 'dockerfile-ast';
import type { Range } from '../text';

export interface Directive {
  name: string;
  value: string;
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

/** The parsed `# check=` directive: `skip=A,B;error=true;experimental=C`. */
export interface CheckDirective {
  directive: Directive;
  /** Check names to skip, or 'all'. */
  skip: readonly string[] | 'all';
  error: boolean;
  experimental: readonly string[] | 'all';
}

export interface Directives {
  all: readonly Directive[];
  syntax: Directive | undefined;
  escape: Directive | undefined;
  /** The escape character in force: `\` unless `# escape=` says backtick. */
  escapeCharacter: '\\' | '`';
  check: CheckDirective | undefined;
}

export function readDirectives(ast: Dockerfile): Directives {
  const all = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    range: d.getRange(),
    nameRange: d.getNameRange(),
    valueRange: d.getValueRange(),
  }));
  const find = (name: string): Directive | undefined => all.find((d) => d.name === name);
  const escape = find('escape');
  const checkDirective = find('check');
  return {
    all,
    syntax: find('syntax'),
    escape,
    escapeCharacter: ast.getEscapeCharacter() === '`' ? '`' : '\\',
    check: checkDirective ? parseCheck(checkDirective) : undefined,
  };
}

function parseCheck(directive: Directive): CheckDirective {
  let skip: string[] | 'all' = [];
  let error = false;
  let experimental: string[] | 'all' = [];
  for (const part of directive.value.split(';')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    const list = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (key === 'skip') skip = list.includes('all') ? 'all' : list;
    else if (key === 'error') error = value === 'true';
    else if (key === 'experimental') experimental = list.includes('all') ? 'all' : list;
  }
  return { directive, skip, error, experimental };
}
