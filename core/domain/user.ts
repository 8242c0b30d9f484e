export const ROLES = ['admin', 'analyst', 'officer', 'recipient'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  /** The organisation an officer or recipient belongs to; null for CERT staff. */
  organizationId: string | null;
  passwordHash: string;
  disabled: boolean;
  /** Set for one-time passwords (first admin, admin resets): until changed, the account may only change it. */
  mustChangePassword?: boolean;
  /**
   * Raised by every password change or reset; access tokens carry the value they were issued with,
   * and one carrying another value is refused, so a changed password ends every session at once.
   * Absent counts as 0.
   */
  tokenVersion?: number;
  createdAt: string;
}
