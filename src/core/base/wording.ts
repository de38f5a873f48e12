// Small pieces of wording that the core, the CLI and the editor share, so each reads the same everywhere.

/** `1 file`, `3 files`: a count with its noun, plural unless the count is one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Escapes the characters that would turn plain text into Markdown formatting or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (char) => `\\${char}`);
}

/** A day in the local time zone, `YYYY-MM-DD`: today unless told otherwise. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
