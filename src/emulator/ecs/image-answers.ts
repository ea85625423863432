import type { StateKey } from '../core/world.ts';

/**
 * What the tasks of an image answer to HTTP requests that a load balancer forwards to them, set
 * through POST /_emulator/ecs/image-behaviour {image, httpStatus?, httpBody?}. An unset member
 * keeps the default answer's: status 200, a JSON body naming the image, task and target group.
 */
export interface ImageHttpAnswer {
  readonly status: number | undefined;
  readonly body: string | undefined;
}

export const IMAGE_ANSWERS: StateKey<Map<string, ImageHttpAnswer>> = {
  name: 'ecs-image-answers',
  create: () => new Map(),
};
