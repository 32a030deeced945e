/** Runs over more files than this show a progress line on a terminal. */
const progressThreshold = 50;

export interface Progress {
  update(done: number): void;
  finish(): void;
}

/** A one-line `Linting 120/800 files` on stderr, only when it is a terminal and the run is long. */
export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = stream.isTTY === true && total > progressThreshold;
  let shown = 0;
  return {
    update(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - shown < 100 && done < total) return;
      shown = now;
      stream.write(`\r\u001b[2KLinting ${done}/${total} files`);
    },
    finish() {
      if (enabled && shown > 0) stream.write('\r\u001b[2K');
    },
  };
}
