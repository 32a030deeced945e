import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { addTopLevelEntry, reporter } from '../rule-helpers';
import { closest } from '../schema';

export const undefinedVolume: ComposeRule = {
  id: 'undefined-volume',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds: 'A named volume mounted by a service but not declared under the top-level `volumes:`.',
    why:
      'A mount source without a slash (`data:/var/lib/data`) is a named volume, and Compose requires it under the ' +
      'top-level `volumes:` key ("service refers to undefined volume"). A host folder needs `./` to be a bind mount. ' +
      'The fix declares the volume; if you meant a folder beside the compose file, write `./data` instead.',
    example: 'services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    if (project.incomplete) return;
    const names = project.names('volumes');
    const report = reporter(context);
    for (const service of model.services) {
      for (const mount of service.volumes) {
        if (mount.type !== 'volume' || mount.source === undefined || mount.source === '' || mount.interpolated || names.has(mount.source)) continue;
        const suggestion = closest(mount.source, [...names]);
        const edit = addTopLevelEntry(model, 'volumes', mount.source);
        report(
          mount.sourceSpan ?? mount.node,
          `Service '${service.name}' mounts volume '${mount.source}', which is not declared under the top-level volumes${suggestion ? `; did you mean '${suggestion}'?` : ` (write './${mount.source}' for a folder beside the compose file).`}`,
          edit && { title: `Declare volume '${mount.source}'`, edits: [edit] },
        );
      }
    }
  },
};
