import { isRecord } from '../field-path.ts';

/** A TaskDefinition spec's containers, tolerant of a spec that failed its schema. */
export function containersOf(spec: Readonly<Record<string, unknown>>): Array<Record<string, unknown>> {
  const list = spec.containerDefinitions;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

export function containerNamed(
  spec: Readonly<Record<string, unknown>>,
  name: unknown,
): Record<string, unknown> | undefined {
  return containersOf(spec).find((container) => container.name === name);
}

export function mapsPort(container: Record<string, unknown>, port: unknown): boolean {
  const mappings = container.portMappings;
  return Array.isArray(mappings) && mappings.some((m) => isRecord(m) && m.containerPort === port);
}
