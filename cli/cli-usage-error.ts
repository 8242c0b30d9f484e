/** Wrong command-line usage: printed with the usage text, exit code 64 (EX_USAGE). */
export class CliUsageError extends Error {}
