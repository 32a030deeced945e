import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { ComposeModel } from '../../server/src/core/compose/model';
import { parsePortSpec, parseVolumeSpec, portNumbers } from '../../server/src/core/compose/specs';
import { scalarText } from '../../server/src/core/compose/yaml-tree';

const textAt = (model: ComposeModel, span: [number, number] | undefined): string | undefined => (span ? model.text.slice(span[0], span[1]) : undefined);
const nodeText = (model: ComposeModel, node: { range?: [number, number, number] | null } | undefined | null): string | undefined => (node?.range ? model.text.slice(node.range[0], node.range[1]) : undefined);

describe('compose model', () => {
  it('keeps exact ranges for keys and values', () => {
    const model = new ComposeModel('services:\n  web:\n    image: "nginx:1.27"\n');
    const [web] = model.services;
    assert.equal(web?.name, 'web');
    assert.equal(nodeText(model, web?.keyNode), 'web');
    assert.equal(web?.image?.text, 'nginx:1.27');
    assert.equal(nodeText(model, web?.image?.node), '"nginx:1.27"');
    assert.deepEqual(model.rangeOf(web?.image?.node), { start: { line: 2, character: 11 }, end: { line: 2, character: 23 } });
  });

  it('applies merge keys: own keys win, earlier sources win over later ones', () => {
    const model = new ComposeModel(
      [
        'x-a: &a',
        '  restart: always',
        '  user: "1000"',
        'x-b: &b',
        '  restart: "no"',
        '  init: true',
        '  user: "2000"',
        'services:',
        '  one:',
        '    <<: *a',
        '    image: busybox:1.37',
        '  two:',
        '    <<: [*b, *a]',
        '    user: "3000"',
        '    image: busybox:1.37',
        '',
      ].join('\n'),
    );
    const [one, two] = model.services;
    assert.equal(one?.restart?.text, 'always');
    assert.equal(one?.get('restart')?.inherited, true);
    assert.equal(one?.user?.text, '1000');
    assert.equal(two?.restart?.text, 'no', 'the first source of the list wins');
    assert.equal(two?.user?.text, '3000', 'the mapping itself wins');
    assert.equal(scalarText(two?.init?.value), 'true');
    // The inherited value points where it is written, in the anchor.
    assert.equal(model.lines.positionAt(one.restart.node.range![0]).line, 1);
  });

  it('honours !reset and accepts !override', () => {
    const model = new ComposeModel('x-base: &base\n  ports: ["80:80"]\n  user: root\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    ports: !reset []\n    user: !override "1000"\n');
    const [web] = model.services;
    assert.deepEqual(model.syntaxProblems, []);
    assert.equal(web?.get('ports'), undefined);
    assert.equal(web?.ports.length, 0);
    assert.equal(web?.user?.text, '1000');
  });

  it('reads several documents and extension fields', () => {
    const model = new ComposeModel('x-note: &note {a: 1}\nservices:\n  web:\n    image: nginx:1.27\n---\nservices:\n  db:\n    image: postgres:17\nnetworks:\n  back: {}\n');
    assert.deepEqual(
      model.services.map((s) => `${s.document}:${s.name}`),
      ['0:web', '1:db'],
    );
    assert.deepEqual(
      model.resources('networks').map((r) => r.name),
      ['back'],
    );
  });

  it('reads values the way Compose does, not YAML 1.1: 22:22 is a string, 0440 keeps its digits', () => {
    const model = new ComposeModel('services:\n  ssh:\n    image: x:1\n    ports:\n      - 22:22\n    secrets:\n      - source: key\n        mode: 0440\n');
    const [ssh] = model.services;
    assert.equal(ssh?.ports[0]?.published, '22');
    assert.equal(ssh?.ports[0]?.target, '22');
    const mode = model.tree.get(model.tree.items(ssh?.get('secrets')?.value)[0], 'mode')?.value;
    assert.equal(scalarText(mode), '0440', 'the digits as written, so rules can read them as octal');
  });

  it('reads services: image, build, ports, expose, volumes, networks, depends_on, healthcheck, environment, env_file, secrets, configs and more', () => {
    const model = new ComposeModel(`services:
  web:
    image: example/web:1.0
    build:
      context: ./app
      dockerfile: web.Dockerfile
      target: runtime
      network: host
      args:
        NODE_ENV: production
      secrets: [npm_token]
    ports:
      - "127.0.0.1:8080:80"
      - target: 443
        published: "8443"
        protocol: tcp
    expose: ["9000", 9001]
    volumes:
      - data:/data:ro
      - ./src:/app
      - type: bind
        source: /srv/logs
        target: /logs
    networks:
      front:
        aliases: [www]
    depends_on:
      db:
        condition: service_healthy
        required: false
    healthcheck:
      test: ["CMD", "true"]
    environment:
      - A=1
      - B
    env_file:
      - ./a.env
      - path: ./b.env
        required: false
    secrets:
      - source: tls
        target: tls.pem
    configs: [site]
    user: "1000:1000"
    init: true
    restart: unless-stopped
    profiles: [web]
    extends:
      file: base.yaml
      service: base
    deploy:
      replicas: 2
`);
    const [web] = model.services;
    assert.ok(web);
    assert.equal(web.image?.text, 'example/web:1.0');
    assert.equal(web.build?.context?.text, './app');
    assert.equal(web.build?.dockerfile?.text, 'web.Dockerfile');
    assert.equal(web.build?.target?.text, 'runtime');
    assert.equal(web.build?.network?.text, 'host');
    assert.deepEqual(
      web.build?.args.map((a) => [a.name, a.value]),
      [['NODE_ENV', 'production']],
    );
    assert.deepEqual(
      web.build?.secrets.map((s) => s.name),
      ['npm_token'],
    );
    assert.deepEqual(
      web.ports.map((p) => [p.hostIp, p.published, p.target, p.protocol, p.short]),
      [
        ['127.0.0.1', '8080', '80', 'tcp', true],
        [undefined, '8443', '443', 'tcp', false],
      ],
    );
    assert.equal(textAt(model, web.ports[0]?.publishedSpan), '8080');
    assert.deepEqual(
      web.expose.map((e) => e.text),
      ['9000', '9001'],
    );
    assert.deepEqual(
      web.volumes.map((v) => [v.type, v.source, v.target, v.readOnly]),
      [
        ['volume', 'data', '/data', true],
        ['bind', './src', '/app', false],
        ['bind', '/srv/logs', '/logs', false],
      ],
    );
    assert.equal(textAt(model, web.volumes[1]?.targetSpan), '/app');
    assert.deepEqual(
      web.networks.map((n) => n.name),
      ['front'],
    );
    assert.deepEqual(
      web.dependsOn.map((d) => [d.name, d.condition?.text, d.required]),
      [['db', 'service_healthy', false]],
    );
    assert.equal(web.hasHealthcheck, true);
    assert.deepEqual(
      web.environment.map((e) => [e.name, e.value]),
      [
        ['A', '1'],
        ['B', undefined],
      ],
    );
    assert.deepEqual(
      web.envFiles.map((e) => [e.path, e.required]),
      [
        ['./a.env', true],
        ['./b.env', false],
      ],
    );
    assert.deepEqual(
      web.secrets.map((s) => s.name),
      ['tls'],
    );
    assert.deepEqual(
      web.configs.map((s) => s.name),
      ['site'],
    );
    assert.equal(web.user?.text, '1000:1000');
    assert.equal(scalarText(web.init?.value), 'true');
    assert.equal(web.restart?.text, 'unless-stopped');
    assert.deepEqual(
      web.profiles.map((p) => p.text),
      ['web'],
    );
    assert.equal(web.extends?.service?.text, 'base');
    assert.equal(web.extends?.file?.text, 'base.yaml');
    assert.equal(scalarText(model.tree.get(web.deploy?.value, 'replicas')?.value), '2');
  });

  it('reads the short build form and top-level include and name', () => {
    const model = new ComposeModel('name: shop\ninclude:\n  - ./db/compose.yaml\nservices:\n  app:\n    build: .\n');
    assert.equal(model.services[0]?.build?.context?.text, '.');
    assert.equal(scalarText(model.tree.get(model.root, 'name')?.value), 'shop');
  });

  it('analyses a file with more aliases than the yaml library allows by default (getsentry self-hosted has 142)', () => {
    const services = Array.from({ length: 150 }, (_, i) => `  svc${i}:\n    <<: *defaults\n    image: example/svc:${i}\n    environment: *env`).join('\n');
    const text = `x-env: &env\n  LOG_LEVEL: info\nx-defaults: &defaults\n  restart: unless-stopped\n  depends_on: &deps\n    - redis\nservices:\n  redis:\n    image: redis:7.4\n${services}\n`;
    assert.throws(() => parseDocument(text, { merge: true }).toJS(), /alias/i, 'the yaml library refuses with its default limit');
    const model = new ComposeModel(text);
    assert.deepEqual(model.syntaxProblems, []);
    assert.equal(model.tree.aliasCount, 300);
    assert.equal(model.services.length, 151);
    assert.equal(model.services[150]?.restart?.text, 'unless-stopped');
    assert.equal(model.services[150]?.environment[0]?.name, 'LOG_LEVEL');
  });
});

describe('compose short syntax', () => {
  it('parses port mappings', () => {
    const cases: [string, [string | undefined, string | undefined, string, string]][] = [
      ['80', [undefined, undefined, '80', 'tcp']],
      ['8080:80', [undefined, '8080', '80', 'tcp']],
      ['127.0.0.1:8080:80/udp', ['127.0.0.1', '8080', '80', 'udp']],
      ['127.0.0.1::80', ['127.0.0.1', undefined, '80', 'tcp']],
      ['[::1]:8080:80', ['::1', '8080', '80', 'tcp']],
      ['::1:8080:80', ['::1', '8080', '80', 'tcp']],
      ['9000-9002:9000-9002', [undefined, '9000-9002', '9000-9002', 'tcp']],
    ];
    for (const [spec, expected] of cases) {
      const parsed = parsePortSpec(spec)!;
      assert.deepEqual([parsed.hostIp?.text, parsed.published?.text, parsed.target.text, parsed.protocol], expected, spec);
    }
    assert.deepEqual(portNumbers('9000-9002'), [9000, 9002]);
    assert.equal(portNumbers('70000'), undefined);
  });

  it('parses volume mounts, Windows drives included', () => {
    const cases: [string, [string, string | undefined, string | undefined, boolean]][] = [
      ['/data', ['volume', undefined, '/data', false]],
      ['data:/data', ['volume', 'data', '/data', false]],
      ['./src:/app:ro', ['bind', './src', '/app', true]],
      ['~/cache:/cache', ['bind', '~/cache', '/cache', false]],
      ['${PWD}/x:/x', ['bind', '${PWD}/x', '/x', false]],
      ['C:\\data:/data:rw', ['bind', 'C:\\data', '/data', false]],
    ];
    for (const [spec, expected] of cases) {
      const parsed = parseVolumeSpec(spec);
      assert.deepEqual([parsed.type, parsed.source?.text, parsed.target?.text, parsed.readOnly], expected, spec);
    }
  });
});
