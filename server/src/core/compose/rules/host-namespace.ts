import type { ComposeRule } from '../rule';
import { reporter } from '../rule-helpers';
import type { TextValue } from '../service';
import { scalarText } from '../yaml-tree';
import type { Node } from 'yaml';

function textOf(node: Node | undefined): TextValue | undefined {
  const text = scalarText(node);
  return text === undefined || !node ? undefined : { text, node, interpolated: false };
}

const effects: Record<string, string> = {
  network_mode: 'network stack: it can bind host ports and reach services listening on the host\'s loopback',
  pid: 'process table: it can see and signal every process of the host',
  ipc: 'shared memory and IPC objects',
  userns_mode: 'user namespace: user namespace remapping is switched off for it',
  uts: 'host name and domain name',
  cgroup: 'cgroup namespace',
};

export const hostNamespace: ComposeRule = {
  id: 'host-namespace',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [
    'kics:071a71ff-f868-47a4-ac0b-3c59e4ab5443',
    'kics:4f31dd9f-2cc3-4751-9b53-67e4af83dac0',
    'kics:baa3890f-bed7-46f5-ab8f-1da8fc91c729',
    'kics:8af7162d-6c98-482f-868e-0d33fb675ca8',
  ],
  docs: {
    finds: '`network_mode: host`, `pid: host`, `ipc: host`, `userns_mode: host` (or `uts`, `cgroup`) on a service.',
    why:
      'Sharing one of the host\'s namespaces removes that part of the container\'s isolation: with the host network it ' +
      'can reach everything bound to the host\'s loopback, with the host PID namespace it can see and signal every ' +
      'process. Publish ports with `ports:` instead of `network_mode: host`; reserve the others for system tools that need them.',
    example: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n',
    fixedExample: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
  },
  check(context) {
    const report = reporter(context);
    for (const service of context.model.services) {
      const values: [string, TextValue | undefined][] = [
        ['network_mode', service.networkMode],
        ['pid', service.pid],
        ['ipc', service.ipc],
        ['userns_mode', service.usernsMode],
        ['uts', textOf(service.get('uts')?.value)],
        ['cgroup', textOf(service.get('cgroup')?.value)],
      ];
      for (const [key, value] of values) {
        if (value?.text !== 'host') continue;
        report(value.node, `Service '${service.name}' shares the host's ${effects[key]}.`);
      }
    }
  },
};
