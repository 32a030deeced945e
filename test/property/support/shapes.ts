// Inputs that grow along one dimension, for checking that analysis time
// grows linearly with them: `shape(n)` is n units of one construct.
import type { DocumentKind } from '../../../server/src/core';

export interface Shape {
  name: string;
  kind: DocumentKind;
  /** The document with n units. */
  text(n: number): string;
}

const times = (n: number, unit: (i: number) => string): string => Array.from({ length: n }, (_, i) => unit(i)).join('');

export const shapes: readonly Shape[] = [
  { name: 'RUN instructions in one stage', kind: 'dockerfile', text: (n) => `FROM debian:12\n${times(n, (i) => `RUN apt-get update && apt-get install -y pkg${i} && rm -rf /var/lib/apt/lists/*\n`)}` },
  { name: 'stages copying from the one before', kind: 'dockerfile', text: (n) => times(n, (i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /x /y\n`) },
  { name: 'ARG and ENV referring to each other', kind: 'dockerfile', text: (n) => `FROM alpine:3.20\n${times(n, (i) => `ARG A${i}=\${A${Math.max(0, i - 1)}:-x}\nENV B${i}=$A${i}\n`)}RUN echo $B0\n` },
  { name: 'lines of one continued RUN', kind: 'dockerfile', text: (n) => `FROM alpine:3.20\nRUN true${times(n, (i) => ` \\\n    && echo ${i}`)}\n` },
  { name: 'heredocs', kind: 'dockerfile', text: (n) => `FROM alpine:3.20\n${times(n, (i) => `RUN <<EOF\necho ${i}\nEOF\n`)}` },
  { name: 'characters of one line', kind: 'dockerfile', text: (n) => `FROM alpine:3.20\nRUN echo ${'word '.repeat(n * 20)}\n` },
  { name: 'services', kind: 'compose', text: (n) => `services:\n${times(n, (i) => `  s${i}:\n    image: example/s:${i}\n    ports: ["${10_000 + i}:80"]\n    depends_on: [s${(i + 1) % n}]\n`)}` },
  { name: 'services merging an anchor', kind: 'compose', text: (n) => `x-d: &d\n  restart: always\n  environment:\n    A: "1"\nservices:\n${times(n, (i) => `  s${i}:\n    <<: *d\n    image: example/s:${i}\n`)}` },
  { name: 'environment entries', kind: 'compose', text: (n) => `services:\n  web:\n    image: nginx:1.27\n    environment:\n${times(n, (i) => `      V${i}: "\${V${i}:-x}"\n`)}` },
  { name: 'characters of one scalar', kind: 'compose', text: (n) => `services:\n  web:\n    image: nginx:1.27\n    command: "${'$A word '.repeat(n * 10)}"\n` },
];
