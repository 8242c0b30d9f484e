import { z } from 'zod';

export const ROLE_NAMES = ['collectors', 'detectors', 'api', 'scheduler'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Everything Lagebild can be told at start. Values come from an optional YAML file and the
 * environment (environment wins); secrets come only from the environment.
 */
export const configSchema = z
  .object({
    httpPort: port.default(8080),
    syslogPort: port.default(5514),
    syslogTlsPort: port.default(6514),
    tlsCertFile: z.string().min(1).optional(),
    tlsKeyFile: z.string().min(1).optional(),
    tlsCaFile: z.string().min(1).optional(),
    bindAddress: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./data'),
    rulesDir: z.string().min(1).default('./rules'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    bus: z.enum(['memory', 'kafka']).default('memory'),
    kafkaBrokers: z
      .string()
      .default('127.0.0.1:9092')
      .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean)),
    kafkaPartitions: z.coerce.number().int().min(1).default(6),
    /** Memory bus: bytes per topic that consumers have not taken yet before publishers wait (docs/bus.md). */
    busMaxBytes: z.coerce.number().int().min(2 ** 20, 'LAGEBILD_BUS_MAX_BYTES must be at least 1048576 (1 MiB)').default(16 * 2 ** 20),
    kafkaClientId: z.string().default('lagebild'),
    store: z.enum(['sqlite', 'elasticsearch']).default('sqlite'),
    elasticsearchUrl: z.url().default('http://127.0.0.1:9200'),
    elasticsearchIndexPrefix: z.string().regex(/^[a-z0-9_-]+$/).default('lagebild'),
    smtpUrl: z.string().optional(),
    mailFrom: z.string().default('Lagebild <lagebild@localhost>'),
    jwtSecret: z.string().min(32, 'LAGEBILD_JWT_SECRET must be at least 32 characters').optional(),
    accessTokenTtlSeconds: z.coerce.number().int().min(60).default(900),
    publicUrl: z.string().optional(),
    // The demo users get it through the same password policy as everyone (workflows/auth/password-policy.ts).
    demoPassword: z.string().min(12, 'LAGEBILD_DEMO_PASSWORD must be at least 12 characters').optional(),
    maxLineBytes: z.coerce.number().int().min(256).default(64 * 1024),
    /** Worker threads that parse collected messages, so that parsing does not share the event loop's core (docs/collectors.md). */
    collectorWorkers: z.coerce.number().int().min(0).max(32).default(1),
    // Each connection holds a file descriptor that the API needs too; see docs/collectors.md for the numbers.
    syslogMaxConnections: z.coerce.number().int().min(1).default(1000),
    syslogMaxConnectionsPerPeer: z.coerce.number().int().min(1).default(50),
    syslogIdleTimeoutSeconds: z.coerce.number().int().min(1).default(300),
    syslogTlsHandshakeTimeoutSeconds: z.coerce.number().int().min(1).default(10),
    retentionDays: z.coerce.number().int().min(1).default(90),
    /** Untriaged informational/low incidents without an alert for this many days are closed. */
    autoCloseQuietDays: z.coerce.number().int().min(1).default(14),
    certEmails: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean)),
    warningEscalationHours: z.coerce.number().positive().default(4),
    warningEscalationSeverity: z.enum(['niedrig', 'mittel', 'hoch', 'kritisch']).default('hoch'),
    readinessStallSeconds: z.coerce.number().positive().default(60),
    shutdownGraceSeconds: z.coerce.number().positive().default(25),
    /** How late (behind its source's own time) an event may arrive and still correlate. */
    correlationLatenessSeconds: z.coerce.number().int().min(0).default(3600),
    /** Warnings of this severity and above always need a second analyst's approval (four eyes). */
    warningApprovalMinSeverity: z.enum(['niedrig', 'mittel', 'hoch', 'kritisch']).default('hoch'),
  })
  .strict();

export type Config = Readonly<z.output<typeof configSchema>>;

/** Environment variable → config key. The names are part of the documented interface. */
export const ENV_KEYS: Record<string, keyof z.input<typeof configSchema>> = {
  LAGEBILD_HTTP_PORT: 'httpPort',
  LAGEBILD_SYSLOG_PORT: 'syslogPort',
  LAGEBILD_COLLECTOR_WORKERS: 'collectorWorkers',
  LAGEBILD_SYSLOG_TLS_PORT: 'syslogTlsPort',
  LAGEBILD_SYSLOG_MAX_CONNECTIONS: 'syslogMaxConnections',
  LAGEBILD_SYSLOG_MAX_CONNECTIONS_PER_PEER: 'syslogMaxConnectionsPerPeer',
  LAGEBILD_SYSLOG_IDLE_TIMEOUT_SECONDS: 'syslogIdleTimeoutSeconds',
  LAGEBILD_SYSLOG_TLS_HANDSHAKE_TIMEOUT_SECONDS: 'syslogTlsHandshakeTimeoutSeconds',
  LAGEBILD_TLS_CERT_FILE: 'tlsCertFile',
  LAGEBILD_TLS_KEY_FILE: 'tlsKeyFile',
  LAGEBILD_TLS_CA_FILE: 'tlsCaFile',
  LAGEBILD_BIND_ADDRESS: 'bindAddress',
  LAGEBILD_DATA_DIR: 'dataDir',
  LAGEBILD_RULES_DIR: 'rulesDir',
  LAGEBILD_LOG_LEVEL: 'logLevel',
  LAGEBILD_BUS: 'bus',
  KAFKA_BROKERS: 'kafkaBrokers',
  LAGEBILD_KAFKA_PARTITIONS: 'kafkaPartitions',
  LAGEBILD_BUS_MAX_BYTES: 'busMaxBytes',
  LAGEBILD_STORE: 'store',
  ELASTICSEARCH_URL: 'elasticsearchUrl',
  LAGEBILD_ES_INDEX_PREFIX: 'elasticsearchIndexPrefix',
  SMTP_URL: 'smtpUrl',
  LAGEBILD_MAIL_FROM: 'mailFrom',
  LAGEBILD_JWT_SECRET: 'jwtSecret',
  LAGEBILD_PUBLIC_URL: 'publicUrl',
  LAGEBILD_DEMO_PASSWORD: 'demoPassword',
  LAGEBILD_RETENTION_DAYS: 'retentionDays',
  LAGEBILD_AUTO_CLOSE_QUIET_DAYS: 'autoCloseQuietDays',
  LAGEBILD_CERT_EMAILS: 'certEmails',
  LAGEBILD_WARNING_ESCALATION_HOURS: 'warningEscalationHours',
  LAGEBILD_WARNING_ESCALATION_SEVERITY: 'warningEscalationSeverity',
  LAGEBILD_READINESS_STALL_SECONDS: 'readinessStallSeconds',
  LAGEBILD_SHUTDOWN_GRACE_SECONDS: 'shutdownGraceSeconds',
  LAGEBILD_CORRELATION_LATENESS_SECONDS: 'correlationLatenessSeconds',
  LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY: 'warningApprovalMinSeverity',
};

const SECRET_KEYS = new Set(['jwtSecret', 'demoPassword']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates once, reports every problem together, then freezes. `fileValues` come from --config;
 * secrets found there are rejected so that they cannot end up in a committed file.
 */
export function loadConfig(env: NodeJS.ProcessEnv, fileValues: Record<string, unknown> = {}): Config {
  const problems: string[] = [];
  for (const key of Object.keys(fileValues)) {
    if (SECRET_KEYS.has(key)) problems.push(`${key}: secrets are read from the environment only, not from a config file`);
  }
  const merged: Record<string, unknown> = { ...fileValues };
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  // The syslog TLS listener needs both halves; one alone is a typo, not a choice.
  if (Boolean(merged.tlsCertFile) !== Boolean(merged.tlsKeyFile)) problems.push('LAGEBILD_TLS_CERT_FILE and LAGEBILD_TLS_KEY_FILE: set both or neither');
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const envName = Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0];
      problems.push(`${envName ?? key}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}
