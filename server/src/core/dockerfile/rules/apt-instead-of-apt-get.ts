import { runsOf } from '../practice/commands';
import { callRange, isLocal, toolCalls } from '../practice/package-managers';
import type { DockerfileRule } from '../rule';

/** apt subcommands whose apt-get (or apt-cache) counterpart behaves the same. */
const counterparts: Record<string, string> = {
  install: 'apt-get',
  update: 'apt-get',
  remove: 'apt-get',
  purge: 'apt-get',
  autoremove: 'apt-get',
  clean: 'apt-get',
  autoclean: 'apt-get',
  'build-dep': 'apt-get',
  source: 'apt-get',
  download: 'apt-get',
  changelog: 'apt-get',
  satisfy: 'apt-get',
  search: 'apt-cache',
  show: 'apt-cache',
  policy: 'apt-cache',
  depends: 'apt-cache',
  rdepends: 'apt-cache',
};

export const aptInsteadOfAptGet: DockerfileRule = {
  id: 'apt-instead-of-apt-get',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'safe',
  equivalents: ['hadolint:DL3027', 'checkov:CKV_DOCKER_9', 'kics:b84a0b47-2e99-4c9f-8933-98bcabe2b94d'],
  docs: {
    finds: '`apt` used in a RUN instead of `apt-get` or `apt-cache`.',
    why:
      '`apt` is the interactive front end: its output and behaviour are tuned for people and may ' +
      'change between releases, and it warns "apt does not have a stable CLI interface. Use with ' +
      'caution in scripts." `apt-get` and `apt-cache` are the stable tools for scripts. The fix ' +
      'renames the program where the apt-get or apt-cache subcommand behaves the same; `apt upgrade`, ' +
      '`apt full-upgrade` and `apt list` differ and are left for you to rewrite.',
    example: 'FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixedExample: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check({ model, report }) {
    for (const run of runsOf(model)) {
      for (const call of toolCalls(model, run)) {
        if (call.tool !== 'apt' || isLocal(call.invocation)) continue;
        const subcommand = call.subcommand?.value;
        const replacement = subcommand === undefined ? undefined : counterparts[subcommand];
        const word = call.invocation.programWord;
        const fixable = replacement !== undefined && word.text === word.value && word.value === 'apt';
        report({
          range: callRange(model, call),
          message: `apt is meant for interactive use and its command line may change between releases; use ${replacement ?? 'apt-get or apt-cache'} in a Dockerfile.`,
          ...(fixable && {
            fix: { title: `Replace apt with ${replacement}`, edits: [{ range: model.lines.rangeOf(word.start, word.end), newText: replacement }] },
          }),
        });
      }
    }
  },
};
