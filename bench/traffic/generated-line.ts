/** One raw log line of the synthetic constituency, with the ground truth the quality suite scores against. */
export interface GeneratedLine {
  /** Event time in epoch ms; lines are delivered in this order. */
  time: number;
  text: string;
  organizationId: string;
  /** `<scenario>#<instance>` for lines an injected attack wrote; absent for background traffic. */
  label?: string;
}
