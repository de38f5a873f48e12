// The name of the portfolio file, vocabulary every layer may use (the rules name it in their messages).

/** The name of the file that makes a folder a portfolio. */
export const CONFIG_FILE_NAME = 'portfolio.yaml';
