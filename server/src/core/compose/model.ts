import { type Document, isMap, isScalar, type Pair, parseAllDocuments, type ParseOptions, type DocumentOptions, type SchemaOptions, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { LineIndex, type Range } from '../text';

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
  uniqueKeys: true,
  merge: true,
};

/** A compose file parsed once per version, with exact offsets for every node. */
export class ComposeModel {
  readonly lines: LineIndex;
  readonly documents: Document.Parsed[];
  readonly syntaxProblems: SyntaxProblem[];

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.documents = parseAllDocuments(text, parseOptions) as Document.Parsed[];
    this.syntaxProblems = this.documents.flatMap((document) => document.errors.map((error) => this.syntaxProblem(error.code, error.message, error.pos)));
  }

  private syntaxProblem(code: string, message: string, [start, end]: [number, number]): SyntaxProblem {
    // The parser points at one character; widen it to the word there so the squiggle is visible.
    let wordEnd = Math.max(end, start + 1);
    if (end - start <= 1) {
      const word = /^[\w.$-]+/.exec(this.text.slice(start, start + 256));
      if (word) wordEnd = start + word[0].length;
    }
    const text = this.text.slice(start, wordEnd);
    const friendly = code === 'DUPLICATE_KEY' ? `Duplicate key '${text}': a mapping may hold each key only once` : message;
    return { code, message: friendly, range: this.lines.rangeOf(start, wordEnd) };
  }

  /** The top-level mapping of the first document, where compose keys live. */
  get root(): YAMLMap | undefined {
    const contents = this.documents[0]?.contents;
    return isMap(contents) ? contents : undefined;
  }

  /** The top-level pair with this key, e.g. `services`. */
  topLevel(key: string): Pair | undefined {
    return findPair(this.root, key);
  }

  rangeOf(node: Node | null | undefined): Range | undefined {
    const r = node?.range;
    return r ? this.lines.rangeOf(r[0], r[1]) : undefined;
  }
}

export function findPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}
