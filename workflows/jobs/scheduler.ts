import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../../core/clock.js';
import type { Config } from '../../core/config.js';
import { errorMessage } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Logger } from '../../core/logging.js';
import type { Mailer } from '../../core/ports/mailer.js';
import type { ReportingStores } from '../../core/ports/reporting-stores.js';
import type { Store } from '../../core/ports/stores.js';
import type { WarningStores } from '../../core/ports/warning-stores.js';
import { certAddresses } from '../reporting/mail-recipients.js';
import { escalateUnacknowledgedWarnings } from './escalate-warnings.js';
import { reportingSettings, type ReportingSettings } from '../reporting/reporting-settings.js';
import { applyRetention } from './apply-retention.js';
import { autoCloseQuietIncidents } from './auto-close-quiet-incidents.js';
import { escalateOverdue } from './escalate-overdue.js';
import type { JobDeps } from './job-deps.js';
import { runExclusively } from './run-exclusively.js';
import { sendDailyDigest } from './send-daily-digest.js';
import { sendDeadlineReminders } from './send-deadline-reminders.js';

export interface ScheduledJob {
  name: string;
  /** node-cron expression, evaluated in Europe/Berlin. */
  schedule: string;
  /** Shorter than the interval: one run per tick across instances. */
  leaseMs: number;
  run(deps: JobDeps): Promise<unknown>;
}

const MINUTE = 60_000;

export const JOBS: readonly ScheduledJob[] = [
  { name: 'deadline-reminders', schedule: '*/5 * * * *', leaseMs: 4 * MINUTE, run: sendDeadlineReminders },
  { name: 'overdue-escalation', schedule: '*/5 * * * *', leaseMs: 4 * MINUTE, run: escalateOverdue },
  { name: 'daily-digest', schedule: '0 7 * * *', leaseMs: 60 * MINUTE, run: sendDailyDigest },
  { name: 'retention', schedule: '30 3 * * *', leaseMs: 60 * MINUTE, run: applyRetention },
  { name: 'warning-escalation', schedule: '*/5 * * * *', leaseMs: 4 * MINUTE, run: escalateWarnings },
  { name: 'auto-close-quiet-incidents', schedule: '15 4 * * *', leaseMs: 60 * MINUTE, run: autoCloseQuietIncidents },
];

/** Runs the jobs on their cron schedules; each tick runs a job body under its lease and logs what failed. */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly holderId = `${hostname()}-${process.pid}-${newId().slice(0, 8)}`;

  constructor(
    private readonly deps: JobDeps,
    private readonly jobs: readonly ScheduledJob[] = JOBS,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      this.tasks.push(cron.schedule(job.schedule, () => this.runNow(job.name), { name: job.name, noOverlap: true, timezone: 'Europe/Berlin' }));
    }
    this.deps.logger.info({ holderId: this.holderId, jobs: this.jobs.map((job) => job.name) }, 'scheduler started');
  }

  /** One run of the named job, as a tick would do it. Never throws: a failed run is retried by the next tick. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    try {
      const result = await runExclusively({ leases: this.deps.store.leases, clock: this.deps.clock }, { name: job.name, holderId: this.holderId, leaseMs: job.leaseMs }, () => job.run(this.deps));
      this.deps.logger.debug({ job: job.name, result, ran: result !== undefined }, 'job finished');
    } catch (error) {
      this.deps.logger.error({ job: job.name, error: errorMessage(error) }, 'job failed');
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks.length = 0;
  }
}

export interface SchedulerOptions {
  store: Store & ReportingStores & WarningStores;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  config: Config;
  reporting?: Partial<ReportingSettings>;
}

export function startScheduler(options: SchedulerOptions): { stop(): Promise<void> } {
  const { config } = options;
  const settings = reportingSettings({ ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }), certAddresses: config.certEmails, ...options.reporting });
  const warningEscalation = { minSeverity: config.warningEscalationSeverity, afterMs: config.warningEscalationHours * 3_600_000, locale: settings.locale, ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }) };
  const scheduler = new Scheduler({ store: options.store, mailer: options.mailer, clock: options.clock, logger: options.logger, settings, retentionDays: config.retentionDays, autoCloseQuietDays: config.autoCloseQuietDays, warningEscalation });
  scheduler.start();
  return { stop: () => scheduler.stop() };
}

/** The CERT addresses are looked up per run, so registry changes apply without a restart. */
async function escalateWarnings(deps: JobDeps): Promise<unknown> {
  const cert = await certAddresses(deps.store.organisations, deps.settings);
  return escalateUnacknowledgedWarnings({ store: deps.store, mailer: deps.mailer, clock: deps.clock, logger: deps.logger, config: { ...deps.warningEscalation, certAddresses: cert } });
}
