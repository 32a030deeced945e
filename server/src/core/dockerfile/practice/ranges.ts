import type { Range } from '../../text';
import type { DockerfileModel } from '../model';

/** The range from start to end, cut at the end of the start's line (continuations dropped) so that it stays on one line. */
export function lineRange(model: DockerfileModel, start: number, end: number): Range {
  const line = model.lines.positionAt(start).line;
  const lineEnd = model.lines.lineEnd(line);
  if (end <= lineEnd) return model.lines.rangeOf(start, end);
  let cut = lineEnd;
  while (cut > start && /[\s\\`]/.test(model.text[cut - 1] ?? '')) cut--;
  return model.lines.rangeOf(start, cut > start ? cut : lineEnd);
}
