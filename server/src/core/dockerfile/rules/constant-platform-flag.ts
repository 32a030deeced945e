import { buildkitFacts, predefinedPlatformArgs, rawText } from '../buildkit/facts';
import { parsePlatform } from '../buildkit/platform';
import { expandWord } from '../buildkit/shell-word';
import type { DockerfileRule } from '../rule';

export const constantPlatformFlag: DockerfileRule = {
  id: 'constant-platform-flag',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: ['buildkit:FromPlatformFlagConstDisallowed'],
  docs: {
    finds: '`FROM --platform=` with a constant platform such as `linux/amd64`, in a stage whose name mentions neither that OS nor that architecture.',
    why:
      'A constant `--platform` pins the stage to one platform whatever `docker build --platform` ' +
      'asks for, so the Dockerfile cannot produce a multi-platform image, and on another machine ' +
      'the stage runs under emulation. Leave `--platform` out and choose the platform on the ' +
      'command line, or use a build arg such as `$BUILDPLATFORM`. Stages that are meant for one ' +
      'platform are fine when their name says so (`AS build-arm64`), which BuildKit accepts.',
    example: 'FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git\n',
    fixedExample: 'FROM --platform=$BUILDPLATFORM alpine:3.20 AS base\nRUN apk add --no-cache git\n',
  },
  check({ model, report }) {
    const facts = buildkitFacts(model);
    for (const from of facts.froms) {
      const flag = from.platform;
      const valueRange = flag?.getValueRange();
      if (!flag || !valueRange) continue;
      const expanded = expandWord(rawText(model, valueRange, facts.escapeChar), facts.defaultArgs ?? predefinedPlatformArgs, facts.escapeChar);
      if (expanded.matched.size > 0 || expanded.unmatched.size > 0 || expanded.result === undefined) continue;
      const platform = parsePlatform(expanded.result);
      if (!platform) continue;
      const stageName = from.name?.toLowerCase() ?? '';
      if (stageName.includes(platform.os) || stageName.includes(platform.architecture)) continue;
      report({
        range: flag.getRange(),
        message: `FROM --platform uses the constant value '${expanded.result}', so this stage is always built for that platform.`,
      });
    }
  },
};
