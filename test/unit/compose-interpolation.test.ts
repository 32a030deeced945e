import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDotEnv } from '../../server/src/core/compose/dotenv';
import { interpolate, parseTemplate, type VariableLookup } from '../../server/src/core/compose/interpolation';
import { ComposeModel } from '../../server/src/core/compose/model';

describe('interpolation syntax', () => {
  it('finds every form of reference, with its operator and offsets', () => {
    const text = '$A ${B} ${C:-d} ${D-e} ${E:?f} ${F?g} ${G:+h} ${H+i}';
    const { references, problems } = parseTemplate(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      references.map((r) => [r.name, r.operator ?? '', r.word ?? '', text.slice(r.start, r.end)]),
      [
        ['A', '', '', '$A'],
        ['B', '', '', '${B}'],
        ['C', ':-', 'd', '${C:-d}'],
        ['D', '-', 'e', '${D-e}'],
        ['E', ':?', 'f', '${E:?f}'],
        ['F', '?', 'g', '${F?g}'],
        ['G', ':+', 'h', '${G:+h}'],
        ['H', '+', 'i', '${H+i}'],
      ],
    );
  });

  it('reads nested defaults, $$ escapes and a lone $', () => {
    const text = 'price $$5 $1 ${A:-${B:-x}/$C}';
    const { references, problems } = parseTemplate(text);
    assert.deepEqual(problems, []);
    assert.equal(references.length, 1);
    const [outer] = references;
    assert.deepEqual(
      outer!.nested.map((r) => [r.name, text.slice(r.start, r.end)]),
      [
        ['B', '${B:-x}'],
        ['C', '$C'],
      ],
    );
  });

  it('rejects what Compose rejects, with the place', () => {
    for (const [text, found] of [
      ['${}', '${}'],
      ['a ${VAR', '${VAR'],
      ['${VAR:default}', '${VAR:default}'],
      ['${#LIST[@]}', '${#LIST[@]}'],
      ['${ VAR }', '${ VAR }'],
    ] as const) {
      const { problems } = parseTemplate(text);
      assert.equal(problems.length, 1, text);
      assert.equal(text.slice(problems[0]!.start, problems[0]!.end), found, text);
    }
  });

  it('substitutes like Compose for set, empty, unset and unknown variables', () => {
    const values: Record<string, string> = { SET: 'v', EMPTY: '' };
    const lookup: VariableLookup = (name) => (name in values ? values[name] : name.startsWith('SHELL') ? null : undefined);
    const cases: [string, string | undefined][] = [
      ['${SET}', 'v'],
      ['${UNSET}', ''],
      ['${EMPTY:-d}', 'd'],
      ['${EMPTY-d}', ''],
      ['${UNSET-d}', 'd'],
      ['${SET:+alt}', 'alt'],
      ['${EMPTY:+alt}', ''],
      ['${EMPTY+alt}', 'alt'],
      ['${UNSET:-${SET}x}', 'vx'],
      ['a$$b', 'a$b'],
      ['${SHELL_VAR}', undefined],
      ['${SHELL_VAR:-d}', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(interpolate(text, lookup).value, expected, text);
    assert.deepEqual(
      interpolate('${UNSET:?needed} ${EMPTY?fine}', lookup).missingRequired.map((r) => r.name),
      ['UNSET'],
    );
  });

  it('locates references in plain, quoted and block scalars, and not in keys', () => {
    const text = ['services:', '  web:', '    image: "app:${TAG}"', '    command: |', '      echo ${GREETING:-hi}', '    environment:', '      ${NOT_A_REF}: $PLAIN', ''].join('\n');
    const model = new ComposeModel(text);
    assert.deepEqual(
      model.interpolation.references.map((r) => text.slice(r.nameStart, r.nameEnd)),
      ['TAG', 'GREETING', 'PLAIN'],
    );
    assert.deepEqual(
      model.interpolation.references.map((r) => model.lines.positionAt(r.start)),
      [
        { line: 2, character: 16 },
        { line: 4, character: 11 },
        { line: 6, character: 20 },
      ],
    );
  });
});

describe('.env files', () => {
  it('reads KEY=value lines the way Compose does', () => {
    const env = parseDotEnv(
      [
        '# a comment',
        'export TAG=1.27',
        "SINGLE='raw ${TAG}'",
        'DOUBLE="tag ${TAG}\\nnext"',
        'PLAIN=value # trailing comment',
        'REF=${TAG}-slim',
        'FROM_SHELL',
        'MULTI="line one',
        'line two"',
        'EMPTY=',
        '',
      ].join('\n'),
    );
    const value = (name: string) => env.get(name)?.value;
    assert.equal(value('TAG'), '1.27');
    assert.equal(value('SINGLE'), 'raw ${TAG}');
    assert.equal(value('DOUBLE'), 'tag 1.27\nnext');
    assert.equal(value('PLAIN'), 'value');
    assert.equal(value('REF'), '1.27-slim');
    assert.equal(value('FROM_SHELL'), null, 'comes from the shell: unknown');
    assert.equal(value('MULTI'), 'line one\nline two');
    assert.equal(value('EMPTY'), '');
    assert.equal(env.get('MULTI')?.line, 7);
  });
});
