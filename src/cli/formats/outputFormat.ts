/** An output format of the CLI: the name `--format` takes and, in a few words, what it is for. */
export interface OutputFormat {
  readonly name: string;
  readonly summary: string;
}
