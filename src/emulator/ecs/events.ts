import { uuid } from '../core/ids.ts';
import type { EcsService } from './state.ts';

const MAX_EVENTS = 100;

/** Records a service event, newest first, keeping the latest 100 as ECS does. */
export function addEvent(service: EcsService, now: number, message: string): void {
  service.events.unshift({ id: uuid(), createdAt: now, message: `(service ${service.name}) ${message}` });
  if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
}

export function taskList(ids: readonly string[]): string {
  return ids.map((id) => `(task ${id})`).join(' ');
}
