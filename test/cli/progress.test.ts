import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progress } from '../../server/src/cli/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progress on stderr', () => {
  it('shows on a terminal for long runs, and clears its line at the end', () => {
    const terminal = stream(true);
    const shown = progress(500, terminal.stream);
    shown.update(1);
    shown.update(2); // within 100 ms of the last: not redrawn
    shown.update(500); // the last one always is
    shown.finish();
    assert.deepEqual(terminal.written, ['\r\u001b[2KLinting 1/500 files', '\r\u001b[2KLinting 500/500 files', '\r\u001b[2K']);
  });

  it('stays silent when stderr is not a terminal or the run is short', () => {
    for (const [isTTY, total] of [[false, 500], [true, 10]] as const) {
      const quiet = stream(isTTY);
      const shown = progress(total, quiet.stream);
      shown.update(total);
      shown.finish();
      assert.deepEqual(quiet.written, []);
    }
  });
});
