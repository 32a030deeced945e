// What must hold for any input, whatever it is: no language feature throws, no
// call is slow for the input's size, and every position or range returned lies
// inside the document. Shared by the property tests and `npm run fuzz`.
import { applyEdits, type DocumentKind, type FileAccess, LanguageService, LineIndex, memoryFileAccess, type Position, type Range, type SourceDocument, type TextEdit } from '../../../server/src/core';
import type { CodeAction, DocumentSymbol } from '../../../server/src/core/features';

export interface Problem {
  /** The call that failed: `analyze`, `hover@3:4`, ... */
  call: string;
  /** `fix`: a fix round-trip that does not hold (see round-trip.ts). */
  kind: 'exception' | 'range' | 'slow' | 'internal-error' | 'edits' | 'fix';
  message: string;
}

/** Where fuzzed documents pretend to live, so rules that read neighbours have a path. */
export const fuzzFolder = '/fuzz';

export function documentFor(kind: DocumentKind, text: string, version = 1): SourceDocument {
  const name = kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml';
  return { uri: `file://${fuzzFolder}/${name}`, path: `${fuzzFolder}/${name}`, kind, version, text };
}

/** Neighbours every fuzzed document gets: enough for the rules that read files to run. */
export function fuzzFiles(document: SourceDocument, extra: Record<string, string> = {}): FileAccess {
  return memoryFileAccess({
    [`${fuzzFolder}/.dockerignore`]: 'node_modules\n.git\n!keep\n**/*.log\n',
    [`${fuzzFolder}/.env`]: 'TAG=1.0\nPORT=8080\nEMPTY=\n',
    // The Dockerfile a fuzzed compose file builds; a fuzzed Dockerfile is itself, below.
    [`${fuzzFolder}/Dockerfile`]: 'FROM alpine:3.20 AS build\nARG VERSION\nFROM build\n',
    ...extra,
    [document.path!]: document.text,
  });
}

/**
 * The most a call may take on a text of this many characters: generous for
 * slow machines and a cold JIT, but linear, so a quadratic path is caught.
 */
export function timeBudgetMs(characters: number): number {
  return 1_500 + characters * 0.05;
}

export interface ExerciseOptions {
  /** Positions for hover, completion, code actions and the other position-taking features. */
  positions: readonly Position[];
  /** Run every feature (default) or only analysis, hover, completion, symbols, code actions, formatting and folding. */
  features?: 'all' | 'sample';
  /** A service to reuse (its caches are per URI and version). */
  service?: LanguageService;
  budgetMs?: number;
}

let warm = false;

/** The first analysis of each kind loads schemas and compiles code: not what the time budget is about. */
export function warmUp(): void {
  if (warm) return;
  warm = true;
  const samples: [DocumentKind, string][] = [
    ['dockerfile', 'FROM alpine:3.20 AS build\nARG A=1\nRUN echo $A && apt-get install -y curl\nFROM scratch\nCOPY --from=build /x /y\nCMD ["/y"]\n'],
    ['compose', 'x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: nginx\n    ports: ["80:80"]\n    depends_on: [db]\n  db:\n    image: postgres:17\n'],
    // An invalid file compiles the schema's second, detailed validator (compose/schema.ts).
    ['compose', 'services:\n  web:\n    image: 3\n    ports: x\n'],
  ];
  for (const [kind, text] of samples) exercise(kind, text, { positions: [{ line: 1, character: 2 }, { line: 3, character: 5 }], budgetMs: Number.POSITIVE_INFINITY });
}

/** Runs analysis and the language features on one document and returns everything that went wrong. */
export function exercise(kind: DocumentKind, text: string, options: ExerciseOptions): Problem[] {
  warmUp();
  const document = documentFor(kind, text);
  const service = options.service ?? new LanguageService(fuzzFiles(document));
  const lines = new LineIndex(text);
  const budget = options.budgetMs ?? timeBudgetMs(text.length);
  const problems: Problem[] = [];
  const all = options.features !== 'sample';

  const call = <T>(name: string, run: () => T, check: (result: T) => void): void => {
    const started = performance.now();
    let result: T;
    try {
      result = run();
    } catch (error) {
      problems.push({ call: name, kind: 'exception', message: describe(error) });
      return;
    }
    const elapsed = performance.now() - started;
    if (elapsed > budget) problems.push({ call: name, kind: 'slow', message: `took ${Math.round(elapsed)} ms on ${text.length} characters (budget ${Math.round(budget)} ms)` });
    try {
      check(result);
    } catch (error) {
      problems.push({ call: name, kind: 'range', message: describe(error) });
    }
  };
  const range = (r: Range | undefined, what: string): void => {
    if (r) assertRange(lines, r, what);
  };
  const edits = (name: string, list: readonly TextEdit[]): void => {
    for (const edit of list) range(edit.range, `${name} edit`);
    try {
      applyEdits(text, list);
    } catch (error) {
      problems.push({ call: name, kind: 'edits', message: describe(error) });
    }
  };

  call(
    'analyze',
    () => service.analyze(document),
    (analysis) => {
      // Each finding on its own, so one bad range does not hide the next finding's problem.
      for (const finding of analysis.findings) {
        if (finding.rule === 'internal-error') problems.push({ call: 'analyze', kind: 'internal-error', message: finding.message });
        try {
          range(finding.range, `finding ${finding.rule}`);
          if (finding.fix) edits(`fix of ${finding.rule}`, finding.fix.edits);
        } catch (error) {
          problems.push({ call: 'analyze', kind: 'range', message: describe(error) });
        }
      }
      for (const suppression of analysis.suppressions) range(suppression.comment, 'suppression comment');
    },
  );
  if (problems.some((p) => p.call === 'analyze' && p.kind === 'exception')) return problems;

  call('documentSymbols', () => service.documentSymbols(document), (symbols) => checkSymbols(lines, symbols));
  call('foldingRanges', () => service.foldingRanges(document), (folds) => {
    for (const fold of folds) {
      if (!(Number.isInteger(fold.startLine) && fold.startLine >= 0 && fold.startLine <= fold.endLine && fold.endLine < lines.lineCount)) {
        throw new Error(`folding range ${fold.startLine}-${fold.endLine} outside 0-${lines.lineCount - 1}`);
      }
    }
  });
  const formatting = { tabSize: 4, insertSpaces: true };
  call('format', () => service.format(document, formatting), (result) => edits('format', result));
  if (all) {
    call('documentLinks', () => service.documentLinks(document), (links) => links.forEach((l) => range(l.range, 'link')));
    call('semanticTokens', () => service.semanticTokens(document), (data) => checkSemanticTokens(lines, data));
  }

  for (const position of options.positions) {
    const at = `@${position.line}:${position.character}`;
    const lineRange: Range = { start: { line: position.line, character: 0 }, end: { line: position.line, character: lines.lineText(position.line).length } };
    call(`hover${at}`, () => service.hover(document, position), (hover) => range(hover?.range, 'hover'));
    call(`completion${at}`, () => service.completion(document, position), (items) => items.forEach((item) => range(item.range, `completion ${item.label}`)));
    call(`codeActions${at}`, () => [...service.codeActions(document, { start: position, end: position }), ...service.codeActions(document, lineRange)], (actions) => checkActions(actions, edits));
    call(`formatRange${at}`, () => service.format(document, formatting, lineRange), (result) => edits('formatRange', result));
    if (!all) continue;
    call(`definition${at}`, () => service.definition(document, position), (locations) => locations.filter((l) => l.uri === document.uri).forEach((l) => range(l.range, 'definition')));
    call(`references${at}`, () => service.references(document, position, true), (locations) => locations.filter((l) => l.uri === document.uri).forEach((l) => range(l.range, 'reference')));
    call(`documentHighlights${at}`, () => service.documentHighlights(document, position), (highlights) => highlights.forEach((h) => range(h.range, 'highlight')));
    call(`prepareRename${at}`, () => service.prepareRename(document, position), (prepared) => range(prepared?.range, 'prepareRename'));
    call(`rename${at}`, () => service.rename(document, position, 'renamed_1'), (result) => {
      if (result && typeof result !== 'string') edits('rename', result.changes[document.uri] ?? []);
    });
    call(`signatureHelp${at}`, () => service.signatureHelp(document, position), () => undefined);
    call(`formatOnType${at}`, () => service.formatOnType(document, position, '\n', formatting), (result) => edits('formatOnType', result));
  }
  return problems;
}

function checkActions(actions: readonly CodeAction[], edits: (name: string, list: readonly TextEdit[]) => void): void {
  for (const action of actions) {
    if (typeof action.title !== 'string' || action.title.length === 0) throw new Error('code action without a title');
    edits(`action "${action.title}"`, action.edits);
  }
}

function checkSymbols(lines: LineIndex, symbols: readonly DocumentSymbol[]): void {
  for (const symbol of symbols) {
    assertRange(lines, symbol.range, `symbol ${symbol.name}`);
    assertRange(lines, symbol.selectionRange, `symbol ${symbol.name} selection`);
    checkSymbols(lines, symbol.children ?? []);
  }
}

/** LSP's relative encoding: deltaLine, deltaStart, length, type, modifiers. */
function checkSemanticTokens(lines: LineIndex, data: readonly number[]): void {
  if (data.length % 5 !== 0) throw new Error(`semantic tokens: ${data.length} numbers is not a multiple of 5`);
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (deltaLine < 0 || deltaStart < 0 || length < 0) throw new Error(`semantic token ${i / 5} has a negative delta or length`);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    assertRange(lines, { start: { line, character }, end: { line, character: character + length } }, `semantic token ${i / 5}`);
  }
}

/** Throws unless the range is well-formed and inside the document. */
export function assertRange(lines: LineIndex, r: Range, what: string): void {
  const show = `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) throw new Error(`${what}: malformed range ${show}`);
    if (p.line >= lines.lineCount) throw new Error(`${what}: range ${show} past the last line (${lines.lineCount - 1})`);
    const length = lines.lineText(p.line).length;
    if (p.character > length) throw new Error(`${what}: range ${show} past the end of line ${p.line} (${length} characters)`);
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) throw new Error(`${what}: range ${show} ends before it starts`);
}

export function describe(error: unknown): string {
  if (error instanceof Error) return (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 6).join('\n');
  return String(error);
}

/** Positions spread over the document from a list of numbers: inside lines, at their ends, and a few past them. */
export function positionsFrom(text: string, seeds: readonly number[]): Position[] {
  const lines = new LineIndex(text);
  return seeds.map((seed, i) => {
    const line = seed % (lines.lineCount + (i % 4 === 3 ? 2 : 0));
    const length = lines.lineText(line).length;
    const character = Math.floor(seed / 7) % (length + (i % 5 === 4 ? 3 : 1));
    return { line, character };
  });
}

export function summarize(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.kind} in ${p.call}: ${p.message}`).join('\n');
}

/** What identifies one bug across inputs: the kind of document, of problem, the call (without its position) and the message's first line without numbers. */
export function signature(kind: DocumentKind, problem: Problem): string {
  const call = problem.call.replace(/@\d+:\d+$/, '').replace(/"[^"]*"/g, '"…"');
  const message = problem.kind === 'slow' ? '' : (problem.message.split('\n')[0] ?? '').replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 160);
  return `${kind} ${problem.kind} ${call}${message === '' ? '' : `: ${message}`}`;
}
