/** Token types and modifiers Dockhand reports, in LSP's standard names. */
export const semanticTokenLegend = {
  tokenTypes: ['keyword', 'variable', 'parameter', 'property', 'string', 'comment', 'operator', 'namespace', 'class', 'macro'],
  tokenModifiers: ['declaration', 'readonly', 'deprecated', 'defaultLibrary'],
};
