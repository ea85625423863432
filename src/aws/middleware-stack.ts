/** The part of an SDK client's middleware stack Shipshape adds to, typed as far as it uses it. */
export type Handler = (args: unknown) => Promise<unknown>;
export type Middleware<Context extends object = object> = (next: Handler, context: Context) => Handler;

export interface MiddlewareStack<Context extends object = object> {
  add(middleware: Middleware<Context>, options: { step: 'initialize'; name: string }): void;
  addRelativeTo(
    middleware: Middleware<Context>,
    options: { relation: 'after'; toMiddleware: string; name: string },
  ): void;
}
