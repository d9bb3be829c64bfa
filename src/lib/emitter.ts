/**
 * A tiny typed event emitter. A throwing handler never breaks the engine or the other
 * handlers: the error is reported to `onHandlerError` and emission continues.
 */
type Handler = (...args: never[]) => void;

export class TypedEmitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly handlers = new Map<keyof Events, Set<Handler>>();

  constructor(private readonly onHandlerError: (event: keyof Events, error: unknown) => void = () => {}) {}

  on<E extends keyof Events>(event: E, handler: Events[E]): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      this.handlers.get(event)?.delete(handler);
    };
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as unknown as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        try {
          this.onHandlerError(event, error);
        } catch {
          // the error reporter itself failed: nothing sensible left to do
        }
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
