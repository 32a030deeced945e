export * from './document-kind';
export * from './files';
export * from './language-service';
export * from './text';
export { allRules, findRule } from './rules/registry';
export { docsUrl, severities, type Finding, type Fixability, type RuleMeta, type Severity, type SeveritySetting } from './rules/rule';
export type { RuleSettings } from './rules/engine';
export type * from './features';
export { clearCrossDocumentCaches } from './caches';
