import * as fs from 'node:fs';
import * as path from 'node:path';

export const fixturesRoot = path.join(__dirname, '..', 'fixtures', 'rules');

export interface RuleFixture {
  name: string;
  file: string;
  text: string;
}

/** The fixture files of one rule: `bad.*` must fire it, `good.*` must not. */
export function ruleFixtures(ruleId: string): RuleFixture[] {
  const folder = path.join(fixturesRoot, ruleId);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .sort()
    .map((name) => ({ name, file: path.join(folder, name), text: fs.readFileSync(path.join(folder, name), 'utf8') }));
}
