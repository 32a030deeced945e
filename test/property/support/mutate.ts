// Mutations of real files, reproducible from a seed: what an editor sends
// mid-edit, what a bad merge or a bad disk leaves, what a binary opened by
// mistake looks like once decoded as UTF-8.

/** mulberry32: small, fast, and the same on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, below: number): number => Math.floor(rng() * Math.max(1, below));

/** Characters that break naive parsers. */
const hostile = ['\u0000', '\r', '\r\n', '\n', '\t', '\\', '`', '\\\n', '"', "'", '[', ']', '{', '}', '$', '${', '#', '<<', '<<EOF\n', ':', '- ', '&a', '*a', '<<: *a', '!reset', '\uFEFF', '\u2028', '\uD800', '\uDC00', '😀', 'é', '\u200B', '\uFFFD', '--', '=', ',', ' '];

export interface Mutation {
  name: string;
  apply(text: string, rng: Rng, other: string): string;
}

const lines = (text: string): string[] => text.split(/(?<=\n)/);

export const mutations: readonly Mutation[] = [
  {
    // Decoding flipped bytes as UTF-8 also produces U+FFFD, as reading invalid UTF-8 does.
    name: 'byte-flip',
    apply(text, rng) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      for (let i = 1 + int(rng, 4); i > 0; i--) {
        const at = int(rng, bytes.length);
        bytes[at] = bytes[at]! ^ (1 << int(rng, 8));
      }
      return bytes.toString('utf8');
    },
  },
  {
    name: 'random-bytes',
    apply(text, rng) {
      const bytes = Buffer.from(text, 'utf8');
      const at = int(rng, bytes.length + 1);
      const junk = Buffer.from(Array.from({ length: 1 + int(rng, 16) }, () => int(rng, 256)));
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]).toString('utf8');
    },
  },
  { name: 'truncate', apply: (text, rng) => text.slice(0, int(rng, text.length + 1)) },
  { name: 'truncate-start', apply: (text, rng) => text.slice(int(rng, text.length + 1)) },
  {
    name: 'delete-lines',
    apply(text, rng) {
      const all = lines(text);
      const at = int(rng, all.length);
      all.splice(at, 1 + int(rng, 3));
      return all.join('');
    },
  },
  {
    name: 'duplicate-lines',
    apply(text, rng) {
      const all = lines(text);
      const at = int(rng, all.length);
      const count = 1 + int(rng, 3);
      all.splice(at, 0, ...all.slice(at, at + count).map((l) => (l.endsWith('\n') ? l : `${l}\n`)));
      return all.join('');
    },
  },
  {
    name: 'swap-lines',
    apply(text, rng) {
      const all = lines(text);
      const [a, b] = [int(rng, all.length), int(rng, all.length)];
      [all[a], all[b]] = [all[b]!, all[a]!];
      return all.join('');
    },
  },
  {
    name: 'splice',
    apply(text, rng, other) {
      const a = lines(text);
      const b = lines(other);
      return [...a.slice(0, int(rng, a.length + 1)), ...b.slice(int(rng, b.length + 1))].join('');
    },
  },
  {
    name: 'insert-hostile',
    apply(text, rng) {
      let result = text;
      for (let i = 1 + int(rng, 5); i > 0; i--) {
        const at = int(rng, result.length + 1);
        result = result.slice(0, at) + pick(rng, hostile) + result.slice(at);
      }
      return result;
    },
  },
  {
    name: 'delete-characters',
    apply(text, rng) {
      const at = int(rng, text.length);
      return text.slice(0, at) + text.slice(at + 1 + int(rng, 8));
    },
  },
  { name: 'crlf', apply: (text) => text.replace(/\r?\n/g, '\r\n') },
  { name: 'cr-only', apply: (text) => text.replace(/\r?\n/g, '\r') },
  { name: 'tabs', apply: (text, rng) => text.replace(/^( +)/gm, (spaces) => (rng() < 0.5 ? '\t'.repeat(Math.ceil(spaces.length / 2)) : spaces)) },
  {
    name: 'indent-shift',
    apply(text, rng) {
      const all = lines(text);
      const at = int(rng, all.length);
      all[at] = rng() < 0.5 ? `${' '.repeat(1 + int(rng, 4))}${all[at] ?? ''}` : (all[at] ?? '').replace(/^\s{1,2}/, '');
      return all.join('');
    },
  },
  {
    name: 'repeat-block',
    apply(text, rng) {
      const all = lines(text);
      const at = int(rng, all.length);
      const block = all.slice(at, at + 1 + int(rng, 5)).join('');
      return text + (text.endsWith('\n') ? '' : '\n') + block.repeat(2 + int(rng, 20));
    },
  },
];

/** One mutant: one to three mutations of `text`, `other` being a second file to splice in. */
export function mutate(text: string, other: string, seed: number): { text: string; steps: string[] } {
  const rng = random(seed);
  const steps: string[] = [];
  let result = text;
  for (let i = 1 + int(rng, 3); i > 0; i--) {
    const mutation = pick(rng, mutations);
    steps.push(mutation.name);
    result = mutation.apply(result, rng, other);
  }
  return { text: result, steps };
}

/**
 * Delta debugging (ddmin) over lines, then characters, as a generator: it
 * yields candidates and is told whether each still fails, so one algorithm
 * serves a synchronous test and an asynchronous one (a worker with a timeout).
 */
export function* ddmin(text: string): Generator<string, string, boolean> {
  const reduce = function* (parts: string[]): Generator<string, string[], boolean> {
    let granularity = 2;
    while (parts.length >= 2) {
      const size = Math.ceil(parts.length / granularity);
      let reduced = false;
      for (let start = 0; start < parts.length; start += size) {
        const complement = [...parts.slice(0, start), ...parts.slice(start + size)];
        if (complement.length > 0 && (yield complement.join(''))) {
          parts = complement;
          granularity = Math.max(granularity - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (granularity >= parts.length) break;
        granularity = Math.min(parts.length, granularity * 2);
      }
    }
    return parts;
  };
  const byLines = (yield* reduce(lines(text))).join('');
  return (yield* reduce([...byLines])).join('');
}

/** The smallest text, by ddmin, for which `fails` still holds; `fails` must be deterministic. */
export function shrink(text: string, fails: (candidate: string) => boolean, maxTests = 2_000): string {
  const steps = ddmin(text);
  let best = text;
  let step = steps.next(false);
  for (let tests = 0; !step.done && tests < maxTests; tests++) {
    const failed = fails(step.value);
    if (failed && step.value.length < best.length) best = step.value;
    step = steps.next(failed);
  }
  return step.done ? step.value : best;
}

/** `shrink` with an asynchronous test. */
export async function shrinkAsync(text: string, fails: (candidate: string) => Promise<boolean>, maxTests = 500): Promise<string> {
  const steps = ddmin(text);
  let best = text;
  let step = steps.next(false);
  for (let tests = 0; !step.done && tests < maxTests; tests++) {
    const failed = await fails(step.value);
    if (failed && step.value.length < best.length) best = step.value;
    step = steps.next(failed);
  }
  return step.done ? step.value : best;
}
