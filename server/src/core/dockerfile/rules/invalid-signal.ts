import type { DockerfileRule } from '../rule';
import { syntaxOf } from '../syntax/scan';
import { lexProblem, unquote } from '../syntax/words';

/** The Linux signal names the builder knows (moby/sys signal map), without the SIG prefix. */
const signals = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF',
  'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM',
  'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

export const invalidSignal: DockerfileRule = {
  id: 'invalid-signal',
  language: 'dockerfile',
  category: 'syntax',
  defaultSeverity: 'error',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds: 'A `STOPSIGNAL` that is not a signal name (`SIGTERM`, `TERM`, `SIGRTMIN+3`, any case) or a non-zero number.',
    why:
      '`STOPSIGNAL` sets the signal `docker stop` sends before it kills the container after the timeout. The builder ' +
      'checks it and stops with `invalid signal` for unknown names (often a typo such as `SIGTREM`) and for 0. ' +
      'SIGTERM is the default; set STOPSIGNAL only for programs that stop cleanly on another signal (nginx: SIGQUIT).',
    example: 'FROM nginx:1.27\nSTOPSIGNAL SIGQUITE\n',
    fixedExample: 'FROM nginx:1.27\nSTOPSIGNAL SIGQUIT\n',
  },
  check({ model, report }) {
    const info = syntaxOf(model);
    if (!info.standardFrontend) return;
    for (const statement of info.statements) {
      if (statement.upper !== 'STOPSIGNAL' || statement.rest === '' || statement.rest.includes('$')) continue;
      const text = statement.line.text;
      if (lexProblem(text, statement.restStart, statement.restEnd, info.escape)) continue;
      const signal = unquote(text, statement.restStart, statement.restEnd, info.escape);
      const range = statement.line.range(statement.restStart, statement.restEnd);
      if (/^[+-]?\d+$/.test(signal)) {
        if (Number(signal) === 0) report({ range, message: 'STOPSIGNAL 0 is not a signal; use a name such as SIGTERM or a number such as 15.' });
        continue;
      }
      const upper = signal.toUpperCase();
      if (!signals.has(upper.startsWith('SIG') ? upper.slice(3) : upper)) {
        report({ range, message: `'${signal}' is not a signal; use a name such as SIGTERM, SIGINT or SIGQUIT, or a number such as 15.` });
      }
    }
  },
};
