import { dirname } from '../../paths';
import type { DockerfileRule } from '../rule';
import { junkIn, readDockerignore } from '../security/context';
import { wholeContextSource } from './context-copied-before-install';

export const missingDockerignore: DockerfileRule = {
  id: 'missing-dockerignore',
  language: 'dockerfile',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      '`COPY .` or `ADD .` (the whole build context) when the Dockerfile\'s folder has no `.dockerignore` (nor ' +
      '`<Dockerfile-name>.dockerignore`) but holds something that should stay out of the image: `.git`, ' +
      '`node_modules`, `.env` files, a virtualenv, caches or credentials.',
    why:
      'The build context is the folder sent to the builder, and `COPY . .` puts all of it in the ' +
      'image: the whole git history, local `node_modules` built for another OS, `.env` files with ' +
      'real secrets. It also makes every build slower and any change to those files invalidates the ' +
      'copy. A `.dockerignore` at the context root (or, with BuildKit, `<Dockerfile-name>.dockerignore` ' +
      'beside the Dockerfile) excludes paths; patterns match from the context root, so `*.pyc` ' +
      'matches only at the root and `**/*.pyc` at any depth. A sensible start: `.git`, `.env`, ' +
      '`*.log`, `Dockerfile*`, `.dockerignore`, plus per language: Node.js `node_modules`, `dist`, ' +
      '`coverage`; Python `**/__pycache__`, `**/*.pyc`, `.venv`, `venv`, `.pytest_cache`; Go `bin`, ' +
      '`vendor` if you do not build with it; Java `target`, `build`, `.gradle`; .NET `**/bin`, ' +
      '`**/obj`; Rust `target`. The rule assumes the Dockerfile\'s folder is the context (the usual ' +
      '`docker build .`) and only reports when it sees such entries there.',
    example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm run build\n',
    fixedExample: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json server.js ./\nCOPY src/ ./src/\n',
  },
  check({ model, report, files, path }) {
    if (!path) return;
    const sources = model.instructions.map(wholeContextSource).filter((source) => source !== undefined);
    if (sources.length === 0 || readDockerignore(files, path)) return;
    const entries = files.listDirectory(dirname(path));
    if (!entries) return;
    const found = junkIn(entries);
    if (found.length === 0) return;
    const list = found.length === 1 ? found[0]! : `${found.slice(0, -1).join(', ')} and ${found[found.length - 1]!}`;
    for (const source of sources) {
      report({
        range: source.getRange(),
        message: `This copies the whole build context, including ${list}, because there is no .dockerignore beside the Dockerfile; add one that excludes them.`,
      });
    }
  },
};
