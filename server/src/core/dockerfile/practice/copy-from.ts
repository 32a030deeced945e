import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../../text';
import type { DockerfileModel, Stage } from '../model';

/** A `COPY --from=VALUE` as written. */
export interface CopyFrom {
  stage: Stage;
  instruction: Instruction;
  value: string;
  range: Range;
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
}

/** Every literal `COPY --from=...` of the file; values with variables are left out (BuildKit rejects them anyway). */
export function copyFroms(model: DockerfileModel): CopyFrom[] {
  const result: CopyFrom[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      for (const flag of (instruction as Instruction & { getFlags?(): FlagLike[] }).getFlags?.() ?? []) {
        if (flag.getName().toLowerCase() !== 'from') continue;
        const value = flag.getValue();
        const range = flag.getValueRange();
        if (!value || !range || value.includes('$')) continue;
        result.push({ stage, instruction, value, range });
      }
    }
  }
  return result;
}

/** The stage BuildKit resolves a `--from` value to: by index, or the last stage of that name (case-insensitive). */
export function resolveFrom(model: DockerfileModel, value: string): Stage | undefined | 'invalid-index' {
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    return index < model.stages.length ? model.stages[index] : 'invalid-index';
  }
  const wanted = value.toLowerCase();
  let found: Stage | undefined;
  for (const stage of model.stages) if (stage.name?.toLowerCase() === wanted) found = stage;
  return found;
}
