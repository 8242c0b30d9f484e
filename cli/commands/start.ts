import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ConfigError, loadConfig, ROLE_NAMES, type RoleName } from '../../core/config.js';
import { createLogger } from '../../core/logging.js';
import { CliUsageError } from '../cli-usage-error.js';
import { prepareDemo, prepareFirstStart } from '../demo/prepare.js';
import { startService } from '../service.js';

/** `lagebild start [--demo] [--config FILE] [--only ROLES]`: runs until SIGINT or SIGTERM. */
export async function runStart(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false }, config: { type: 'string' }, only: { type: 'string' } } });
  const roles = parseRoles(values.only);
  let config;
  try {
    config = loadConfig(process.env, values.config ? await readConfigFile(values.config) : {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`lagebild: ${error.message}\n`);
    return 78;
  }
  const logger = createLogger({ level: config.logLevel });
  const demo = values.demo;
  const service = await startService({
    config,
    roles,
    logger,
    prepare: ({ store, clock }) => (demo ? prepareDemo(store, config, clock) : prepareFirstStart(store, clock)),
  });
  logger.info({ roles, http: service.httpPort, syslog: service.syslogTcpPort, bus: config.bus, store: config.store }, 'Lagebild started');
  if (service.httpPort !== undefined) process.stdout.write(`\nLagebild läuft / is running: http://${config.bindAddress === '0.0.0.0' ? '127.0.0.1' : config.bindAddress}:${service.httpPort}/\n`);
  if (demo && service.collector) {
    const { replayAttackScenario } = await import('../demo/attack-scenario.js');
    void replayAttackScenario(service.collector, logger);
  }
  await waitForShutdownSignal();
  logger.info({ graceSeconds: config.shutdownGraceSeconds }, 'Shutting down');
  // Whatever is in flight (a store that does not answer, a bus that refuses), the process ends
  // within the grace period: what was not committed is delivered again after the restart.
  const graceOver = setTimeout(() => {
    logger.warn('Shutdown grace period over; exiting with work in flight');
    process.exit(1);
  }, config.shutdownGraceSeconds * 1000);
  await service.stop();
  clearTimeout(graceOver);
  return 0;
}

function parseRoles(only: string | undefined): RoleName[] {
  if (!only) return [...ROLE_NAMES];
  const roles = only.split(',').map((role) => role.trim());
  for (const role of roles) {
    if (!(ROLE_NAMES as readonly string[]).includes(role)) throw new CliUsageError(`unknown role "${role}" (roles: ${ROLE_NAMES.join(', ')})`);
  }
  return roles as RoleName[];
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  const parsed: unknown = parseYaml(await readFile(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliUsageError(`${file}:1: the config file must be a YAML mapping`);
  return parsed as Record<string, unknown>;
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
