import type { Flag, Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { BuildkitFacts } from './facts';

/**
 * Where a named stage is used after its declaration: `FROM <stage>`, `COPY --from=<stage>`
 * and `RUN --mount=...,from=<stage>`, up to the next stage declared with the same name.
 * Only literal references are found; ONBUILD triggers belong to the child build and are left out.
 */
export function stageReferences(facts: BuildkitFacts, declaringFrom: number): Range[] {
  const declaring = facts.froms[declaringFrom];
  const wanted = declaring?.name?.toLowerCase();
  if (!declaring || !wanted) return [];
  const references: Range[] = [];
  for (let index = declaringFrom + 1; index < facts.froms.length; index++) {
    const from = facts.froms[index];
    if (!from) continue;
    if (from.baseRange && from.baseText.toLowerCase() === wanted) references.push(from.baseRange);
    if (from.name?.toLowerCase() === wanted) break;
  }
  const last = nextDeclarationLine(facts, declaringFrom, wanted);
  for (const { instruction, stage } of facts.stageInstructions) {
    if (stage < declaringFrom || instruction.getRange().start.line >= last) continue;
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'RUN') continue;
    for (const flag of flagsOf(instruction)) {
      if (keyword === 'COPY' && flag.getName() === 'from') {
        const range = flag.getValueRange();
        if (range && flag.getValue()?.toLowerCase() === wanted) references.push(range);
      } else if (keyword === 'RUN' && flag.getName() === 'mount') {
        for (const option of flag.getOptions()) {
          const range = option.getValueRange();
          if (option.getName() === 'from' && range && option.getValue()?.toLowerCase() === wanted) references.push(range);
        }
      }
    }
  }
  return references;
}

function nextDeclarationLine(facts: BuildkitFacts, declaringFrom: number, wanted: string): number {
  for (let index = declaringFrom + 1; index < facts.froms.length; index++) {
    const from = facts.froms[index];
    // The redeclaring FROM's own instructions resolve to the new stage; its base still sees the old one.
    if (from?.name?.toLowerCase() === wanted) return from.keywordRange.start.line + 1;
  }
  return Number.POSITIVE_INFINITY;
}

export function flagsOf(instruction: Instruction): Flag[] {
  const candidate = instruction as unknown as { getFlags?: () => Flag[] };
  return typeof candidate.getFlags === 'function' ? candidate.getFlags() : [];
}
