import type { ComposeContext, LanguageFeatures } from '../feature-context';
import { hover } from './hover';
import { completion, definition, documentSymbols } from './navigation';

/** The compose file features; each lives in its own module beside this one. */
export const composeFeatures: LanguageFeatures<ComposeContext> = {
  hover,
  documentSymbols,
  definition,
  completion,
};
