// `npm test`: every check CI runs, in order, stopping at the first failure.
// Set DOCKHAND_SKIP_E2E=1 to leave out the real-VS-Code tier while iterating.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['build', ['run', '--silent', 'build']],
  ['unit tests', ['run', '--silent', 'test:unit']],
  ['LSP and CLI tests', ['run', '--silent', 'test:lsp']],
];
if (process.env.DOCKHAND_SKIP_E2E !== '1') steps.push(['end-to-end tests in VS Code', ['run', '--silent', 'test:e2e']]);

/** Runs a step, echoing its output, and counts what node:test and mocha report. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(npm, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('close', (code) => {
      const count = (pattern) => [...output.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
      resolve({
        code: code ?? 1,
        passed: count(/^ℹ pass (\d+)$/gm) + count(/^\s*(\d+) passing/gm),
        failed: count(/^ℹ fail (\d+)$/gm) + count(/^\s*(\d+) failing/gm),
      });
    });
  });
}

const summary = [];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = await run(args);
  passed += result.passed;
  failed += result.failed;
  summary.push(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.code !== 0) {
    exitCode = result.code;
    break;
  }
}
console.log(`\n${summary.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
