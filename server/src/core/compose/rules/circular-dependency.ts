import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { reporter } from '../rule-helpers';

/** Strongly connected components of a graph (iterative Tarjan), each as a set of names. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: Set<string>[] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = new Set<string>();
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.node);
        if (component.size > 1) result.push(component);
      }
    }
  }
  return result;
}

const maxNamesShown = 8;

export const circularDependency: ComposeRule = {
  id: 'circular-dependency',
  language: 'compose',
  category: 'correctness',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'Services whose `depends_on` entries form a cycle (`web` needs `api`, `api` needs `web`).',
    why:
      'Compose starts services in dependency order; with a cycle there is no order, and it refuses to start the project. ' +
      'Services on a shared network reach each other by name anyway: keep `depends_on` for the direction that matters at start-up.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - api\n  api:\n    image: node:22-slim\n    depends_on:\n      - web\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - api\n  api:\n    image: node:22-slim\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const graph = new Map<string, string[]>();
    const files = [model, ...project.overrides.map((f) => f.model), ...(project.base ? [project.base.model] : []), ...project.includes.map((f) => f.model)];
    for (const file of files) {
      for (const service of file.services) {
        const edges = graph.get(service.name) ?? [];
        for (const dependency of service.dependsOn) if (dependency.name !== service.name) edges.push(dependency.name);
        graph.set(service.name, edges);
      }
    }
    const report = reporter(context);
    for (const component of cycles(graph)) {
      // Every message names the cycle: a few names, so that a cycle of thousands stays linear.
      const names = [...component];
      const shown = names.length <= maxNamesShown ? names.join(', ') : `${names.slice(0, maxNamesShown).join(', ')} and ${names.length - maxNamesShown} more`;
      for (const service of model.services) {
        if (!component.has(service.name)) continue;
        for (const dependency of service.dependsOn) {
          if (!component.has(dependency.name) || dependency.name === service.name) continue;
          report(dependency.span ?? dependency.node, `Service '${service.name}' depends on '${dependency.name}', which depends back on it (cycle: ${shown}); Compose cannot order their start.`);
        }
      }
    }
  },
};
