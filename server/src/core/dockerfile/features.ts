import type { DockerfileContext, LanguageFeatures } from '../feature-context';
import { dockerfileHover } from './hover';
import { initAndUserActions } from './init-user-actions';
import { refactorActions } from './refactors';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation';
import { documentSymbols, foldingRanges } from './symbols';
import { completion } from './completion';
import { format, formatOnType } from './format';
import { semanticTokens } from './semantic-tokens';
import { signatureHelp } from './signature-help';
import { documentLinks } from './links';

export { dockerfileHover };

/** The Dockerfile features; each lives in its own module beside this one. */
export const dockerfileFeatures: LanguageFeatures<DockerfileContext> = {
  hover: dockerfileHover,
  codeActions: (context, range) => [...initAndUserActions(context, range), ...refactorActions(context, range)],
  documentSymbols,
  foldingRanges,
  definition,
  references,
  documentHighlights,
  prepareRename,
  rename,
  completion,
  format,
  formatOnType,
  semanticTokens,
  signatureHelp,
  documentLinks,
};
