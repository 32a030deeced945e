// `dockhand rules`: the table, one rule's docs, or the JSON list.
import { allRules, docsUrl, findRule } from '../core';
import { CliError, type CliOptions } from './arguments';

export function rulesCommand(options: CliOptions): string {
  if (options.format === 'json') {
    const rules = allRules.map((rule) => ({
      id: rule.id,
      language: rule.language,
      category: rule.category,
      defaultSeverity: rule.defaultSeverity,
      fixable: rule.fixable,
      equivalents: [...rule.equivalents],
      docsUrl: docsUrl(rule.id),
    }));
    return `${JSON.stringify(rules, null, 2)}\n`;
  }
  const [id] = options.paths;
  if (id !== undefined) {
    const rule = findRule(id);
    if (!rule) throw new CliError(`no rule named '${id}'; run 'dockhand rules' for the list`);
    const lines = [
      `${rule.id} (${rule.language}, ${rule.category}, default ${rule.enabledByDefault === false ? 'off' : rule.defaultSeverity}, fix: ${rule.fixable})`,
      '',
      rule.docs.finds,
      '',
      rule.docs.why,
      '',
      'Example:',
      indent(rule.docs.example),
      'Fixed:',
      indent(rule.docs.fixedExample),
      rule.equivalents.length > 0 ? `Same check elsewhere: ${rule.equivalents.join(', ')}` : '',
      `Docs: ${docsUrl(rule.id)}`,
    ];
    return `${lines.join('\n')}\n`;
  }
  const width = Math.max(...allRules.map((rule) => rule.id.length));
  return allRules
    .map((rule) => `${rule.id.padEnd(width)}  ${rule.language.padEnd(10)}  ${(rule.enabledByDefault === false ? 'off' : rule.defaultSeverity).padEnd(7)}  ${rule.fixable.padEnd(6)}  ${rule.docs.finds}\n`)
    .join('');
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
