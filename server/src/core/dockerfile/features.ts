import type { DockerfileContext, LanguageFeatures } from '../feature-context';
import { dockerfileHover } from './hover';

export { dockerfileHover };

/** The Dockerfile features; each lives in its own module beside this one. */
export const dockerfileFeatures: LanguageFeatures<DockerfileContext> = {
  hover: dockerfileHover,
};
