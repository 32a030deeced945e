// `npm run package`: a production build and a .vsix made from the .vscodeignore allow-list.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
const limit = 2 * 1024 * 1024;

execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
// The secret-value rule's docs and tests show a made-up npm token; vsce's scanner would refuse it.
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-package-secrets', 'npm', '--out', out], { stdio: 'inherit' });
const files = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' }).trim().split('\n');
const size = statSync(out).size;
console.log(`${out}: ${(size / 1024).toFixed(0)} KiB, ${files.length} files: ${files.join(', ')}`);
if (size > limit) {
  console.error(`${out} is over the 2 MiB limit`);
  process.exit(1);
}
