// Writes RULES.md from the rule files; `--check` fails when the file is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/core/rules/registry';
import { rulesMarkdown } from '../server/src/core/rules/rules-markdown';

const file = path.join(__dirname, '..', 'RULES.md');
const expected = rulesMarkdown(allRules);
if (process.argv.includes('--check')) {
  const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (actual !== expected) {
    console.error('RULES.md is stale: run `npm run rules-md`.');
    process.exitCode = 1;
  }
} else {
  fs.writeFileSync(file, expected);
  console.log(`RULES.md: ${allRules.length} rules`);
}
