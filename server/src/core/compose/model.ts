import { type Document, type DocumentOptions, type Node, type Pair, type ParseOptions, parseAllDocuments, type Scalar, type SchemaOptions, YAMLMap, YAMLParseError, YAMLSeq } from 'yaml';
import { LineIndex, type Range } from '../text';
import { DerivedValues } from '../derived';
import { reparse } from './reparse';
import { allReferences, parseTemplate, type TemplateProblem, type VariableReference } from './interpolation';
import { readResource, readService, type Resource, type ResourceKind, type Service, type Span } from './service';
import { AnchorIndex, isMap, isScalar, isSeq, keyString, maxExpandedNodes, nodeSpan } from './yaml-tree';

export interface SyntaxProblem {
  code: string;
  message: string;
  range: Range;
}

// Compose's merge directives (`!reset`, `!override`) are valid tags on any node.
const composeTags = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'map' as const, nodeClass: YAMLMap },
  { tag, collection: 'seq' as const, nodeClass: YAMLSeq },
]);

const parseOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  customTags: composeTags,
  keepSourceTokens: false,
  // The parser compares each key with every earlier key of its mapping: quadratic, seconds on
  // a mapping of a few thousand keys. addDuplicateKeyErrors does the same check with a set.
  uniqueKeys: false,
  merge: true,
};

/** The parser's DUPLICATE_KEY errors (same keys, same positions), found in linear time. */
function addDuplicateKeyErrors(document: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [document.contents];
  // One set for every mapping: each is checked whole before the next (a set per mapping was most of the cost).
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      seen.clear();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const at = key.range?.[0];
          if (!seen.has(key.value)) seen.add(key.value);
          else if (at !== undefined) found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else if (key) {
          stack.push(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  if (found.length === 0) return;
  document.errors.push(...found);
  document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** A `${...}` or `$NAME` found in a value, with offsets in the compose file. */
export interface LocatedReference extends VariableReference {
  scalar: Scalar;
}

export interface LocatedTemplateProblem extends TemplateProblem {
  scalar: Scalar;
}

export interface InterpolationScan {
  /** Every reference, nested defaults included, in source order. */
  references: LocatedReference[];
  /** The outermost references only; their `nested` references are located too. */
  roots: LocatedReference[];
  /** Malformed `${...}` expressions. */
  problems: LocatedTemplateProblem[];
}

/**
 * A compose file parsed once per version, with exact offsets for every node.
 * Anchors, aliases and merge keys are resolved by `tree` without expanding
 * them; derived views (services, resources, interpolation) are computed on
 * first use and shared by every rule.
 */
export class ComposeModel {
  readonly lines: LineIndex;
  readonly documents: Document.Parsed[];
  readonly syntaxProblems: SyntaxProblem[];
  readonly tree: AnchorIndex;
  private servicesCache: readonly Service[] | undefined;
  private readonly resourcesCache = new Map<ResourceKind, readonly Resource[]>();
  private interpolationCache: InterpolationScan | undefined;
  private readonly derivedValues = new DerivedValues<ComposeModel>(this);

  /** Whether the documents are the parse of `text` as it is (no nesting guard blanked a part): a next version may reuse them. */
  private readonly reusable: boolean;

  /** @param previous the model of the document's previous version: only the part an edit changed is parsed again */
  constructor(
    readonly text: string,
    previous?: ComposeModel,
  ) {
    this.lines = new LineIndex(text);
    const guarded = guardNesting(text);
    let documents: Document.Parsed[] | undefined;
    try {
      if (previous?.reusable && guarded.deepAt === undefined) documents = reparse(previous, text, parseOptions);
      documents ??= parseAllDocuments(guarded.text, parseOptions) as Document.Parsed[];
      for (const document of documents) addDuplicateKeyErrors(document);
    } catch {
      // The parser recurses; what the guard did not catch is reported, not thrown.
      documents = [];
      guarded.deepAt ??= 0;
    }
    this.reusable = guarded.deepAt === undefined;
    this.documents = documents;
    this.tree = new AnchorIndex(this.documents);
    this.syntaxProblems = this.documents.flatMap((document) => document.errors.map((error) => this.syntaxProblem(error.code, error.message, error.pos)));
    if (guarded.deepAt !== undefined) {
      this.syntaxProblems.unshift({
        code: 'RESOURCE_EXHAUSTION',
        message: `The file nests deeper than ${maxNesting} levels here; Dockhand analysed it without the deeper part`,
        range: this.lines.rangeOf(guarded.deepAt, guarded.deepAt + 1),
      });
    }
    const excessive = this.tree.excessive;
    if (excessive) {
      const span = nodeSpan(excessive.alias) ?? [0, 0];
      const size = Number.isFinite(excessive.expandedSize) ? `${Math.round(excessive.expandedSize).toLocaleString('en-US')} nodes` : 'an endless loop';
      this.syntaxProblems.push({
        code: 'EXCESSIVE_ALIASING',
        message: `Expanding the aliases of this file (here *${excessive.alias.source}) gives ${size}, over Dockhand's limit of ${maxExpandedNodes.toLocaleString('en-US')}: an alias bomb, which Compose also rejects; the file was analysed without expanding them`,
        range: this.lines.rangeOf(span[0], span[1]),
      });
    }
  }

  private syntaxProblem(code: string, message: string, [start, end]: [number, number]): SyntaxProblem {
    // The parser points at one character; widen it to the word there so the squiggle is visible.
    let wordEnd = Math.max(end, start + 1);
    if (end - start <= 1) {
      const word = /^[\w.$-]+/.exec(this.text.slice(start, start + 256));
      if (word) wordEnd = start + word[0].length;
    }
    const text = this.text.slice(start, wordEnd);
    const friendly =
      code === 'DUPLICATE_KEY'
        ? `Duplicate key '${text}': a mapping may hold each key only once`
        : code === 'RESOURCE_EXHAUSTION'
          ? 'The file nests too deeply to be read'
          : message.split('\n')[0]!;
    // A position on a line break (the parser points past a line's last character) stays on its line.
    const lineEnd = this.lines.lineEnd(this.lines.positionAt(start).line);
    const from = Math.min(start, lineEnd);
    return { code, message: friendly, range: this.lines.rangeOf(from, Math.max(from, Math.min(wordEnd, lineEnd))) };
  }

  /** True when aliases were too many or looped: consumers must not expand them. */
  get aliasesExcessive(): boolean {
    return this.tree.excessive !== undefined;
  }

  /** The top-level mapping of the first document, where compose keys live. */
  get root(): YAMLMap | undefined {
    const contents = this.documents[0]?.contents;
    return isMap(contents) ? contents : undefined;
  }

  /** The top-level mapping of every document; Compose merges several documents in order. */
  get roots(): YAMLMap[] {
    const roots: YAMLMap[] = [];
    for (const document of this.documents) if (isMap(document.contents)) roots.push(document.contents);
    return roots;
  }

  /** The top-level pair with this key, e.g. `services`. */
  topLevel(key: string): Pair | undefined {
    return findPair(this.root, key);
  }

  rangeOf(node: Node | null | undefined): Range | undefined {
    const r = node?.range;
    return r ? this.lines.rangeOf(r[0], r[1]) : undefined;
  }

  spanRange(span: Span): Range {
    return this.lines.rangeOf(span[0], span[1]);
  }

  /** The part of `[start, end)` on the line of `start`, without its line break. */
  firstLine(start: number, end: number): Span {
    const lineEnd = this.lines.lineEnd(this.lines.positionAt(start).line);
    return [start, Math.max(start, Math.min(end, lineEnd))];
  }

  /** What `compute` derives from this model (occurrences, projects), computed on first use and kept with the model (see DerivedValues). */
  derived<T>(compute: (model: ComposeModel) => T): T {
    return this.derivedValues.get(compute);
  }

  /** Every service of every document, in order. A name defined in two documents appears twice. */
  get services(): readonly Service[] {
    if (!this.servicesCache) {
      const services: Service[] = [];
      this.roots.forEach((root, index) => {
        const section = this.tree.get(root, 'services')?.value;
        if (!isMap(section)) return;
        for (const entry of this.tree.entries(section).values()) {
          if (entry.reset) continue;
          services.push(readService(entry.key, entry.keyNode, entry.value, index, this.tree, this.text));
        }
      });
      this.servicesCache = services;
    }
    return this.servicesCache;
  }

  get serviceNames(): ReadonlySet<string> {
    return new Set(this.services.map((service) => service.name));
  }

  /** Top-level networks, volumes, secrets or configs of every document. */
  resources(kind: ResourceKind): readonly Resource[] {
    let cached = this.resourcesCache.get(kind);
    if (!cached) {
      const resources: Resource[] = [];
      this.roots.forEach((root, index) => {
        const section = this.tree.get(root, kind)?.value;
        if (!isMap(section)) return;
        for (const entry of this.tree.entries(section).values()) if (!entry.reset) resources.push(readResource(kind, entry, index, this.tree));
      });
      cached = resources;
      this.resourcesCache.set(kind, cached);
    }
    return cached;
  }

  /** Every variable reference and malformed `${...}` in the file's values (keys are not interpolated). */
  get interpolation(): InterpolationScan {
    if (!this.interpolationCache) this.interpolationCache = scanInterpolation(this);
    return this.interpolationCache;
  }
}

/** No compose file nests this deep; deeper input would exhaust the parser's stack. */
const maxNesting = 256;

/**
 * Blanks (with spaces, so every offset stays valid) the parts of the text that
 * nest deeper than `maxNesting`: lines indented further than that many columns
 * times two, and flow collections (`[`, `{`) deeper than that. One pass, no parsing.
 */
function guardNesting(text: string): { text: string; deepAt: number | undefined } {
  if (cannotNestTooDeep(text)) return { text, deepAt: undefined };
  let deepAt: number | undefined;
  let out: string[] | undefined;
  const blank = (from: number, to: number): void => {
    out ??= [...text];
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
    deepAt ??= from;
  };
  let depth = 0;
  let quote: string | undefined;
  let lineStart = 0;
  let deepFrom: number | undefined;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '\n') {
      // Indentation of the line that just ended.
      // Indentation of the line that just ended, compact nesting (`- - - x`) included.
      let indent = lineStart;
      for (;;) {
        while (indent < i && (text[indent] === ' ' || text[indent] === '\t')) indent++;
        if (indent + 1 < i && (text[indent] === '-' || text[indent] === '?' || text[indent] === ':') && (text[indent + 1] === ' ' || text[indent + 1] === '\t')) indent += 2;
        else break;
      }
      if (indent - lineStart > maxNesting * 2) blank(lineStart, i);
      lineStart = i + 1;
      continue;
    }
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      const before = text[i - 1];
      // A quote only opens a scalar at its start, not inside a plain word (`it's`).
      if (before === undefined || /[\s[{,:]/.test(before)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > maxNesting && deepFrom === undefined) deepFrom = i;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--;
      if (deepFrom !== undefined && depth <= maxNesting) {
        blank(deepFrom, i + 1);
        deepFrom = undefined;
      }
    }
  }
  if (deepFrom !== undefined) blank(deepFrom, text.length);
  return { text: out ? out.join('') : text, deepAt };
}

/**
 * True when no line is longer than `maxNesting * 2` characters and the text holds at most
 * `maxNesting` brackets (`[`, `{`): then guardNesting has nothing to blank. Searches, no loop per character.
 */
function cannotNestTooDeep(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > maxNesting * 2) return false;
    start = stop + 1;
  }
  let brackets = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++brackets > maxNesting) return false;
  }
  return true;
}

function scanInterpolation(model: ComposeModel): InterpolationScan {
  const references: LocatedReference[] = [];
  const roots: LocatedReference[] = [];
  const problems: LocatedTemplateProblem[] = [];
  for (const document of model.documents) {
    // Iterative: values only, aliases not followed (each scalar is scanned once, where it is written).
    const stack: unknown[] = [document.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value);
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
        const value = node.value;
        const template = parseTemplate(value);
        if (template.references.length === 0 && template.problems.length === 0) continue;
        const toSource = sourceMapper(model.text, node, value);
        // An end is just past its last character: the source may hold more (a CR) before the next one.
        const toSourceEnd = (offset: number): number => (offset > 0 ? toSource(offset - 1) + 1 : toSource(0));
        const locate = (reference: VariableReference): LocatedReference => ({
          ...reference,
          start: toSource(reference.start),
          end: toSourceEnd(reference.end),
          nameStart: toSource(reference.nameStart),
          nameEnd: toSourceEnd(reference.nameEnd),
          wordStart: toSource(reference.wordStart),
          nested: reference.nested.map(locate),
          scalar: node,
        });
        const located = template.references.map(locate);
        roots.push(...located);
        references.push(...(allReferences(located) as LocatedReference[]));
        for (const problem of template.problems) problems.push({ ...problem, start: toSource(problem.start), end: Math.max(toSource(problem.start), toSourceEnd(problem.end)), scalar: node });
      }
    }
  }
  return { references, roots, problems };
}

/**
 * Maps an offset in a scalar's value to an offset in the source. Exact for
 * plain and quoted scalars without escapes; for block scalars and escapes, the
 * value's characters are aligned greedily with the source.
 */
function sourceMapper(text: string, node: Scalar, value: string): (offset: number) => number {
  const span = nodeSpan(node);
  if (!span) return () => 0;
  const source = text.slice(span[0], span[1]);
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  if (source.length - 2 * quote === value.length && source.slice(quote, source.length - quote) === value) {
    return (offset) => span[0] + quote + offset;
  }
  const map = new Int32Array(value.length + 1);
  let s = 0;
  for (let v = 0; v < value.length; v++) {
    // A line break of the source read as a space or line feed (folding, CRLF): one source line break.
    if ((value[v] === ' ' || value[v] === '\n') && (source[s] === '\r' || source[s] === '\n')) {
      map[v] = s;
      s += source[s] === '\r' && source[s + 1] === '\n' ? 2 : 1;
      continue;
    }
    let found = -1;
    for (let probe = s; probe < source.length && probe < s + 64; probe++) {
      if (source[probe] === value[v]) {
        found = probe;
        break;
      }
    }
    if (found >= 0) s = found;
    map[v] = s;
    if (found >= 0) s++;
  }
  map[value.length] = s;
  return (offset) => span[0] + (map[Math.max(0, Math.min(offset, value.length))] ?? 0);
}

export function findPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

export function keyText(pair: Pair): string | undefined {
  return keyString(pair.key);
}

export type { Resource, ResourceKind, Service };
