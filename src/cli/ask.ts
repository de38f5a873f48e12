// How the CLI asks the user a question: on the terminal when both ends are one (tests inject their own).
import { createInterface } from 'node:readline/promises';
import { UsageError } from './usageError';

/** Asks the user one question and resolves to the answer as typed (without the newline). */
export type Ask = (question: string) => Promise<string>;

/**
 * Questions on the terminal. Ctrl-D or Ctrl-C while a question waits ends init with one line and
 * nothing written (the questions all come before the first write).
 */
export function terminalAsk(): { ask: Ask; close: () => void } {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new AbortController();
  terminal.on('close', () => closed.abort());
  terminal.on('SIGINT', () => terminal.close());
  return {
    ask: async (question) => {
      try {
        return await terminal.question(question, { signal: closed.signal });
      } catch {
        throw new UsageError('init cancelled: nothing was written');
      }
    },
    close: () => terminal.close(),
  };
}
