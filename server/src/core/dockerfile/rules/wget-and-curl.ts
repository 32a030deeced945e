import { type Invocation, runsOf } from '../practice/commands';
import type { Stage } from '../model';
import type { DockerfileRule } from '../rule';

export const wgetAndCurl: DockerfileRule = {
  id: 'wget-and-curl',
  language: 'dockerfile',
  category: 'performance',
  defaultSeverity: 'info',
  fixable: 'none',
  equivalents: ['hadolint:DL4001', 'trivy:DS-0014'],
  docs: {
    finds: 'A stage that downloads with both `wget` and `curl`.',
    why:
      'wget and curl do the same job in a Dockerfile. Using both usually means installing both, which ' +
      'makes the image larger and gives it two tools to patch. Pick one (curl is in most base images ' +
      'that have either) and use it throughout the stage.',
    example: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN wget -qO /tmp/b.tgz https://example.com/b.tgz\n',
    fixedExample: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz\n',
  },
  check({ model, report }) {
    const seen = new Map<Stage, Map<string, Invocation>>();
    for (const run of runsOf(model)) {
      let tools = seen.get(run.stage);
      if (!tools) {
        // A stage built FROM another one inherits what that stage installed.
        tools = new Map(run.stage.parent ? seen.get(run.stage.parent) : undefined);
        seen.set(run.stage, tools);
      }
      for (const invocation of run.invocations) {
        if (invocation.program !== 'wget' && invocation.program !== 'curl') continue;
        const other = invocation.program === 'wget' ? 'curl' : 'wget';
        const first = tools.get(other);
        if (first && !tools.has(invocation.program)) {
          const line = model.lines.positionAt(first.command.start).line + 1;
          report({
            range: model.lines.rangeOf(invocation.programWord.start, invocation.programWord.end),
            message: `This stage already downloads with ${other} (line ${line}); using ${invocation.program} as well usually means installing two tools for the same job.`,
          });
        }
        if (!tools.has(invocation.program)) tools.set(invocation.program, invocation);
      }
    }
  },
};
