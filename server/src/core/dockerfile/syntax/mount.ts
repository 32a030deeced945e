// `RUN --mount=` options as the builder reads them: a CSV record of key=value fields.

import { closest } from './words';

export interface MountProblem {
  /** Offsets into the flag value. */
  start: number;
  end: number;
  message: string;
}

interface Field {
  text: string;
  start: number;
  end: number;
}

export const mountTypes = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;

const keys = ['type', 'from', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'readwrite', 'rw', 'required', 'id', 'sharing', 'mode', 'uid', 'gid', 'size', 'env'];
const bareKeys = new Set(['readonly', 'ro', 'readwrite', 'rw', 'required']);
const goBools = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Which mount types accept an option; options missing here apply to every type. */
const optionTypes: Readonly<Record<string, readonly string[]>> = {
  required: ['secret', 'ssh'],
  sharing: ['cache'],
  mode: ['cache', 'secret', 'ssh'],
  uid: ['cache', 'secret', 'ssh'],
  gid: ['cache', 'secret', 'ssh'],
  size: ['tmpfs'],
  env: ['secret'],
};

/** Splits a CSV record as Go's encoding/csv does; a string is a parse error. */
function csvFields(value: string): Field[] | MountProblem {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    if (value[i] === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= value.length) return { start: i, end: value.length, message: 'a quoted option is never closed' };
        if (value[j] === '"') {
          if (value[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += value[j];
        j++;
      }
      if (j + 1 < value.length && value[j + 1] !== ',') return { start: i, end: j + 1, message: 'a quote may only wrap a whole option' };
      fields.push({ text, start: i + 1, end: j });
      i = j + 1;
    } else {
      let j = i;
      while (j < value.length && value[j] !== ',') j++;
      const text = value.slice(i, j);
      const quote = text.indexOf('"');
      if (quote >= 0) return { start: i + quote, end: i + quote + 1, message: 'a quote may only wrap a whole option' };
      fields.push({ text, start: i, end: j });
      i = j;
    }
    if (i >= value.length) return fields;
    i++; // the comma
  }
}

export function mountProblems(value: string): MountProblem[] {
  if (value === '') return [{ start: 0, end: 0, message: 'the mount has no options; write e.g. --mount=type=cache,target=/root/.cache' }];
  const fields = csvFields(value);
  if (!Array.isArray(fields)) return [fields];
  let type = 'bind';
  for (const field of fields) {
    const eq = field.text.indexOf('=');
    if (eq >= 0 && field.text.slice(0, eq).toLowerCase() === 'type' && !field.text.includes('$')) type = field.text.slice(eq + 1).toLowerCase();
  }
  const problems: MountProblem[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    const eq = field.text.indexOf('=');
    const key = (eq < 0 ? field.text : field.text.slice(0, eq)).toLowerCase();
    const keyEnd = eq < 0 ? field.end : field.start + eq;
    const at = (message: string): void => {
      problems.push({ start: field.start, end: field.end, message });
    };
    if (!keys.includes(key)) {
      const suggestion = closest(key, keys);
      problems.push({
        start: field.start,
        end: keyEnd,
        message:
          key === ''
            ? 'an empty mount option (two commas in a row?)'
            : `unknown mount option '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; options are type, target, source, from, id, sharing, mode, uid, gid, required, env, size, ro, rw`,
      });
      continue;
    }
    seen.add(key);
    const allowed = optionTypes[key];
    if (allowed && !allowed.includes(type) && (mountTypes as readonly string[]).includes(type)) {
      at(`'${key}' does not apply to type=${type} mounts (only to ${allowed.map((t) => `type=${t}`).join(', ')})`);
      continue;
    }
    if (eq < 0) {
      if (!bareKeys.has(key)) at(`'${key}' needs a value: ${key}=...`);
      continue;
    }
    const optionValue = field.text.slice(eq + 1);
    if (key === 'from' && optionValue.includes('$')) {
      at("'from' does not support variables; declare the image in a stage (ARG before FROM, then FROM $IMAGE AS name) and use from=name");
      continue;
    }
    if (key === 'from' && type === 'secret') {
      at('a secret mount cannot have from');
      continue;
    }
    if (optionValue.includes('$')) continue; // expanded by the builder before it is checked
    switch (key) {
      case 'type':
        if (!(mountTypes as readonly string[]).includes(optionValue.toLowerCase())) at(`unknown mount type '${optionValue}'; use bind, cache, tmpfs, secret or ssh`);
        break;
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw':
      case 'required':
        if (!goBools.has(optionValue)) at(`'${key}' expects true or false, not '${optionValue}'`);
        break;
      case 'sharing':
        if (!['shared', 'private', 'locked'].includes(optionValue.toLowerCase())) at(`sharing must be shared, private or locked, not '${optionValue}'`);
        break;
      case 'mode':
        if (!/^[0-7]+$/.test(optionValue) || Number.parseInt(optionValue, 8) > 0xffffffff) at(`mode must be an octal number such as 0755, not '${optionValue}'`);
        break;
      case 'uid':
      case 'gid':
        if (!/^\d+$/.test(optionValue) || Number(optionValue) > 0xffffffff) at(`${key} must be a number, not '${optionValue}'`);
        break;
      case 'size':
        if (!/^\d+(?:\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?$/.test(optionValue)) at(`size must be a size such as 64m or 1g, not '${optionValue}'`);
        break;
      default:
        break;
    }
  }
  if (type === 'secret' && !['id', 'source', 'src', 'target', 'dst', 'destination', 'env'].some((key) => seen.has(key))) {
    problems.push({ start: 0, end: value.length, message: 'a secret mount needs id=NAME (or a target or env) to know which secret to mount' });
  }
  return problems;
}
