// `npm test`: every check CI runs, in order, stopping at the first failure.
// Set DOCKHAND_SKIP_E2E=1 to leave out the real-VS-Code tier while iterating.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  ['typecheck', [npm, 'run', '--silent', 'typecheck']],
  ['lint', [npm, 'run', '--silent', 'lint']],
  ['build', [npm, 'run', '--silent', 'build']],
  ['unit tests', [npm, 'run', '--silent', 'test:unit']],
  ['LSP tests', [npm, 'run', '--silent', 'test:lsp']],
];
if (process.env.DOCKHAND_SKIP_E2E !== '1') steps.push(['end-to-end tests in VS Code', [npm, 'run', '--silent', 'test:e2e']]);

const results = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${result.status === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
  if (result.status !== 0) {
    console.log(`\n${results.join('\n')}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${results.join('\n')}`);
