import type { Fix } from '../../rules/rule';
import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import { addTini } from '../init-user-actions';
import { effectiveCommandLine } from '../state';
import { baseName, finalStage, runCommands, stageChain } from '../security/commands';
import { packageName, packageOperation } from '../security/packages';

/** Init processes and supervisors that reap children and forward signals. */
const inits = /^(?:tini|tini-static|dumb-init|catatonit|docker-init|init|s6-svscan|runsvdir|my_init|supervisord|systemd|pid1|su-exec-init|runit|openrc-init|s6-overlay-suexec)$/;
/** Servers built to run as PID 1: they handle SIGTERM and reap their own workers. */
const selfManaging = /^(?:nginx|httpd|httpd-foreground|apache2|apache2-foreground|apachectl|haproxy|postgres|mysqld|mariadbd|mongod|redis-server|valkey-server|memcached|caddy|traefik|envoy|php-fpm\d*(?:\.\d+)?|gunicorn|uwsgi|unicorn|rabbitmq-server|consul|vault|etcd|minio|registry)$/;
/** Commands that run a service even when no port is exposed. */
function runsService(words: readonly string[]): boolean {
  const [program = '', first = '', second = ''] = words;
  if (/^(?:uvicorn|hypercorn|daphne|celery|nodemon|pm2-runtime|puma|sidekiq|streamlit)$/.test(program)) return true;
  if (/^(?:npm|yarn|pnpm|bun)$/.test(program)) return first === 'start' || (first === 'run' && /^(?:start|serve|dev)$/.test(second));
  if (program === 'flask' || program === 'rails') return /^(?:run|server|s)$/.test(first);
  if (program === 'sleep') return first === 'infinity';
  if (program === 'tail') return words.includes('-f') || words.includes('-F');
  return false;
}

function argvWords(argv: readonly string[]): string[] {
  return argv.flatMap((word) => word.split(/[\s;&|()]+/)).filter((word) => word.length > 0).map(baseName);
}

function installsInit(model: DockerfileModel, stage: Stage): boolean {
  for (const s of stageChain(stage)) {
    for (const command of runCommands(model, s)) {
      const operation = packageOperation(command);
      if (operation?.action === 'install' && operation.packages.some((word) => /^(?:tini|tini-static|dumb-init|catatonit|s6|s6-overlay|runit)$/.test(packageName(word.value)))) return true;
      if (command.args.some((word) => /tini|dumb-init|s6-overlay/.test(word.value))) return true;
    }
    for (const instruction of s.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword === 'ADD' || keyword === 'COPY') && /tini|dumb-init|s6-overlay|catatonit/.test(instruction.getRawArgumentsContent() ?? '')) return true;
    }
  }
  return false;
}

export const pid1WithoutInit: DockerfileRule = {
  id: 'pid1-without-init',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'info',
  enabledByDefault: true,
  fixable: 'unsafe',
  equivalents: [],
  docs: {
    finds:
      'A final stage that runs a long-lived process (it `EXPOSE`s a port, or starts a server such as `uvicorn`, `celery` or `npm start`) ' +
      'as PID 1 with no init (`tini`, `dumb-init`, `s6`, `supervisord`) in its `ENTRYPOINT` or `CMD`.',
    why:
      'The first process of a container is PID 1, which the kernel treats specially: it gets no ' +
      'default signal handlers, so an app that does not handle SIGTERM ignores `docker stop` and is ' +
      'killed after the timeout (10 s), and it must reap orphaned child processes, which most apps ' +
      'never do, so zombies pile up. A tiny init as PID 1 does both and starts your command as its ' +
      'child. Without changing the image, `docker run --init` or compose `init: true` injects one. ' +
      'In the image: Debian/Ubuntu `apt-get install -y --no-install-recommends tini` (`/usr/bin/tini`) ' +
      'or Alpine `apk add --no-cache tini` (`/sbin/tini`), then `ENTRYPOINT ["/usr/bin/tini", "--"]` ' +
      'before the real command; an existing entrypoint script goes after `--`. Servers built for PID 1 ' +
      '(nginx, httpd, postgres, redis, gunicorn...) are not reported, nor images whose command comes ' +
      'from the base image or that install an init. The quick fix does exactly this for Debian and ' +
      'Alpine stages with an exec-form command; it is unsafe because it changes the image.',
    example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    fixedExample: 'FROM node:22-alpine\nRUN apk add --no-cache tini\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 3000\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n',
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    const state = model.finalState(stage);
    if (state.distro === 'windows' || (!state.cmd && !state.entrypoint)) return;
    const argv = effectiveCommandLine(state) ?? [];
    const words = argvWords(argv);
    if (words.length === 0 || words.some((word) => inits.test(word) || selfManaging.test(word))) return;
    if (installsInit(model, stage)) return;
    const start = words.findIndex((word) => !/^(?:sh|bash|ash|dash|-c|exec|env)$/.test(word) && !word.includes('='));
    const command = start < 0 ? [] : words.slice(start);
    const program = command[0] ?? '';
    if (!program || (state.exposes.length === 0 && !runsService(command))) return;
    // A default command that prints and exits (`echo`, `--help`) is not a long-lived process.
    if (/^(?:echo|printf|true|false|cat|ls|env|date|id|whoami|uname|hostname|pwd)$/.test(program) || command.some((word) => /^(?:--help|-h|help|--version|version)$/.test(word))) return;
    const setting = state.entrypoint ?? state.cmd!;
    const fix = tiniFix(model, stage);
    report({
      range: setting.instruction.getInstructionRange(),
      message: `${program || 'The command'} runs as PID 1 without an init, so zombie processes are not reaped and SIGTERM may be ignored; add tini to the ENTRYPOINT, or run with docker run --init / compose init: true.`,
      ...(fix && { fix }),
    });
  },
};

/** The same edits as the "Add tini as init" action, when they apply to this stage. */
function tiniFix(model: DockerfileModel, stage: Stage): Fix | undefined {
  const action = addTini(model, stage);
  return action.disabledReason === undefined ? { title: action.title, edits: action.edits } : undefined;
}
