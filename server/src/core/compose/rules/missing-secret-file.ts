import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

export const missingSecretFile: ComposeRule = {
  id: 'missing-secret-file',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A top-level secret or config whose `file:` does not exist.',
    why:
      'Compose bind-mounts the file of a file-based secret or config into the container and fails when it is missing. ' +
      'Paths are relative to the compose file. Keep such files out of version control, but create them before `docker compose up`.',
    example: 'services:\n  db:\n    image: postgres:17\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const report = reporter(context);
    for (const kind of ['secrets', 'configs'] as const) {
      for (const resource of model.resources(kind)) {
        if (resource.external) continue;
        const file = resource.get('file')?.value;
        const written = file && typeof (file as { value?: unknown }).value === 'string' ? (file as { value: string }).value : undefined;
        if (written === undefined) continue;
        const path = project.resolvePath(written);
        if (path === undefined || project.fileExists(path)) continue;
        report(file, `The file of ${kind === 'secrets' ? 'secret' : 'config'} '${resource.name}' does not exist (${project.display(path)}); Compose fails to mount it.`);
      }
    }
  },
};
