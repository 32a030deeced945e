import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';

function normalizeTarget(target: string): string {
  return target.length > 1 ? target.replace(/\/+$/, '') : target;
}

export const duplicateMountTarget: ComposeRule = {
  id: 'duplicate-mount-target',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'Two mounts of one service on the same container path (in `volumes` or `tmpfs`).',
    why: 'A container path can hold one mount; Docker refuses to create the container with "Duplicate mount point". Usually one of the two lines is a leftover.',
    example: 'services:\n  app:\n    image: node:22-slim\n    volumes:\n      - ./src:/app\n      - node_modules:/app\nvolumes:\n  node_modules: {}\n',
    fixedExample: 'services:\n  app:\n    image: node:22-slim\n    volumes:\n      - ./src:/app\n      - node_modules:/app/node_modules\nvolumes:\n  node_modules: {}\n',
  },
  check(context) {
    const { model } = context;
    const report = reporter(context);
    for (const service of model.services) {
      const seen = new Set<string>();
      const targets = service.volumes.filter((m) => m.target !== undefined && !m.interpolated).map((m) => ({ target: m.target!, at: m.targetSpan ?? m.node }));
      for (const item of model.tree.items(service.get('tmpfs')?.value)) {
        const text = typeof (item as { value?: unknown }).value === 'string' ? ((item as { value: string }).value.split(':')[0] ?? '') : '';
        if (text) targets.push({ target: text, at: item });
      }
      for (const { target, at } of targets) {
        const key = normalizeTarget(target);
        if (seen.has(key)) report(at, `Service '${service.name}' mounts ${key} twice; Docker refuses duplicate mount points.`);
        seen.add(key);
      }
    }
  },
};
