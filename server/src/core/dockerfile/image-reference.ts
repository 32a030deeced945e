/**
 * A parsed image reference as Docker reads it: `[registry/]repository[:tag][@digest]`.
 * Unset parts are undefined; offsets are relative to the reference text.
 */
export interface ImageReference {
  text: string;
  registry: string | undefined;
  repository: string;
  tag: string | undefined;
  /** Offset of the tag in `text` (just after the colon). */
  tagOffset: number | undefined;
  digest: string | undefined;
}

export function parseImageReference(text: string): ImageReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  let tagOffset: number | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    tagOffset = colon + 1;
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const first = rest.slice(0, firstSlash);
    // Docker's rule: the first component is a registry when it looks like a host.
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { text, registry, repository: rest, tag, tagOffset, digest };
}

/** Docker Hub's name for an official image: `library/python` is `python`. */
export function shortRepository(ref: ImageReference): string {
  const onHub = ref.registry === undefined || ref.registry === 'docker.io' || ref.registry === 'index.docker.io';
  return onHub && ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}
