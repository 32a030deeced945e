// Go's time.ParseDuration, which the builder uses for HEALTHCHECK durations.

const unitNanoseconds: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  '\u00b5s': 1e3,
  '\u03bcs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export type DurationResult = { ok: true; nanoseconds: number } | { ok: false; message: string };

const maxNanoseconds = 2 ** 63 - 1;

export function parseGoDuration(text: string): DurationResult {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0 };
  if (s === '') return { ok: false, message: `'${text}' is not a duration` };
  let total = 0;
  let i = 0;
  while (i < s.length) {
    const numberStart = i;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
    const integer = s.slice(numberStart, i);
    let fraction = '';
    if (s[i] === '.') {
      i++;
      const fractionStart = i;
      while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
      fraction = s.slice(fractionStart, i);
    }
    if (integer === '' && fraction === '') return { ok: false, message: `'${text}' is not a duration: expected a number, e.g. 30s or 1m30s` };
    const unitStart = i;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    const unit = s.slice(unitStart, i);
    if (unit === '') return { ok: false, message: `'${text}' has no unit: write e.g. ${integer || '0'}${fraction ? `.${fraction}` : ''}s (units: ns, us, ms, s, m, h)` };
    const scale = unitNanoseconds[unit];
    if (scale === undefined) return { ok: false, message: `'${text}' has an unknown unit '${unit}' (units: ns, us, ms, s, m, h)` };
    total += Number(`${integer || '0'}.${fraction || '0'}`) * scale;
    if (total > maxNanoseconds) return { ok: false, message: `'${text}' is too long a duration` };
  }
  return { ok: true, nanoseconds: negative ? -total : total };
}
