/**
 * Samples this process's resident set while a measurement runs: the collectors bench reports how much
 * memory sending costs, which is what an unbounded bus gives away (the issue saw 650 MB).
 */
export class RssSampler {
  private readonly startBytes = process.memoryUsage.rss();
  private peakBytes = this.startBytes;
  private readonly timer = setInterval(() => this.sample(), 20);

  sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
  }

  stop(): { startMiB: number; peakMiB: number; growthMiB: number } {
    clearInterval(this.timer);
    this.sample();
    return { startMiB: mib(this.startBytes), peakMiB: mib(this.peakBytes), growthMiB: mib(this.peakBytes - this.startBytes) };
  }
}

function mib(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}
