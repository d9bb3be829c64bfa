/**
 * A typed BroadcastChannel: messages between the tabs of this origin. Whatever arrives is checked
 * with `accept` first (another version of the app may share the channel). Null where the browser
 * has no BroadcastChannel: the tabs then simply do not hear each other.
 */
export interface TabChannel<T> {
  post(message: T): void;
  subscribe(handler: (message: T) => void): () => void;
  close(): void;
}

export function openTabChannel<T>(name: string, accept: (data: unknown) => data is T): TabChannel<T> | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(handler) {
      const listener = (event: MessageEvent) => {
        if (accept(event.data)) handler(event.data);
      };
      channel.addEventListener('message', listener);
      return () => channel.removeEventListener('message', listener);
    },
    close: () => channel.close(),
  };
}
