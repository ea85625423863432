/**
 * How containers started from an image behave, set through the control
 * endpoint: `crash` makes its tasks exit soon after start, `unhealthy` makes
 * them fail load balancer health checks, `healthy` is the default.
 */
export type ImageBehaviour = 'healthy' | 'crash' | 'unhealthy';

export class ImageBehaviours {
  readonly #byImage = new Map<string, ImageBehaviour>();

  set(image: string, behaviour: ImageBehaviour): void {
    if (behaviour === 'healthy') this.#byImage.delete(image);
    else this.#byImage.set(image, behaviour);
  }

  of(image: string): ImageBehaviour {
    return this.#byImage.get(image) ?? 'healthy';
  }

  entries(): Array<[string, ImageBehaviour]> {
    return [...this.#byImage.entries()];
  }

  reset(): void {
    this.#byImage.clear();
  }
}
