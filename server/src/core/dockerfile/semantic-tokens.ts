// Semantic tokens: keywords, flags, variables, stage names, strings, comments and
// parser directives, in LSP's relative encoding. Strings and comments give way to
// the tokens inside them (a variable in a double-quoted string).
import type { DockerfileContext } from '../feature-context';
import { semanticTokenLegend } from '../semantic-tokens';
import type { LineIndex, Range } from '../text';
import { lexStatement, modelDescribes } from './format';
import { isInstruction } from './syntax/flags';
import { type Command, type Statement, syntaxOf } from './syntax/scan';
import { blankWords } from './syntax/words';

type TokenType = 'keyword' | 'variable' | 'parameter' | 'property' | 'string' | 'comment' | 'operator' | 'namespace' | 'class' | 'macro';
type TokenModifier = 'declaration' | 'readonly' | 'deprecated' | 'defaultLibrary';

const typeIndex = new Map(semanticTokenLegend.tokenTypes.map((type, index) => [type, index]));
const modifierBit = new Map(semanticTokenLegend.tokenModifiers.map((modifier, index) => [modifier, 1 << index]));

interface Token {
  line: number;
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

class TokenSet {
  /** Keywords, flags, variables, names: they win over strings and comments. */
  readonly strong: Token[] = [];
  /** Strings and comments, which strong tokens cut. */
  readonly weak: Token[] = [];
  /** Single-quoted strings, where nothing is expanded: variables inside them are text. */
  readonly literal: Token[] = [];

  constructor(private readonly lines: LineIndex) {}

  add(range: Range | null | undefined, type: TokenType, modifiers: readonly TokenModifier[] = [], weak = false): void {
    if (!range) return;
    const target = weak ? this.weak : this.strong;
    const typeNumber = typeIndex.get(type);
    if (typeNumber === undefined) return;
    const bits = modifiers.reduce((sum, m) => sum | (modifierBit.get(m) ?? 0), 0);
    const lastLine = Math.min(range.end.line, this.lines.lineCount - 1);
    for (let line = Math.max(0, range.start.line); line <= lastLine; line++) {
      const length = this.lines.lineEnd(line) - this.lines.offsetAt({ line, character: 0 });
      const start = line === range.start.line ? range.start.character : 0;
      const end = Math.min(length, line === range.end.line ? range.end.character : length);
      if (end > start && start >= 0) target.push({ line, start, end, type: typeNumber, modifiers: bits });
    }
  }

  addSpan(line: number, start: number, end: number, type: TokenType, weak = false): void {
    this.add({ start: { line, character: start }, end: { line, character: end } }, type, [], weak);
  }
}

const byPosition = (a: Token, b: Token): number => a.line - b.line || a.start - b.start || b.end - a.end;

/** Sorts tokens and drops any that overlaps an earlier one. */
function disjoint(tokens: Token[]): Token[] {
  tokens.sort(byPosition);
  const out: Token[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (previous && previous.line === token.line && token.start < previous.end) continue;
    out.push(token);
  }
  return out;
}

/** Semantic tokens of a Dockerfile, encoded relative to each other as LSP wants. */
export function semanticTokens(context: DockerfileContext): number[] {
  if (!modelDescribes(context)) return [];
  const model = context.analysis.model;
  const lines = model.lines;
  const info = syntaxOf(model);
  const tokens = new TokenSet(lines);

  const directiveLines = new Set<number>();
  for (const directive of [...info.header.directives, ...info.header.duplicates.map((d) => d.directive), ...info.header.ignored]) {
    directiveLines.add(directive.line);
    tokens.add(directive.range, 'macro');
  }
  for (const line of info.commentLines) {
    if (directiveLines.has(line)) continue;
    const text = lines.lineText(line);
    const hash = text.indexOf('#');
    if (hash >= 0) tokens.addSpan(line, hash, text.replace(/[ \t]+$/, '').length, 'comment', true);
  }

  for (const statement of info.statements) {
    command(tokens, statement, statement);
    if (statement.trigger) command(tokens, statement, statement.trigger);
    for (const entry of lexStatement(lines, statement, info.escape)) {
      if (entry.kind !== 'code') continue;
      for (const [start, end] of entry.strings) {
        tokens.addSpan(entry.line, start + entry.shift, end + entry.shift, 'string', true);
        if (entry.text[start] === "'" || (start === 0 && entry.quoteAtStart === "'")) tokens.literal.push({ line: entry.line, start: start + entry.shift, end: end + entry.shift, type: 0, modifiers: 0 });
      }
      if (entry.shellComment >= 0) tokens.addSpan(entry.line, entry.shellComment + entry.shift, entry.bodyEnd + entry.shift, 'comment', true);
      else if (entry.inShellComment) tokens.addSpan(entry.line, entry.leadEnd + entry.shift, entry.bodyEnd + entry.shift, 'comment', true);
    }
  }

  for (const stage of model.stages) tokens.add(stage.nameRange, 'class', ['declaration']);
  for (const link of model.stageLinks) {
    if (!/^\d+$/.test(lines.text.slice(lines.offsetAt(link.range.start), lines.offsetAt(link.range.end)))) tokens.add(link.range, 'class');
  }
  for (const definition of model.variables.definitions) tokens.add(definition.nameRange, 'variable', ['declaration']);
  for (const reference of model.variables.references) {
    const predefined = reference.resolution.kind === 'predefined' || reference.resolution.kind === 'predefined-not-declared';
    const end = reference.modifier === undefined ? reference.range.end : reference.nameRange.end;
    tokens.add({ start: reference.range.start, end }, 'variable', predefined ? ['defaultLibrary'] : []);
  }
  return encode(merge(withoutLiteralVariables(disjoint(tokens.strong), disjoint(tokens.literal)), disjoint(tokens.weak)));
}

/** The keyword, flags and sub-keywords of one instruction (or of ONBUILD's trigger). */
function command(tokens: TokenSet, statement: Statement, c: Command): void {
  const line = statement.line;
  if (!isInstruction(c.upper)) return;
  tokens.add(line.range(c.keywordStart, c.keywordEnd), 'keyword', c.upper === 'MAINTAINER' ? ['deprecated'] : []);
  for (const flag of c.flags) {
    tokens.add(line.range(flag.start, flag.nameEnd), 'parameter');
    if (flag.name.toLowerCase() !== 'mount' || !flag.plain || flag.valueStart === undefined) continue;
    let fieldStart = flag.valueStart;
    for (const field of line.text.slice(flag.valueStart, flag.end).split(',')) {
      const eq = field.indexOf('=');
      const keyLength = eq < 0 ? field.length : eq;
      if (keyLength > 0) tokens.add(line.range(fieldStart, fieldStart + keyLength), 'property');
      fieldStart += field.length + 1;
    }
  }
  const words = c.upper === 'FROM' || c.upper === 'HEALTHCHECK' ? blankWords(line.text, c.restStart, c.restEnd) : [];
  if (c.upper === 'FROM' && words.length === 3 && words[1]!.text.toLowerCase() === 'as') tokens.add(line.range(words[1]!.start, words[1]!.end), 'keyword');
  if (c.upper === 'HEALTHCHECK' && words[0] && /^(?:cmd|none)$/i.test(words[0].text)) tokens.add(line.range(words[0].start, words[0].end), 'keyword');
}

const variableType = typeIndex.get('variable');

/** Drops variable tokens inside single-quoted strings. Both inputs sorted and disjoint. */
function withoutLiteralVariables(strong: Token[], literal: Token[]): Token[] {
  if (literal.length === 0) return strong;
  let k = 0;
  return strong.filter((token) => {
    if (token.type !== variableType) return true;
    while (k < literal.length && (literal[k]!.line < token.line || (literal[k]!.line === token.line && literal[k]!.end <= token.start))) k++;
    const span = literal[k];
    return !(span && span.line === token.line && span.start <= token.start && token.end <= span.end);
  });
}

/** Strong tokens as they are; weak tokens with the strong ones cut out of them. Both inputs sorted and disjoint. */
function merge(strong: Token[], weak: Token[]): Token[] {
  const pieces: Token[] = [];
  let first = 0;
  for (const token of weak) {
    while (first < strong.length && (strong[first]!.line < token.line || (strong[first]!.line === token.line && strong[first]!.end <= token.start))) first++;
    let position = token.start;
    for (let k = first; k < strong.length && strong[k]!.line === token.line && strong[k]!.start < token.end; k++) {
      if (strong[k]!.start > position) pieces.push({ ...token, start: position, end: strong[k]!.start });
      position = Math.max(position, strong[k]!.end);
    }
    if (position < token.end) pieces.push({ ...token, start: position });
  }
  const all = strong.concat(pieces);
  all.sort(byPosition);
  return all;
}

function encode(tokens: readonly Token[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const deltaLine = token.line - line;
    data.push(deltaLine, deltaLine === 0 ? token.start - character : token.start, token.end - token.start, token.type, token.modifiers);
    line = token.line;
    character = token.start;
  }
  return data;
}
