/** Progress lines on stderr, so that a long suite shows it is alive; results go to JSON, not here. */
export function progress(suite: string, message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${suite}: ${message}\n`);
}
