// Formatting must be idempotent and keep the token sequence: only whitespace,
// line continuations and the case of keywords may change.
import { applyEdits, type DocumentKind, type LanguageService } from '../../../server/src/core';
import { documentFor } from './invariants';

const options = { tabSize: 4, insertSpaces: true };
const keywords = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'AS']);

/** The words of a text: line continuations removed, keywords in one case. */
export function tokens(kind: DocumentKind, text: string): string[] {
  const joined = kind === 'dockerfile' ? text.replace(/[\\`][ \t]*(?:\r\n?|\n)/g, ' ') : text;
  return joined
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => (kind === 'dockerfile' && keywords.has(t.toUpperCase()) ? t.toUpperCase() : t));
}

/**
 * Empty when formatting `text` is idempotent and keeps its tokens, else what
 * went wrong. Uses `documentFor`'s URI and version, so a service that has
 * analysed the text already (exercise()) answers from its cache.
 */
export function formattingProblems(service: LanguageService, kind: DocumentKind, text: string): string {
  const once = applyEdits(text, service.format(documentFor(kind, text), options));
  if (once === text) return '';
  const twice = applyEdits(once, service.format(documentFor(kind, once, 2), options));
  if (twice !== once) return `formatting twice changed the file again:\n${JSON.stringify(once)}\n${JSON.stringify(twice)}`;
  if (tokens(kind, text).join('\u0000') !== tokens(kind, once).join('\u0000')) return `formatting changed the tokens:\n${JSON.stringify(text)}\n${JSON.stringify(once)}`;
  return '';
}
