/**
 * Every index the store uses, derived from one prefix so that several deployments (or test runs)
 * share a cluster without touching each other. Events and alerts go to one index per UTC day of
 * their own `@timestamp`: the timestamp never changes, so a redelivered document lands in the same
 * index and replaces itself by id, and retention can drop whole days.
 */
export class IndexNames {
  constructor(readonly prefix: string) {}

  event(timestamp: string): string {
    return `${this.prefix}-events-${day(timestamp)}`;
  }

  alert(timestamp: string): string {
    return `${this.prefix}-alerts-${day(timestamp)}`;
  }

  get events(): string {
    return `${this.prefix}-events-*`;
  }

  get alerts(): string {
    return `${this.prefix}-alerts-*`;
  }

  get incidents(): string {
    return `${this.prefix}-incidents`;
  }

  /** The incident recorder's decision state per organisation (story grouping, campaigns). */
  get incidentStories(): string {
    return `${this.prefix}-incident-stories`;
  }

  get organisations(): string {
    return `${this.prefix}-organisations`;
  }

  get users(): string {
    return `${this.prefix}-users`;
  }

  get audit(): string {
    return `${this.prefix}-audit`;
  }

  get leases(): string {
    return `${this.prefix}-leases`;
  }

  get comments(): string {
    return `${this.prefix}-comments`;
  }

  get refreshTokens(): string {
    return `${this.prefix}-refresh-tokens`;
  }

  get loginAttempts(): string {
    return `${this.prefix}-login-attempts`;
  }

  /** One document per lowercased username: what makes usernames unique regardless of case. */
  get usernames(): string {
    return `${this.prefix}-usernames`;
  }

  get logSources(): string {
    return `${this.prefix}-log-sources`;
  }

  get reports(): string {
    return `${this.prefix}-reports`;
  }

  get reportVersions(): string {
    return `${this.prefix}-report-versions`;
  }

  get reportObligations(): string {
    return `${this.prefix}-report-obligations`;
  }

  get sentNotifications(): string {
    return `${this.prefix}-sent-notifications`;
  }

  get warnings(): string {
    return `${this.prefix}-warnings`;
  }

  get warningDeliveries(): string {
    return `${this.prefix}-warning-deliveries`;
  }

  get warningCounters(): string {
    return `${this.prefix}-warning-counters`;
  }

  get suppressions(): string {
    return `${this.prefix}-suppressions`;
  }

  /** The UTC day a daily index holds, or undefined for the index of undated documents. */
  dayOf(index: string): Date | undefined {
    const match = /-(\d{4})\.(\d{2})\.(\d{2})$/.exec(index);
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  }
}

/** Documents whose time cannot be read still need a home; they go to an `undated` index. */
function day(timestamp: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) return 'undated';
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '.');
}
