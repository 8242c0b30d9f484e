/** One raw log line of the synthetic constituency, with the ground truth the quality suite scores against. */
export interface GeneratedLine {
  /** Event time in epoch ms as the line carries it; generated lines come sorted by it. */
  time: number;
  /** When the collector receives it (see deliver-traffic.ts); without it, half a second after `time`. */
  arrivalMs?: number;
  text: string;
  organizationId: string;
  /** `<scenario>#<instance>` for lines an injected attack wrote; absent for background traffic. */
  label?: string;
  /** For a multi-stage intrusion: the stage the line belongs to (`port-scan`, `c2-dns`, …). */
  stage?: string;
}
