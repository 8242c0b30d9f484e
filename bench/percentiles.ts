/** Nearest-rank percentiles of a sample (sorted in place). */
export function percentiles(values: number[], ranks: number[]): Record<string, number> {
  values.sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const rank of ranks) {
    const index = Math.min(values.length - 1, Math.max(0, Math.ceil((rank / 100) * values.length) - 1));
    out[`p${rank}`] = values.length === 0 ? Number.NaN : Math.round(values[index]! * 100) / 100;
  }
  return out;
}
