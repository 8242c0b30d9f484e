/**
 * A small Prometheus registry: counters and gauges with labels, rendered in the text exposition
 * format (https://prometheus.io/docs/instrumenting/exposition_formats/). Components receive the
 * registry and register what they count; /metrics renders it.
 */
type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabel(labels[name]!)}"`)
    .join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

abstract class Metric {
  protected readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: 'counter' | 'gauge',
  ) {}

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.kind}`];
    for (const [key, value] of this.values) lines.push(`${this.name}${key ? `{${key}}` : ''} ${value}`);
    return lines.join('\n');
  }
}

/** One label set of a counter, its key computed once: for counts taken per message on hot paths. */
export interface LabelledCounter {
  inc(by?: number): void;
}

export class Counter extends Metric {
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  labelled(labels: Labels): LabelledCounter {
    const key = labelKey(labels);
    return { inc: (by = 1) => this.values.set(key, (this.values.get(key) ?? 0) + by) };
  }
}

export class Gauge extends Metric {
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), value);
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.register(name, () => new Counter(name, help, 'counter')) as Counter;
  }

  gauge(name: string, help: string): Gauge {
    return this.register(name, () => new Gauge(name, help, 'gauge')) as Gauge;
  }

  render(): string {
    return [...this.metrics.values()].map((metric) => metric.render()).join('\n') + '\n';
  }

  private register(name: string, create: () => Metric): Metric {
    const existing = this.metrics.get(name);
    if (existing) return existing;
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
}
