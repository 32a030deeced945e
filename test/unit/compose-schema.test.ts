import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ComposeModel } from '../../server/src/core/compose/model';
import { closest, validateSchema } from '../../server/src/core/compose/schema';
import { clearCrossDocumentCaches } from '../../server/src/core/caches';
import type { VariableLookup } from '../../server/src/core/compose/interpolation';
import pin from '../../scripts/compose-schema-pin.json';
import { composeValidatorsSource, generatedValidatorsFile } from '../../scripts/compose-validators';

function problems(text: string, lookup?: VariableLookup): { at: string; line: number; message: string }[] {
  const model = new ComposeModel(text);
  return validateSchema(model, lookup).map((p) => ({ at: text.slice(p.span[0], p.span[1]), line: model.lines.positionAt(p.span[0]).line, message: p.message }));
}

describe('compose schema validation', () => {
  it('points an unknown key at the key, with a suggestion from the schema', () => {
    const [problem, ...rest] = problems('services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      A: b\n');
    assert.deepEqual(rest, []);
    assert.equal(problem?.at, 'enviroment');
    assert.equal(problem?.message, "Unknown key 'enviroment' in service 'web'; did you mean 'environment'?");
  });

  it('names the expected type and what was found', () => {
    const [problem] = problems('services:\n  web:\n    image: nginx:1.27\n    ports: "8080:80"\n');
    assert.equal(problem?.at, '"8080:80"');
    assert.equal(problem?.message, "'ports' of service 'web' must be a list, not the string '8080:80'.");
  });

  it('lists allowed values and suggests the closest', () => {
    const [problem] = problems('services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: postgres:17\n');
    assert.equal(problem?.at, 'service_healty');
    assert.match(problem.message, /must be one of 'service_started', 'service_healthy', 'service_completed_successfully', not 'service_healty'; did you mean 'service_healthy'\?/);
  });

  it('reports a missing required key on the key that holds the mapping', () => {
    const [problem] = problems('services:\n  web:\n    image: nginx:1.27\n    extends:\n      file: base.yaml\n');
    assert.equal(problem?.at, 'extends');
    assert.equal(problem?.message, "'extends' of service 'web' is missing the required key 'service'.");
  });

  it('reports the first line of a collection of the wrong type, and a bad service name', () => {
    const found = problems('services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      - CMD\n  "my app":\n    image: nginx:1.27\n');
    assert.deepEqual(
      found.map((p) => [p.at, p.message]),
      [
        ['healthcheck', "'healthcheck' of service 'web' must be a mapping, not a list."],
        ['"my app"', "Service name 'my app' is not valid: use only letters, digits, '.', '_' and '-'."],
      ],
    );
  });

  it('recognises a legacy version 1 file', () => {
    const [problem] = problems('web:\n  image: nginx:1.27\n');
    assert.match(problem!.message, /legacy version 1 format/);
  });

  it('checks merged values where they are written, and accepts !reset, !override and x- fields', () => {
    assert.deepEqual(problems('x-base: &base\n  restart: always\n  labels: !override {a: b}\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    ports: !reset []\n'), []);
    const [problem] = problems('x-base: &base\n  privileged: "maybe"\n  cpus: [1]\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n');
    assert.equal(problem?.line, 2);
    assert.match(problem.message, /'cpus' of service 'web' must be a number or a string, not a list/);
  });

  it('is interpolation-aware: unknown values are accepted, known ones are checked after substitution', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    use_api_socket: ${USE_API}\n';
    assert.deepEqual(problems(text), [], 'unknown: accepted');
    assert.deepEqual(
      problems(text, (name) => (name === 'USE_API' ? 'true' : null)),
      [],
      'known and castable: accepted',
    );
    const [problem] = problems(text, (name) => (name === 'USE_API' ? 'sometimes' : null));
    assert.equal(problem?.at, '${USE_API}');
    assert.equal(problem?.message, "'use_api_socket' of service 'web' must be true or false, not 'sometimes' (from '${USE_API}').");
  });

  it('accepts what current Compose accepts beyond the pinned schema', () => {
    assert.deepEqual(
      problems(
        'services:\n  s:\n    image: alpine:3.20\n    pre_start:\n      - image: alpine:3.20\n        command: "true"\n    develop:\n      watch:\n        - path: .\n          action: sync\n          target: /app\n          initial_sync: true\n    models:\n      llm:\nmodels:\n  llm:\n    model: ai/smollm2\n',
      ),
      [],
    );
  });

  it('gives the same problems from remembered service errors as from validating anew', () => {
    const before = 'services:\n  web:\n    image: nginx:1.27\n    ports: "80"\n  db:\n    image: postgres:17\n    cpus: [1]\nfoo: 1\n';
    const versions = [before, before.replace('postgres:17', 'postgres:18'), before.replace('cpus: [1]', 'cpus: 1'), before.replace('  db:', '  store:'), before.replace('web:', 'web:\n    cpus: {}')];
    const fresh = versions.map((text) => {
      clearCrossDocumentCaches();
      return problems(text);
    });
    assert.equal(fresh[0]!.length, 3);
    clearCrossDocumentCaches();
    for (const round of [1, 2]) assert.deepEqual(versions.map((text) => problems(text)), fresh, `round ${round}`);
  });

  it('remembers a service by its text only when nothing outside it changes its value', () => {
    const service = 'services:\n  web:\n    <<: *base\n    image: nginx:1.27\n  db:\n    image: postgres:17\n    depends_on:\n      web:\n        required: yes\n';
    const versions = [
      `x-base: &base\n  cpus: [1]\n${service}`,
      `x-base: &base\n  cpus: 1\n${service}`,
      `%YAML 1.1\n---\nx-base: &base\n  cpus: 1\n${service}`,
      `x-base: &base\n  cpus: 1\n${service}`,
    ];
    const fresh = versions.map((text) => {
      clearCrossDocumentCaches();
      return problems(text);
    });
    assert.notDeepEqual(fresh[0], fresh[1], 'an alias brings in another value');
    assert.notDeepEqual(fresh[1], fresh[2], '%YAML 1.1 reads yes as true, a boolean');
    clearCrossDocumentCaches();
    assert.deepEqual(versions.map((text) => problems(text)), fresh);
  });

  it('does not mistake values that JSON cannot tell apart when it remembers service errors', () => {
    const versions = [
      ...['null', '.nan', '.inf', '-.inf', 'null'].map((value) => `services:\n  web:\n    image: nginx:1.27\n    cpus: ${value}\n    mem_swappiness: ${value}\n`),
      ...['{}', '{cpus: [1]}', '{}'].map((value) => `services:\n  web:\n    image: nginx:1.27\n    __proto__: ${value}\n`),
    ];
    const fresh = versions.map((text) => {
      clearCrossDocumentCaches();
      return problems(text);
    });
    assert.notDeepEqual(fresh[0], fresh[1]);
    clearCrossDocumentCaches();
    assert.deepEqual(versions.map((text) => problems(text)), fresh);
  });

  it('suggests names within a small edit distance only', () => {
    assert.equal(closest('imgae', ['image', 'init']), 'image');
    assert.equal(closest('wrongField', ['image', 'working_dir']), undefined);
  });

  it('bundles the schema recorded in scripts/compose-schema-pin.json (run scripts/check-compose-schema.mjs after updating dclint)', () => {
    const file = path.join(__dirname, '..', '..', 'node_modules', pin.package, pin.file);
    assert.equal(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), pin.sha256);
  });

  it('validates with the validators compiled from the current schema and patches (npm run compose-validators)', () => {
    assert.ok(fs.readFileSync(generatedValidatorsFile, 'utf8') === composeValidatorsSource(), 'schema-validators.generated.js is stale: run `npm run compose-validators`');
  });

  const corpus = path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'compose');
  it('finds no schema error in the valid files of the shared corpus', { skip: fs.existsSync(corpus) ? false : 'no ../shared/corpus here' }, () => {
    // Wrong on purpose: an unknown key, and the legacy version 1 format.
    const invalid = new Set(['docker__compose__pkg__e2e__fixtures__wrong-composefile__compose.yaml', 'jessfraz__dockerfiles__openvpn__docker-compose.yml']);
    const failures: string[] = [];
    for (const name of fs.readdirSync(corpus)) {
      if (!/\.ya?ml$/.test(name)) continue;
      const found = validateSchema(new ComposeModel(fs.readFileSync(path.join(corpus, name), 'utf8')));
      if (invalid.has(name)) assert.ok(found.length > 0, `${name} is wrong on purpose`);
      else failures.push(...found.map((p) => `${name}: ${p.message}`));
    }
    assert.deepEqual(failures, []);
  });
});
