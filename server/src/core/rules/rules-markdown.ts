import type { RuleMeta } from './rule';

const fence = (language: string, text: string): string => `\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;

/** One rule's docs as Markdown, with fixed headings; used by RULES.md and hovers. */
export function ruleMarkdown(rule: RuleMeta, headingLevel = 3): string {
  const h = '#'.repeat(headingLevel);
  const language = rule.language === 'dockerfile' ? 'dockerfile' : 'yaml';
  return [
    `${'#'.repeat(headingLevel - 1)} ${rule.id}`,
    '',
    `${rule.language === 'dockerfile' ? 'Dockerfile' : 'Compose'} · ${rule.category} · default: ${rule.enabledByDefault === false ? 'off' : rule.defaultSeverity} · fix: ${rule.fixable}` +
      (rule.equivalents.length > 0 ? ` · same as ${rule.equivalents.map((e) => `\`${e}\``).join(', ')}` : ''),
    '',
    `${h} What it finds`,
    '',
    rule.docs.finds,
    '',
    `${h} Why it matters`,
    '',
    rule.docs.why,
    '',
    `${h} Example`,
    '',
    fence(language, rule.docs.example),
    '',
    `${h} Fixed`,
    '',
    fence(language, rule.docs.fixedExample),
    '',
  ].join('\n');
}

/** The whole RULES.md, generated from the rule files. */
export function rulesMarkdown(rules: readonly RuleMeta[]): string {
  const table = (language: string): string[] =>
    rules
      .filter((rule) => rule.language === language)
      .map((rule) => `| [${rule.id}](#${rule.id}) | ${rule.category} | ${rule.enabledByDefault === false ? 'off' : rule.defaultSeverity} | ${rule.fixable} | ${rule.docs.finds.replace(/\|/g, '\\|')} |`);
  const header = ['| Rule | Category | Default | Fix | Finds |', '| --- | --- | --- | --- | --- |'];
  return [
    '# Dockhand rules',
    '',
    '<!-- Generated from server/src/core/**/rules/*.ts by `npm run rules-md`; do not edit by hand. -->',
    '',
    `${rules.length} rules. Set a rule's severity or turn it off with \`dockhand.rules\` in VS Code settings, \`.dockhand.yaml\`, or \`dockhand lint --rule ID=SEVERITY\`.`,
    '',
    '## Dockerfile rules',
    '',
    ...header,
    ...table('dockerfile'),
    '',
    '## Compose rules',
    '',
    ...header,
    ...table('compose'),
    '',
    ...rules.map((rule) => ruleMarkdown(rule)),
  ].join('\n');
}
