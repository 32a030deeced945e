import type { Instruction } from 'dockerfile-ast';

/** True when the instruction's arguments are a valid JSON array of strings (exec form). */
export function isExecForm(instruction: Instruction): boolean {
  const content = instruction.getRawArgumentsContent()?.trim() ?? '';
  if (!content.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(content.replace(/\\\r?\n/g, ''));
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
