// On its own so the rules can name the file without loading `config.ts` (see rules/rule.ts).

/** The name of the file that makes a folder a portfolio. */
export const CONFIG_FILE_NAME = 'portfolio.yaml';
