import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './write-result.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result files are read back loosely, inside this module only

interface LoadCurve {
  label: string;
  p99Target: number;
  points: { offered: number; sustained: number; p99: number }[];
}

const CURVE_HEIGHT = 220;
const CURVE_COLOURS = ['#2171b5', '#e6550d'];

interface Bar {
  label: string;
  value: number;
  ceiling?: number;
  target?: number;
}

const read = (suite: string): Json | undefined => {
  const file = path.join(RESULTS_DIR, `${suite}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
};
const n = (value: unknown): string => (typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : 'n/a');
const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((a / b) * 100)} %` : 'n/a');
const met = (ok: unknown): string => (ok === true ? 'met' : ok === false ? '**not met**' : 'not run');

/**
 * Rebuilds `bench/results/SUMMARY.md` and `chart.svg` from whatever result files exist, so that a
 * single suite re-run refreshes the overview without re-running the others.
 */
export function writeSummary(): void {
  const detect = read('detect');
  const collectors = read('collectors');
  const memory = read('memory');
  const quality = read('quality');
  const embedded = read('pipeline-embedded');
  const kafka = read('pipeline-kafka');
  const api = read('api');
  const machine = (detect ?? collectors ?? memory ?? quality)?.machine as Json | undefined;
  const lines: string[] = ['# Benchmark summary', ''];
  if (machine) lines.push(`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. Load average while the suites ran: ${(machine.loadAverage ?? []).join(' / ')} (1/5/15 min) — the machine was shared with other work, so figures vary between runs. Each suite's JSON names its own run date.`, '');
  lines.push('| suite | figure | value | ceiling / floor in the same run | ratio | target | status |', '|---|---|---|---|---|---|---|');
  const bars: Bar[] = [];
  if (detect) {
    lines.push(`| detect | default rule set (${n(detect.defaultRuleSet.rulesOn)} rules on), ev/s (1 core, median of 3 passes) | ${n(detect.defaultRuleSet.eventsPerSecond)} | JSON.parse only ${n(detect.floor.eventsPerSecond)} | ${pct(detect.defaultRuleSet.eventsPerSecond, detect.floor.eventsPerSecond)} | ≥ 100,000 | ${met(detect.defaultRuleSet.met)} |`);
    lines.push(`| detect | every shipped rule on (${n(detect.everyRuleOn.rulesOn)}), ev/s (1 core, median of 3 passes) | ${n(detect.everyRuleOn.eventsPerSecond)} | JSON.parse only ${n(detect.floor.eventsPerSecond)} | ${pct(detect.everyRuleOn.eventsPerSecond, detect.floor.eventsPerSecond)} | ≥ 30,000 | ${met(detect.everyRuleOn.met)} |`);
    bars.push({ label: 'detect default rules', value: detect.defaultRuleSet.eventsPerSecond, ceiling: detect.floor.eventsPerSecond, target: 100_000 });
    bars.push({ label: 'detect all rules on', value: detect.everyRuleOn.eventsPerSecond, ceiling: detect.floor.eventsPerSecond, target: 30_000 });
  }
  if (collectors) {
    for (const [name, rates] of Object.entries(collectors.parsers as Json)) {
      const r = rates as Json;
      lines.push(`| collectors | parser ${name}, lines/s (realistic / fixtures) | ${n(r.realistic?.linesPerSecond)} / ${n(r.fixtures?.linesPerSecond)} | | | ${name === 'rfc5424' ? '≥ 100,000' : ''} | ${name === 'rfc5424' ? met(collectors.target.met) : ''} |`);
    }
    const rfc = (collectors.parsers as Json).rfc5424?.realistic?.linesPerSecond as number;
    const rsyslog = collectors.rsyslog?.linesPerSecond as number | undefined;
    const ceiling = rsyslog ? `rsyslog imtcp → omfile ${n(rsyslog)}` : `rsyslog ${collectors.rsyslog?.missing ?? 'not measured'}`;
    lines.push(`| collectors | TCP → framer → parser → memory bus, RFC 5424, lines/s (median of 3 passes; RSS +${n(collectors.tcpPath.rfc5424.rss?.growthMiB)} MiB) | ${n(collectors.tcpPath.rfc5424.linesPerSecond)} | ${ceiling} | ${rsyslog ? pct(collectors.tcpPath.rfc5424.linesPerSecond, rsyslog) : 'n/a'} | ≥ 25 % | ${rsyslog ? met(collectors.target.ratioMet) : 'not run'} |`);
    lines.push(`| collectors | TCP path, mixed traffic (auto parser), lines/s | ${n(collectors.tcpPath.mixed.linesPerSecond)} | | | | |`);
    bars.push({ label: 'parse RFC 5424', value: rfc, target: 100_000 });
    bars.push({ label: 'TCP path RFC 5424', value: collectors.tcpPath.rfc5424.linesPerSecond, ceiling: rsyslog ?? rfc });
  }
  if (memory) lines.push(`| memory | correlation state, bytes per key at ${n(memory.keys)} keys | ${n(memory.bytesPerKey)} | | | ≤ 300 | ${met(memory.target.met)} |`);
  for (const [name, run] of [['pipeline-embedded', embedded], ['pipeline-kafka', kafka]] as const) {
    if (!run) continue;
    const kafkaCeiling = run.ceiling?.messagesPerSecond as number | undefined;
    const detectOnly = run.detectOnly?.eventsPerSecond as number | undefined;
    const target = name === 'pipeline-embedded' ? { rate: 20_000, p99: 1000 } : { rate: 10_000, p99: 2000 };
    if (detectOnly) {
      lines.push(`| ${name} | sustained ev/s at saturation (offered ${n(run.offeredEventsPerSecond)}; RSS peak ${n(run.rssPeakMiB)} MiB) | ${n(run.sustainedEventsPerSecond)} | detection alone on the same traffic ${n(detectOnly)} | ${pct(run.sustainedEventsPerSecond, detectOnly)} | ≥ 50 % | ${met(run.ratioToDetect >= 0.5)} |`);
    } else {
      const withBulk = run.ceiling?.elasticsearchBulk === true;
      const ceilingText = kafkaCeiling ? `${withBulk ? 'kafkajs produce+consume + Elasticsearch bulk' : 'kafkajs produce+consume'} ${n(kafkaCeiling)}${run.kafkaOnly ? ` (Kafka alone ${n(run.kafkaOnly.messagesPerSecond)})` : ''}` : `offered ${n(run.offeredEventsPerSecond)}`;
      lines.push(`| ${name} | sustained ev/s at saturation (offered ${n(run.offeredEventsPerSecond)}${run.rssPeakMiB ? `; RSS peak ${n(run.rssPeakMiB)} MiB` : ''}) | ${n(run.sustainedEventsPerSecond)} | ${ceilingText} | ${pct(run.sustainedEventsPerSecond, kafkaCeiling ?? run.offeredEventsPerSecond)} | ${withBulk ? '≥ 50 %' : `≥ ${n(target.rate)}`} | ${met(withBulk ? run.ratioToCeiling >= 0.5 : run.sustainedEventsPerSecond >= target.rate)} |`);
    }
    lines.push(`| ${name} | event → incident latency p50 / p99 at saturation, ms (${run.probesSeen}/${run.probes} probes) | ${n(run.latencyMs.p50)} / ${n(run.latencyMs.p99)} | | | | |`);
    for (const point of (run.sweep ?? (run.atLowerRate ? [run.atLowerRate] : [])) as Json[]) {
      const atEighty = point.offeredEventsPerSecond === run.atEightyPercent?.offeredEventsPerSecond;
      lines.push(`| ${name} | at ${n(point.offeredEventsPerSecond)} offered${atEighty ? ' (80 % of saturation)' : ''}: sustained ev/s; latency p50 / p99, ms (${point.probesSeen}/${point.probes} probes); RSS peak MiB | ${n(point.sustainedEventsPerSecond)}; ${n(point.latencyMs.p50)} / ${n(point.latencyMs.p99)}; ${n(point.rssPeakMiB)} | | | ${atEighty ? `p99 ≤ ${n(target.p99)}` : ''} | ${atEighty ? met(point.latencyMs.p99 <= target.p99 && point.probesSeen === point.probes) : ''} |`);
    }
    const barCeiling = detectOnly ?? kafkaCeiling ?? run.offeredEventsPerSecond;
    // Both pipelines' targets are half their ceiling of the same run (older results: a fixed rate).
    bars.push({ label: name, value: run.sustainedEventsPerSecond, ceiling: barCeiling, target: detectOnly || run.ceiling?.elasticsearchBulk ? barCeiling * 0.5 : target.rate });
  }
  if (api) {
    for (const [name, q] of Object.entries(api.queries as Json)) {
      const query = q as Json;
      lines.push(`| api (${api.store}) | ${name} p50 / p95, ms | ${n(query.p50)} / ${n(query.p95)} | | | p95 ≤ 150 | ${met(query.p95 <= 150)} |`);
    }
  }
  if (quality) {
    lines.push('', `## Detection quality (${n(quality.organisations)} organisations, ${n(quality.lines)} lines, ${n(quality.attackInstances)} attacks, ${n(quality.intrusionInstances)} multi-stage intrusions)`, '');
    const targets = quality.targets as Json | undefined;
    if (targets) {
      lines.push('Issue 17 targets, on the CERT\'s queue (a campaign stands for its organisations\' incidents):', '', '| figure | value | target | status |', '|---|---|---|---|');
      for (const [name, label] of [['incidentsPerIntrusion', 'incidents per intrusion'], ['intrusionRecall', 'recall of the intrusions'], ['alertsPerIncident', 'alerts per incident'], ['precisionAboveInformational', 'precision of incidents above informational']] as const) {
        const figure = targets[name] as Json;
        lines.push(`| ${label} | ${n(figure.value)} | ${figure.target} | ${met(figure.met)} |`);
      }
      lines.push('', '| intrusion | found | incidents per intrusion (CERT / organisation) | stages in an incident |', '|---|---|---|---|');
      for (const [name, i] of Object.entries(quality.intrusions as Json)) {
        const intrusion = i as Json;
        const stages = Object.entries(intrusion.stages as Json).map(([stage, tally]) => `${stage} ${(tally as Json).inIncident}/${intrusion.instances}`).join(', ');
        lines.push(`| ${name} | ${intrusion.found}/${intrusion.instances} | ${intrusion.incidentsPerIntrusion.cert} / ${intrusion.incidentsPerIntrusion.organisation} | ${stages} |`);
      }
      lines.push('');
    }
    lines.push('| scenario | alert raised | in an incident | precision (incidents of its rules) |', '|---|---|---|---|');
    for (const [name, s] of Object.entries(quality.scenarios as Json)) {
      const scenario = s as Json;
      lines.push(`| ${name} | ${scenario.alerted ?? scenario.found}/${scenario.instances} | ${scenario.found}/${scenario.instances} | ${scenario.truePositiveIncidents}/${scenario.incidents} |`);
    }
    const delivery = quality.delivery as Json | undefined;
    if (delivery) {
      const by = delivery.linesByDelivery as Json;
      const held = delivery.heldBack as Json;
      const late = (quality.attacksHeldBeyondLateness as Json[]).map((attack) => `${attack.label} expected ${attack.expected}, ${(attack.foundBy as string[]).length > 0 ? `found by ${(attack.foundBy as string[]).join(', ')}` : 'not found'}`);
      lines.push('', `Delivered late and out of order: ${n(by.jittered)} lines held up by seconds to minutes, ${n(by.batched)} in blocks of ${Object.keys(delivery.batchedOrganisations as Json).length} organisations, ${Object.keys(delivery.clockAhead as Json).join(', ')} with clocks ahead (${Object.values(delivery.clockAhead as Json).join(', ')}), ${n(by['beyond-lateness'])} lines of ${held.organisation} two hours late; ${n(delivery.linesOvertaken)} lines overtaken. Late events counted by the engine: ${n(quality.lateEvents)}. Attacks in the stretch held back: ${late.join('; ')}.`);
    }
    const queues = quality.queues as Json | undefined;
    if (queues) {
      const queue = (q: Json): string => `${n(q.incidents)} incidents${q.campaigns ? ` (${n(q.campaigns)} campaigns)` : ''}, ${q.alertsPerIncident} alerts per incident, ${n(q.alertsInIncidents)} alerts in incidents; ${n(q.incidentsWithAttackEvents)} hold attack events; above informational ${n(q.incidentsAboveInformational)} with precision ${q.precisionAboveInformational}; without attack events by rule: ${Object.entries(q.incidentsWithoutAttackByRule as Json).map(([rule, count]) => `${rule} ${n(count)}`).join(', ') || 'none'}`;
      lines.push('', `Alerts ${n(quality.alerts)} (${quality.eventsPerAlert} events per alert) filed by the incident recorder's own step. CERT queue: ${queue(queues.cert)}. Organisations' incidents: ${queue(queues.organisations)}.`);
    }
  }
  const curves: LoadCurve[] = [];
  for (const run of [embedded, kafka]) {
    if (!run) continue;
    const points = [run, ...((run.sweep ?? (run.atLowerRate ? [run.atLowerRate] : [])) as Json[])].map((point) => ({ offered: point.offeredEventsPerSecond as number, sustained: point.sustainedEventsPerSecond as number, p99: point.latencyMs.p99 as number }));
    curves.push({ label: run.suite as string, p99Target: run.suite === 'pipeline-kafka' ? 2000 : 1000, points: points.sort((a, b) => a.offered - b.offered) });
  }
  lines.push('', '![throughput and latency](chart.svg)', '');
  writeFileSync(path.join(RESULTS_DIR, 'SUMMARY.md'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'chart.svg'), chartSvg(bars, curves));
}

/** Horizontal bars on a log scale: the measured figure, its ceiling behind it, the target as a tick. */
function chartSvg(bars: Bar[], curves: LoadCurve[]): string {
  const width = 1000;
  const left = 190;
  const row = 34;
  const plot = width - left - 170;
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.value, bar.ceiling ?? 0, bar.target ?? 0]));
  // The axis starts at 1,000/s: every figure here is above it, and the differences stay visible.
  const scale = (v: number): number => (v <= 1000 ? 0 : (Math.log10(v / 1000) / Math.log10(max / 1000)) * plot);
  const out: string[] = [];
  let y = 40;
  out.push(`<text x="10" y="22" font-size="15" font-weight="bold">Throughput per second (log scale from 1,000): measured (dark), ceiling/floor of the same run (light), target (red tick)</text>`);
  for (const bar of bars) {
    out.push(`<text x="${left - 8}" y="${y + 16}" font-size="12" text-anchor="end">${bar.label}</text>`);
    if (bar.ceiling) out.push(`<rect x="${left}" y="${y}" width="${scale(bar.ceiling).toFixed(1)}" height="22" fill="#c6dbef"/>`);
    out.push(`<rect x="${left}" y="${y + 4}" width="${scale(bar.value).toFixed(1)}" height="14" fill="#2171b5"/>`);
    if (bar.target) out.push(`<rect x="${(left + scale(bar.target)).toFixed(1)}" y="${y - 2}" width="3" height="26" fill="#d62728"/>`);
    out.push(`<text x="${(left + scale(Math.max(bar.value, bar.ceiling ?? 0)) + 6).toFixed(1)}" y="${y + 16}" font-size="11">${Math.round(bar.value).toLocaleString('en-US')}${bar.ceiling ? ` / ${Math.round(bar.ceiling).toLocaleString('en-US')}` : ''}</text>`);
    y += row;
  }
  y += 30;
  out.push(`<text x="10" y="${y}" font-size="15" font-weight="bold">Against offered load (events/s)</text>`);
  y += 18;
  out.push(`<text x="10" y="${y}" font-size="12">Left: sustained rate (dashed diagonal = offered). Right: p99 event → incident latency, log scale (red line = p99 target).</text>`);
  y += 20;
  out.push(...loadCurvesSvg(curves, y, width));
  y += CURVE_HEIGHT + 60;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${out.join('\n')}\n</svg>\n`;
}

/** Two panels side by side: sustained rate and p99 latency, each against the offered rate, one line per mode. */
function loadCurvesSvg(curves: LoadCurve[], top: number, width: number): string[] {
  const out: string[] = [];
  const panel = (width - 160) / 2;
  const maxOffered = Math.max(1, ...curves.flatMap((c) => c.points.map((p) => p.offered)));
  const maxRate = Math.max(maxOffered, ...curves.flatMap((c) => c.points.map((p) => p.sustained)));
  const latencies = curves.flatMap((c) => [c.p99Target, ...c.points.map((p) => p.p99).filter((v) => Number.isFinite(v) && v > 0)]);
  const [minMs, maxMs] = [Math.max(1, Math.min(...latencies) / 2), Math.max(...latencies) * 2];
  const x = (left: number, offered: number): number => left + (offered / maxOffered) * panel;
  const yRate = (rate: number): number => top + CURVE_HEIGHT - (rate / maxRate) * CURVE_HEIGHT;
  const yMs = (ms: number): number => top + CURVE_HEIGHT - (Math.log10(Math.max(ms, minMs) / minMs) / Math.log10(maxMs / minMs)) * CURVE_HEIGHT;
  const lefts = [60, 60 + panel + 80];
  for (const left of lefts) {
    out.push(`<rect x="${left}" y="${top}" width="${panel.toFixed(1)}" height="${CURVE_HEIGHT}" fill="none" stroke="#999"/>`);
    out.push(`<text x="${(left + panel).toFixed(1)}" y="${top + CURVE_HEIGHT + 16}" font-size="11" text-anchor="end">${Math.round(maxOffered).toLocaleString('en-US')} offered</text>`);
  }
  out.push(`<line x1="${lefts[0]}" y1="${yRate(0)}" x2="${x(lefts[0]!, maxOffered).toFixed(1)}" y2="${yRate(maxOffered).toFixed(1)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  out.push(`<text x="${lefts[0]! - 4}" y="${top + 10}" font-size="11" text-anchor="end">${Math.round(maxRate).toLocaleString('en-US')}</text>`);
  out.push(`<text x="${lefts[1]! - 4}" y="${top + 10}" font-size="11" text-anchor="end">${Math.round(maxMs).toLocaleString('en-US')} ms</text>`);
  out.push(`<text x="${lefts[1]! - 4}" y="${top + CURVE_HEIGHT}" font-size="11" text-anchor="end">${Math.round(minMs).toLocaleString('en-US')} ms</text>`);
  curves.forEach((curve, index) => {
    const colour = CURVE_COLOURS[index % CURVE_COLOURS.length]!;
    const rate = curve.points.map((p) => `${x(lefts[0]!, p.offered).toFixed(1)},${yRate(p.sustained).toFixed(1)}`);
    const latency = curve.points.filter((p) => Number.isFinite(p.p99) && p.p99 > 0).map((p) => `${x(lefts[1]!, p.offered).toFixed(1)},${yMs(p.p99).toFixed(1)}`);
    out.push(`<polyline points="${rate.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<polyline points="${latency.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const point of [...rate, ...latency]) {
      const [cx, cy] = point.split(',');
      out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
    }
    out.push(`<line x1="${lefts[1]}" y1="${yMs(curve.p99Target).toFixed(1)}" x2="${(lefts[1]! + panel).toFixed(1)}" y2="${yMs(curve.p99Target).toFixed(1)}" stroke="#d62728" stroke-dasharray="${index === 0 ? '6 3' : '2 3'}"/>`);
    out.push(`<text x="${lefts[0]! + 8}" y="${top + 16 + index * 16}" font-size="12" fill="${colour}">${curve.label}</text>`);
  });
  return out;
}
