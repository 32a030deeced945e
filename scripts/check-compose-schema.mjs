// Reports whether the Compose Specification schema that Dockhand bundles (the copy
// in the pinned `dclint` package) is still the one that was reviewed, and whether the
// validators compiled from it (server/src/core/compose/schema-validators.generated.js)
// were compiled from that copy. Run it after updating dclint: when the schema changed,
// check the patches in server/src/core/compose/schema-source.ts, then run this script
// with `--update`, which records the new hash and recompiles the validators, and run
// the compose tests.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const pinUrl = new URL('./compose-schema-pin.json', import.meta.url);
const generatedUrl = new URL('../server/src/core/compose/schema-validators.generated.js', import.meta.url);
const pin = JSON.parse(readFileSync(pinUrl, 'utf8'));
const packageRoot = new URL(`../node_modules/${pin.package}/`, import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8'));
const sha256 = createHash('sha256').update(readFileSync(new URL(pin.file, packageRoot))).digest('hex');

if (process.argv.includes('--update')) {
  if (sha256 !== pin.sha256) writeFileSync(pinUrl, `${JSON.stringify({ ...pin, version, sha256 }, null, 2)}\n`);
  console.log(`compose schema: recorded ${pin.package}@${version} sha256 ${sha256}`);
  execFileSync(process.execPath, ['--import', 'tsx', new URL('./compose-validators.ts', import.meta.url).pathname], { stdio: 'inherit' });
  process.exit(0);
}
if (sha256 !== pin.sha256) {
  console.error(
    `compose schema: ${pin.package}@${version} ships a different ${pin.file} than the reviewed ${pin.package}@${pin.version}\n` +
      `  recorded ${pin.sha256}\n  found    ${sha256}\n` +
      'Review the patches in server/src/core/compose/schema-source.ts, then run this script with --update and run the compose tests.',
  );
  process.exit(1);
}
if (!readFileSync(generatedUrl, 'utf8').includes(`sha256 ${sha256}`)) {
  console.error('compose schema: schema-validators.generated.js was not compiled from this schema; run `npm run compose-validators`.');
  process.exit(1);
}
console.log(`compose schema: unchanged (${pin.package}@${version} ${pin.file}, sha256 ${sha256.slice(0, 12)}…), validators compiled from it`);
