// Reports whether the Compose Specification schema that Dockhand bundles (the copy
// in the pinned `dclint` package) is still the one that was reviewed. Run it after
// updating dclint: when the schema changed, check the patches in
// server/src/core/compose/schema.ts, run the compose tests, then record the new hash
// with `node scripts/check-compose-schema.mjs --update`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const pinUrl = new URL('./compose-schema-pin.json', import.meta.url);
const pin = JSON.parse(readFileSync(pinUrl, 'utf8'));
const packageRoot = new URL(`../node_modules/${pin.package}/`, import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8'));
const sha256 = createHash('sha256').update(readFileSync(new URL(pin.file, packageRoot))).digest('hex');

if (sha256 === pin.sha256) {
  console.log(`compose schema: unchanged (${pin.package}@${version} ${pin.file}, sha256 ${sha256.slice(0, 12)}…)`);
  process.exit(0);
}
if (process.argv.includes('--update')) {
  writeFileSync(pinUrl, `${JSON.stringify({ ...pin, version, sha256 }, null, 2)}\n`);
  console.log(`compose schema: recorded ${pin.package}@${version} sha256 ${sha256}`);
  process.exit(0);
}
console.error(
  `compose schema: ${pin.package}@${version} ships a different ${pin.file} than the reviewed ${pin.package}@${pin.version}\n` +
    `  recorded ${pin.sha256}\n  found    ${sha256}\n` +
    'Review the patches in server/src/core/compose/schema.ts, run the compose tests, then run this script with --update.',
);
process.exit(1);
