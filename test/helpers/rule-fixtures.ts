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
    .filter((name) => name !== 'files.json')
    .sort()
    .map((name) => ({ name, file: path.join(folder, name), text: fs.readFileSync(path.join(folder, name), 'utf8') }));
}

/** Where fixtures pretend to live, so rules that read neighbours have a path. */
export const fixtureFolder = '/fixture';

/**
 * Files beside a rule's fixtures (a `.dockerignore`, an `.env`), from an optional
 * `files.json` in its folder: `{ "relative/path": "content" }`.
 */
export function fixtureNeighbours(ruleId: string): Record<string, string> {
  const file = path.join(fixturesRoot, ruleId, 'files.json');
  if (!fs.existsSync(file)) return {};
  const relative = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(relative).map(([name, content]) => [`${fixtureFolder}/${name}`, content]));
}
