// For reliability tests only (`?debug&holdEngine`): an engine endpoint whose worker starts when the
// test releases it, so a test can see what the app shows before the engine has answered anything.
import type * as Comlink from 'comlink';
import type { EngineEndpoint } from './engineClient';

type Listener = Parameters<Comlink.Endpoint['addEventListener']>[1];

/** Wrap `create`: messages and listeners wait until `released` resolves, then go to a real worker. */
export function holdEndpoint(create: () => EngineEndpoint, released: Promise<void>): () => EngineEndpoint {
  return () => {
    let real: EngineEndpoint | null = null;
    let terminated = false;
    const messages: [unknown, Transferable[] | undefined][] = [];
    const listeners: [string, Listener][] = [];
    const fatalListeners: ((message: string) => void)[] = [];
    void released.then(() => {
      if (terminated) return;
      real = create();
      for (const [type, listener] of listeners) real.endpoint.addEventListener(type, listener);
      for (const listener of fatalListeners) real.onFatal?.(listener);
      for (const [message, transfer] of messages) real.endpoint.postMessage(message, transfer);
    });
    const endpoint: Comlink.Endpoint = {
      postMessage(message, transfer) {
        if (real) real.endpoint.postMessage(message, transfer);
        else messages.push([message, transfer]);
      },
      addEventListener(type, listener) {
        if (real) real.endpoint.addEventListener(type, listener);
        else listeners.push([type, listener]);
      },
      removeEventListener(type, listener) {
        if (real) real.endpoint.removeEventListener(type, listener);
        const at = listeners.findIndex(([t, l]) => t === type && l === listener);
        if (at >= 0) listeners.splice(at, 1);
      },
    };
    return {
      endpoint,
      terminate() {
        terminated = true;
        real?.terminate();
      },
      onFatal(listener) {
        if (real?.onFatal) return real.onFatal(listener);
        fatalListeners.push(listener);
        return () => {};
      },
    };
  };
}
