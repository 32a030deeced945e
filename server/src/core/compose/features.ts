import type { ComposeContext, LanguageFeatures } from '../feature-context';

/** The compose file features; each lives in its own module beside this one. */
export const composeFeatures: LanguageFeatures<ComposeContext> = {};
