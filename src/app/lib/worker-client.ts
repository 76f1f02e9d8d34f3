/**
 * The page's side of the worker protocol: typed requests with promises, event subscription,
 * and a restart for when the worker is stuck in a long synchronous command.
 */
import type { Request, RequestMessage, ResponseMap, WorkerEvent, WorkerMessage } from '../../worker/protocol.ts';
import { isEvent } from '../../worker/protocol.ts';

type Listener = (e: WorkerEvent) => void;
/** Sees a request when it is sent; the function it returns (if any) gets the answer. */
export type RequestObserver = (req: Request) => ((value: unknown) => void) | undefined;

export class SandboxClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<Listener>();
  private observers = new Set<RequestObserver>();

  constructor(private readonly factory: () => Worker) {
    this.worker = this.start();
  }

  private start(): Worker {
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (isEvent(m)) {
        for (const l of this.listeners) l(m.event);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    };
    w.onerror = (ev) => {
      const msg = ev.message || 'worker error';
      for (const l of this.listeners) l({ type: 'fatal', message: msg });
      this.failAll(msg);
    };
    return w;
  }

  private failAll(msg: string): void {
    for (const p of this.pending.values()) p.reject(new Error(msg));
    this.pending.clear();
  }

  request<T extends Request['type']>(req: Extract<Request, { type: T }>): Promise<ResponseMap[T]> {
    const id = this.nextId++;
    const done = [...this.observers].map((o) => o(req)).filter((d) => d !== undefined);
    return new Promise<ResponseMap[T]>((resolve, reject) => {
      const answer = (v: unknown) => {
        for (const d of done) d(v);
        resolve(v as ResponseMap[T]);
      };
      this.pending.set(id, { resolve: answer, reject });
      this.worker.postMessage({ id, req } satisfies RequestMessage);
    });
  }

  /** Observes every request (the lesson pane sees the commands the terminal runs). */
  observe(observer: RequestObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Kills the worker (pending requests fail) and starts a new one. */
  restart(): void {
    this.worker.terminate();
    this.failAll('the worker was restarted');
    this.worker = this.start();
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll('the worker was stopped');
  }
}

export function createSandboxClient(): SandboxClient {
  return new SandboxClient(() => new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module', name: 'sandbox' }));
}
