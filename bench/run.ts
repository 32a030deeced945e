// `npm run bench`: every benchmark, each in its own process so that one's
// module state (Dockhand's memoized parser getters) cannot speed up another's peers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const benches = ['dockerfile.ts', 'compose.ts', 'cli.ts', 'lsp.ts'].filter((name) => fs.existsSync(path.join(__dirname, name)));
let failed = false;
for (const name of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, name)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
