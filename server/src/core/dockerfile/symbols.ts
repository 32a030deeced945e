import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../feature-context';
import type { DocumentSymbol, FoldingRange } from '../features';
import type { Range } from '../text';
import type { Stage } from './model';
import type { VariableDefinition } from './variables';

/** The outline: global ARGs, then one entry per stage with its instructions. */
export function documentSymbols({ analysis }: DockerfileContext): DocumentSymbol[] {
  const model = analysis.model;
  // ARG and ENV names by instruction, gathered once rather than searched for each instruction.
  const names = new Map<Instruction, VariableDefinition[]>();
  for (const definition of model.variables.definitions) {
    const list = names.get(definition.instruction);
    if (list) list.push(definition);
    else names.set(definition.instruction, [definition]);
  }
  const firstFrom = model.stages[0]?.from.getRange().start.line ?? Number.POSITIVE_INFINITY;
  const globals = model.instructions.filter((i) => i.getRange().start.line < firstFrom).map((i) => instructionSymbol(names, i));
  return [...globals, ...model.stages.map((stage) => stageSymbol(names, stage))];
}

function stageSymbol(names: ReadonlyMap<Instruction, VariableDefinition[]>, stage: Stage): DocumentSymbol {
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return {
    name: stage.name ?? `stage ${stage.index}`,
    detail: `FROM ${stage.baseText}`,
    kind: 'stage',
    range: { start: stage.from.getRange().start, end: last.getRange().end },
    selectionRange: stage.nameRange ?? stage.baseRange,
    children: stage.instructions.map((i) => instructionSymbol(names, i)),
  };
}

function instructionSymbol(definitions: ReadonlyMap<Instruction, VariableDefinition[]>, instruction: Instruction): DocumentSymbol {
  const keyword = instruction.getKeyword();
  const range = instruction.getRange();
  if (keyword === 'ARG' || keyword === 'ENV') {
    const names = definitions.get(instruction) ?? [];
    if (names.length > 0) {
      return {
        name: `${keyword} ${names.map((d) => d.name).join(' ')}`,
        kind: 'variable',
        range,
        selectionRange: names[0]!.nameRange,
        children: names.map((d) => ({ name: d.name, detail: d.value ?? '', kind: 'variable' as const, range: d.nameRange, selectionRange: d.nameRange })),
      };
    }
  }
  const content = (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
  return {
    name: keyword,
    detail: content.length > 60 ? `${content.slice(0, 57)}...` : content,
    kind: 'instruction',
    range,
    selectionRange: instruction.getInstructionRange(),
  };
}

/** Folding: stages, instructions over several lines, heredoc bodies, comment blocks. */
export function foldingRanges({ analysis }: DockerfileContext): FoldingRange[] {
  const model = analysis.model;
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRange['kind']): void => {
    if (end > start) ranges.push({ startLine: start, endLine: end, ...(kind && { kind }) });
  };
  model.stages.forEach((stage) => {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    add(stage.from.getRange().start.line, last.getRange().end.line);
  });
  for (const instruction of model.instructions) {
    const range: Range = instruction.getRange();
    add(range.start.line, range.end.line);
    const heredocs = (instruction as Instruction & { getHeredocs?(): { getContentRange(): Range | null }[] }).getHeredocs?.() ?? [];
    for (const heredoc of heredocs) {
      const content = heredoc.getContentRange();
      if (content) add(content.start.line - 1, content.end.line);
    }
  }
  const insideInstruction = new Uint8Array(model.lines.lineCount);
  for (const instruction of model.instructions) {
    const range = instruction.getRange();
    insideInstruction.fill(1, range.start.line, Math.min(range.end.line + 1, insideInstruction.length));
  }
  let blockStart = -1;
  for (let line = 0; line <= model.lines.lineCount; line++) {
    const isComment = line < model.lines.lineCount && insideInstruction[line] === 0 && /^\s*#/.test(model.lines.lineText(line));
    if (isComment && blockStart < 0) blockStart = line;
    if (!isComment && blockStart >= 0) {
      add(blockStart, line - 1, 'comment');
      blockStart = -1;
    }
  }
  return ranges;
}
