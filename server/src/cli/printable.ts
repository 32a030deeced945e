/**
 * `text` safe to write to a terminal on one line: control characters (C0
 * but tab, DEL, C1), which a file's name or content may hold and which
 * could move the cursor, recolour or clear the screen, are shown as `\xHH`.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what must not reach the terminal
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
