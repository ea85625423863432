import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/api/metrics.ts';

const doc = readFileSync(join(import.meta.dirname, '../../docs/OBSERVABILITY.md'), 'utf8');
const metrics = createMetrics().registry.getMetricsAsArray();
const exported = metrics.map((metric) => metric.name);
/** The series names a scrape shows: a histogram's under its _bucket, _sum and _count too. */
const series = new Set(
  metrics.flatMap((metric) =>
    metric instanceof Histogram
      ? [metric.name, `${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
      : [metric.name],
  ),
);

describe('docs/OBSERVABILITY.md', () => {
  it('names only metrics Shipshape exports, histogram series included', () => {
    const named = new Set([...doc.matchAll(/\bshipshape_[a-z_]+/g)].map(([name]) => name));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((name) => !series.has(name))).toEqual([]);
  });

  it('lists every exported metric in its table', () => {
    for (const name of exported) expect(doc, name).toContain(`| \`${name}\` |`);
  });

  it('explains every sample alert', () => {
    const alerts = [...doc.matchAll(/- alert: (\w+)/g)].map(([, name]) => name);
    expect(alerts.length).toBeGreaterThan(10);
    for (const alert of alerts) expect(doc, alert).toContain(`- **${alert}**: `);
  });
});
