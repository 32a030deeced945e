import { basename } from './paths';

export type DocumentKind = 'dockerfile' | 'compose';

const dockerfileName = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const composeName = /^(?:docker-)?compose(?:[.-].+)?\.ya?ml$/i;

/** Language ids that other editors use for compose files or plain YAML. */
const yamlLanguageIds = new Set(['yaml', 'yaml.docker-compose', 'yaml.compose', 'yml']);

/** True for `Dockerfile`, `Dockerfile.dev`, `app.Dockerfile`, `Containerfile` and the like. */
export function isDockerfileName(fileName: string): boolean {
  return dockerfileName.test(basename(fileName));
}

/** True for `compose.yaml`, `docker-compose.prod.yml`, `compose-dev.yaml` and the like. */
export function isComposeFileName(fileName: string): boolean {
  return composeName.test(basename(fileName));
}

/**
 * Decides what a document is from the editor's language id and its file name.
 * VS Code says `dockerfile` and `dockercompose`; other editors often say `yaml`,
 * so YAML documents are analysed only when their name is a compose file name.
 */
export function detectKind(languageId: string | undefined, fileName: string): DocumentKind | undefined {
  switch (languageId) {
    case 'dockerfile':
    case 'containerfile':
      return 'dockerfile';
    case 'dockercompose':
      return 'compose';
    case undefined:
    case '':
    case 'plaintext':
      if (isDockerfileName(fileName)) return 'dockerfile';
      if (isComposeFileName(fileName)) return 'compose';
      return undefined;
    default:
      if (yamlLanguageIds.has(languageId) && isComposeFileName(fileName)) return 'compose';
      return undefined;
  }
}
