/**
 * The page's LessonPageBridge: the sandbox client, the page's file state and the terminal, as the
 * lesson runtime needs them (src/lessons/worker-host.ts). Commands the terminal finishes are seen
 * through SandboxClient.observe; their output through the worker's `output` events.
 */
import type { LessonPageBridge, BridgeRequest } from '../../lessons/worker-host.ts';
import type { Request, RunResult } from '../../worker/protocol.ts';
import { app, applyEvent, getClient, terminal } from '../lib/store.svelte.ts';
import type { SandboxClient } from '../lib/worker-client.ts';

const MAX_OUTPUT = 256 * 1024;

/** Resolves once the terminal is idle and has had a moment to print its prompt. */
async function idle(): Promise<void> {
  for (let i = 0; i < 200 && app.busy; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 30));
}

export function createLessonBridge(): LessonPageBridge {
  const commandListeners = new Set<(line: string, status: number, output: string) => void>();
  const changeListeners = new Set<() => void>();
  const pending: { line: string; stdin: string[]; resolve: (r: { status: number; output: string }) => void }[] = [];
  let output = '';
  let subscribed: SandboxClient | null = null;
  let unsubscribe: (() => void)[] = [];

  const changed = () => {
    for (const l of changeListeners) l();
  };

  function subscribe(): SandboxClient | null {
    const client = getClient();
    if (!client || client === subscribed) return client;
    for (const u of unsubscribe) u();
    subscribed = client;
    unsubscribe = [
      client.on((e) => {
        if (e.type === 'output') {
          if (output.length < MAX_OUTPUT) output += e.text;
        } else if (e.type === 'files' || e.type === 'dbChanged') {
          changed();
        } else if (e.type === 'inputMode' && e.mode === 'text') {
          // a command run by "Solve step" reads its first answer: queue them all (the worker
          // keeps lines typed ahead, and tells only when the input mode changes); the worker
          // shows each answer in the terminal when the command reads it, as if typed
          const run = pending[0];
          if (run) {
            for (const answer of run.stdin.splice(0)) void client.request({ type: 'stdin', line: answer, echo: true }).catch(() => undefined);
          }
        }
      }),
      client.observe((req: Request) => {
        if (req.type === 'run') {
          output = '';
          return (value: unknown) => {
            const result = value as RunResult;
            const out = output;
            output = '';
            for (const l of commandListeners) l(req.line, result.status, out);
            const i = pending.findIndex((p) => p.line === req.line);
            if (i >= 0) {
              const run = pending.splice(i, 1)[0]!;
              // let the terminal finish the command and show its prompt before the next one is typed
              void idle().then(() => run.resolve({ status: result.status, output: out }));
            }
          };
        }
        if (req.type === 'writeFile' || req.type === 'deleteFile' || req.type === 'renameFile') return () => changed();
        return undefined;
      }),
    ];
    return client;
  }

  return {
    async request(req: BridgeRequest): Promise<unknown> {
      const client = subscribe();
      if (!client) throw new Error('the sandbox is not ready');
      return client.request(req as Request);
    },
    files: () => app.files,
    filesChanged(files) {
      applyEvent({ type: 'files', files, generated: {} });
    },
    runInTerminal(line, stdin) {
      subscribe();
      const t = terminal();
      if (!t || app.busy) return Promise.reject(new Error('the terminal is busy'));
      return new Promise((resolve) => {
        pending.push({ line, stdin: [...stdin], resolve });
        t.run(line);
      });
    },
    onTerminalCommand(listener) {
      subscribe();
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    onChange(listener) {
      subscribe();
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
