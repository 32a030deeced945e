import type { DockerfileContext, LanguageFeatures } from '../feature-context';
import { dockerfileHover } from './hover';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation';
import { documentSymbols, foldingRanges } from './symbols';

export { dockerfileHover };

/** The Dockerfile features; each lives in its own module beside this one. */
export const dockerfileFeatures: LanguageFeatures<DockerfileContext> = {
  hover: dockerfileHover,
  documentSymbols,
  foldingRanges,
  definition,
  references,
  documentHighlights,
  prepareRename,
  rename,
};
