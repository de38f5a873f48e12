/** A failure the user can act on: printed as one line, never with a stack trace. */
export class UsageError extends Error {}
