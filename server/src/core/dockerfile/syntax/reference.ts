// Image reference validation with the grammar of the distribution/reference package
// that Docker and BuildKit use: [domain[:port]/]path[:tag][@digest], the path lower case.

const digestLengths: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

const isLowerAlnum = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const isAlnum = (c: string): boolean => isLowerAlnum(c) || (c >= 'A' && c <= 'Z');

/** Why `reference` is not a valid image reference, or undefined when it is. */
export function referenceProblem(reference: string): string | undefined {
  if (reference === '') return 'the image name is empty';
  let name = reference;
  const at = name.indexOf('@');
  if (at >= 0) {
    const problem = digestProblem(name.slice(at + 1));
    if (problem) return problem;
    name = name.slice(0, at);
  }
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    const problem = tagProblem(name.slice(colon + 1));
    if (problem) return problem;
    name = name.slice(0, colon);
  }
  if (name === '') return 'the image name is empty';
  if (/^[a-f0-9]{64}$/.test(name)) return 'a 64-character hexadecimal string is an image ID, not a name';
  const slash = name.indexOf('/');
  let path = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    // Docker's rule: the first component is a registry when it looks like a host.
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      const problem = domainProblem(first);
      if (problem) return problem;
      path = name.slice(slash + 1);
    }
  }
  if (path !== path.toLowerCase()) return `the repository name '${path}' must be lower case`;
  for (const component of path.split('/')) {
    const problem = componentProblem(component);
    if (problem) return problem;
  }
  if (name.length > 255) return 'the repository name is longer than 255 characters';
  return undefined;
}

function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0) return `the digest '${digest}' must be written algorithm:hex, e.g. sha256:<64 hex digits>`;
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = digestLengths[algorithm];
  if (length === undefined) return `the digest algorithm '${algorithm}' is not supported (use sha256)`;
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `a ${algorithm} digest is ${length} lower-case hexadecimal digits`;
  return undefined;
}

function tagProblem(tag: string): string | undefined {
  if (tag === '') return 'the tag after ":" is empty';
  if (tag.length > 128) return 'the tag is longer than 128 characters';
  if (!/^\w[\w.-]*$/.test(tag)) return `the tag '${tag}' may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'`;
  return undefined;
}

function domainProblem(domain: string): string | undefined {
  let host = domain;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0 || !/^\[[a-fA-F0-9:]+\]$/.test(host.slice(0, close + 1))) return `the registry '${domain}' is not a valid host`;
    host = host.slice(close + 1);
    if (host === '') return undefined;
    if (!/^:[0-9]+$/.test(host)) return `the registry port in '${domain}' must be a number`;
    return undefined;
  }
  const colon = host.indexOf(':');
  if (colon >= 0) {
    if (!/^[0-9]+$/.test(host.slice(colon + 1))) return `the registry port in '${domain}' must be a number`;
    host = host.slice(0, colon);
  }
  for (const label of host.split('.')) {
    if (label === '' || !isAlnum(label[0]!) || !isAlnum(label[label.length - 1]!) || !/^[a-zA-Z0-9-]+$/.test(label)) {
      return `the registry '${domain}' is not a valid host name`;
    }
  }
  return undefined;
}

/** A path component: lower-case letters and digits, joined by '.', '_', '__' or dashes. */
function componentProblem(component: string): string | undefined {
  const invalid = `'${component}' is not a valid name component: use lower-case letters and digits, separated by '.', '_', '__' or '-'`;
  if (component === '') return 'the image name has an empty path component (a doubled or trailing "/")';
  if (!isLowerAlnum(component[0]!) || !isLowerAlnum(component[component.length - 1]!)) return invalid;
  let i = 0;
  while (i < component.length) {
    if (isLowerAlnum(component[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < component.length && !isLowerAlnum(component[j]!)) j++;
    const separator = component.slice(i, j);
    if (separator !== '.' && separator !== '_' && separator !== '__' && !/^-+$/.test(separator)) return invalid;
    i = j;
  }
  return undefined;
}
