import type { Fix } from '../../rules/rule';
import type { ComposeModel } from '../model';
import type { ComposeRule } from '../rule';
import { composeProject } from '../project';
import { indentAt, reporter } from '../rule-helpers';
import type { PortMapping } from '../service';
import { portNumbers } from '../specs';
import { isMap, nodeSpan } from '../yaml-tree';

/** Well-known container ports of databases, caches and brokers that should not face the network. */
export const databasePorts = new Map<number, string>([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL/MariaDB'],
  [33060, 'MySQL X protocol'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [11211, 'Memcached'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [5984, 'CouchDB'],
  [8086, 'InfluxDB'],
  [9042, 'Cassandra'],
  [7687, 'Neo4j Bolt'],
  [2379, 'etcd'],
  [26257, 'CockroachDB'],
  [5672, 'RabbitMQ'],
  [9092, 'Kafka'],
]);

const allInterfaces = new Set(['', '0.0.0.0', '::']);

export const databasePortExposed: ComposeRule = {
  id: 'database-port-exposed',
  language: 'compose',
  category: 'security',
  defaultSeverity: 'warning',
  fixable: 'unsafe',
  equivalents: ['dclint:no-unbound-port-interfaces', 'kics:451d79dc-0588-476a-ad03-3c7f0320abb3'],
  docs: {
    finds: 'A published port of a well-known database, cache or broker (PostgreSQL 5432, MySQL 3306, Redis 6379, MongoDB 27017, ...) bound to all host interfaces.',
    why:
      'A published port listens on every interface of the host unless an address is given, and Docker\'s port rules ' +
      'bypass host firewalls such as ufw: the database is reachable from the network, and such ports are scanned ' +
      'constantly. Other services of the project reach it over the compose network by service name without publishing ' +
      'anything. To reach it from the host only, bind it to 127.0.0.1; the fix does that.',
    example: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "5432:5432"\n',
    fixedExample: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "127.0.0.1:5432:5432"\n',
  },
  check(context) {
    const { model } = context;
    const project = composeProject(context);
    const report = reporter(context);
    for (const service of model.services) {
      for (const port of service.ports) {
        const target = port.target === undefined ? undefined : project.interpolate(port.target);
        const numbers = target === undefined ? undefined : portNumbers(target);
        if (!numbers) continue;
        const product = databasePorts.get(numbers[0]);
        if (!product) continue;
        const hostIp = port.hostIp === undefined ? '' : project.interpolate(port.hostIp);
        if (hostIp === undefined || !allInterfaces.has(hostIp.replace(/^\[|\]$/g, ''))) continue;
        const where = port.published ? `host port ${port.published}` : 'a random host port';
        report(port.publishedSpan ?? port.targetSpan ?? port.node, `Port ${numbers[0]} (${product}) of service '${service.name}' is published on ${where} on all interfaces, past host firewalls; bind it to 127.0.0.1 or drop the mapping.`, bindToLoopback(model, port));
      }
    }
  },
};

function bindToLoopback(model: ComposeModel, port: PortMapping): Fix | undefined {
  const title = 'Bind to 127.0.0.1';
  const span = nodeSpan(port.node);
  if (!span) return undefined;
  if (port.short) {
    if (port.hostIpSpan) return { title, edits: [{ range: model.spanRange(port.hostIpSpan), newText: '127.0.0.1' }] };
    const start = port.publishedSpan?.[0] ?? port.targetSpan?.[0];
    if (start === undefined || (port.publishedSpan === undefined && port.targetSpan === undefined)) return undefined;
    // `"5432"` publishes on a random host port: keep that, on loopback.
    const insert = port.published === undefined ? '127.0.0.1::' : '127.0.0.1:';
    return { title, edits: [{ range: model.spanRange([start, start]), newText: insert }] };
  }
  if (!isMap(port.node) || port.hostIpSpan) {
    return port.hostIpSpan ? { title, edits: [{ range: model.spanRange(port.hostIpSpan), newText: '127.0.0.1' }] } : undefined;
  }
  if (port.node.flow) {
    const open = model.text.indexOf('{', span[0]);
    if (open < 0) return undefined;
    return { title, edits: [{ range: model.spanRange([open + 1, open + 1]), newText: ' host_ip: 127.0.0.1,' }] };
  }
  // Block mapping: a new line before the first key, at its indentation.
  const first = nodeSpan(port.node.items[0]?.key);
  if (!first) return undefined;
  const column = model.lines.positionAt(first[0]).character;
  const lineStart = first[0] - column;
  const onDashLine = model.text.slice(lineStart, first[0]).trim() !== '';
  if (onDashLine) {
    // `- target: 5432` : put host_ip on the dash line and move the first key below it.
    const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
    return { title, edits: [{ range: model.spanRange([first[0], first[0]]), newText: `host_ip: 127.0.0.1${newline}${' '.repeat(column)}` }] };
  }
  const indent = indentAt(model, first[0]);
  const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
  return { title, edits: [{ range: model.spanRange([lineStart, lineStart]), newText: `${indent}host_ip: 127.0.0.1${newline}` }] };
}
