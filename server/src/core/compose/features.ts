import type { ComposeContext, LanguageFeatures } from '../feature-context';
import { completion } from './completion';
import { foldingRanges } from './folding';
import { format } from './format';
import { hover } from './hover';
import { documentLinks } from './links';
import { definition, documentHighlights, documentSymbols, prepareRename, references, rename } from './navigation';

/** The compose file features; each lives in its own module beside this one. */
export const composeFeatures: LanguageFeatures<ComposeContext> = {
  hover,
  documentSymbols,
  definition,
  references,
  documentHighlights,
  prepareRename,
  rename,
  completion,
  format,
  foldingRanges,
  documentLinks,
};
