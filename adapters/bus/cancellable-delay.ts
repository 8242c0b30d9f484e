/**
 * The wait between redeliveries of a failed batch. Stopping a subscription cancels it, so a
 * consumer in a long backoff shuts down at once instead of after the delay.
 */
export class CancellableDelay {
  private cancelCurrent: (() => void) | undefined;

  wait(delayMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      this.cancelCurrent = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.cancelCurrent = undefined;
    });
  }

  cancel(): void {
    this.cancelCurrent?.();
  }
}
