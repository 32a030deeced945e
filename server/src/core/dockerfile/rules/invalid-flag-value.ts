import type { DockerfileRule } from '../rule';
import { commandsOf, flagRange, flagsAreRead, flagValueRange, triggerNote } from '../syntax/commands';
import { flagSpec, syntaxOf } from '../syntax/scan';

const symbolicMode = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+(?:,[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)*$/;

export const invalidFlagValue: DockerfileRule = {
  id: 'invalid-flag-value',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A flag without its value (`--from builder` with a space), a boolean flag with a value other than true or false, ' +
      '`RUN --network` other than default, none or host, `RUN --security` other than sandbox or insecure, a bad ' +
      '`--chmod` mode, a non-numeric or negative `HEALTHCHECK --retries`, and a variable in `COPY --from`.',
    why:
      'Dockerfile flags must be written `--name=value`; `--name value` is read as a flag without a value followed by an ' +
      'argument, and the builder stops with `missing a value on flag`. Boolean flags (`--link`, `--parents`, ' +
      '`--keep-git-dir`, `--unpack`) accept only `--flag`, `--flag=true` or `--flag=false`. `COPY --from` is resolved ' +
      'before variables are known, so `--from=$IMAGE` fails; give the image a stage (`ARG IMAGE` before the first FROM, ' +
      '`FROM $IMAGE AS source`) and copy from that stage. These flags are BuildKit only.',
    example: 'FROM alpine:3.20\nRUN --network=off wget -q https://example.com/\n',
    fixedExample: 'FROM alpine:3.20\nRUN --network=none echo offline\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const checked of commandsOf(info)) {
      if (!flagsAreRead(checked)) continue;
      const { command, statement } = checked;
      command.flags.forEach((flag, index) => {
        const spec = flagSpec(command.upper, flag.name);
        if (!spec) return;
        const note = triggerNote(checked);
        const value = flag.value;
        if (value === undefined) {
          if (spec.kind === 'bool') return;
          const next = command.flags[index + 1] ? undefined : command.rest.split(/\s/, 1)[0];
          const hint = next ? `; the builder does not read '--${flag.name} ${next}', write --${flag.name}=${next}` : '';
          report({ range: flagRange(statement, flag), message: `--${flag.name} needs a value: write --${flag.name}=<value>${hint}${note}.` });
          return;
        }
        const at = flagValueRange(statement, flag);
        if (spec.kind === 'bool') {
          if (value === '') report({ range: flagRange(statement, flag), message: `--${flag.name}= has no value: write --${flag.name} or --${flag.name}=true${note}.` });
          else if (!['true', 'false'].includes(value.toLowerCase())) report({ range: at, message: `--${flag.name} expects true or false, not '${value}'${note}.` });
          return;
        }
        if (command.upper === 'RUN' && flag.name === 'network' && !['default', 'none', 'host'].includes(value)) {
          report({ range: at, message: `--network must be default, none or host, not '${value}'${note}.` });
        } else if (command.upper === 'RUN' && flag.name === 'security' && value !== 'sandbox' && value !== 'insecure') {
          report({ range: at, message: `--security must be sandbox or insecure, not '${value}'${note}.` });
        } else if (command.upper === 'HEALTHCHECK' && flag.name === 'retries' && value !== '') {
          const retries = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
          if (!Number.isInteger(retries) || retries > 2147483647) report({ range: at, message: `--retries must be a whole number, not '${value}'${note}.` });
          else if (retries < 0) report({ range: at, message: `--retries cannot be negative (${value})${note}.` });
        } else if (flag.name === 'chmod' && value !== '' && !value.includes('$')) {
          const octal = /^[0-7]+$/.test(value) && Number.parseInt(value, 8) <= 0o7777;
          if (!octal && !symbolicMode.test(value)) {
            report({ range: at, message: `--chmod must be an octal mode up to 7777 such as 755 or 0644, or a symbolic mode such as u+x (Dockerfile syntax 1.14+), not '${value}'${note}.` });
          }
        } else if (command.upper === 'COPY' && flag.name === 'from' && value.includes('$')) {
          report({
            range: at,
            message: `COPY --from does not expand variables ('${value}'); declare ARG before the first FROM, add a stage 'FROM ${value} AS source' and use --from=source${note}.`,
          });
        }
      });
    }
  },
};
