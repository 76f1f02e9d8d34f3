/**
 * The page's state: the worker client, the project files as saved in the worker, markers,
 * and counters that tell the explorer and pictures to refresh. Components read `app` reactively.
 */
import type { Diagnostic, SampleName, WorkerEvent } from '../../worker/protocol.ts';
import type { Strings } from '../i18n/strings.ts';
import type { SandboxClient } from './worker-client.ts';

export interface EditorApi {
  /** Saves every modified buffer; returns the saved paths. */
  saveAll(): Promise<string[]>;
  open(path: string): void;
  /** Files changed under the editor (by a command): reload unmodified buffers. */
  filesChanged(files: Record<string, string | null>): void;
  focus(): void;
}

export interface TerminalApi {
  focus(): void;
  /** Types and runs a command line as if the user had entered it. */
  run(line: string): void;
}

export const app = $state({
  /** The status bar's text, in whatever language the interface is in when it is shown. */
  status: ((s) => s.status.starting) as (s: Strings) => string,
  ready: false,
  /** Another tab holds the sandbox: files are shown read-only. */
  readOnly: false,
  /** This tab gave the sandbox to another tab. */
  movedAway: false,
  fatal: null as string | null,
  sample: 'store' as SampleName,
  files: {} as Record<string, string>,
  generated: {} as Record<string, string>,
  /** Markers from the last command's output (tracebacks, checks). */
  outputDiagnostics: [] as Diagnostic[],
  /** Syntax markers per file, from the parser while typing. */
  syntaxDiagnostics: {} as Record<string, Diagnostic[]>,
  /** Bumped when the database may have changed. */
  dbVersion: 0,
  /** Bumped when files changed in the worker. */
  filesVersion: 0,
  /** A command is running in the terminal. */
  busy: false,
  /** Paths open in the editor, and the active one. */
  tabs: [] as string[],
  active: null as string | null,
  dirty: {} as Record<string, boolean>,
  diffPath: null as string | null,
  showShortcuts: false,
  notice: null as string | null,
});

let client: SandboxClient | null = null;
let editorApi: EditorApi | null = null;
let terminalApi: TerminalApi | null = null;

export function setClient(c: SandboxClient | null): void {
  client = c;
}

export function getClient(): SandboxClient | null {
  return client;
}

export function registerEditor(api: EditorApi | null): void {
  editorApi = api;
}

export function editor(): EditorApi | null {
  return editorApi;
}

export function registerTerminal(api: TerminalApi | null): void {
  terminalApi = api;
}

export function terminal(): TerminalApi | null {
  return terminalApi;
}

let dbTimer: ReturnType<typeof setTimeout> | null = null;

/** Applies an event from the worker to the page state. */
export function applyEvent(e: WorkerEvent): void {
  switch (e.type) {
    case 'files': {
      const files = { ...app.files };
      for (const [k, v] of Object.entries(e.files)) {
        if (v === null) delete files[k];
        else files[k] = v;
      }
      app.files = files;
      const generated = { ...app.generated };
      for (const [k, v] of Object.entries(e.generated)) {
        if (v === null) delete generated[k];
        else generated[k] = v;
      }
      app.generated = generated;
      app.filesVersion++;
      editorApi?.filesChanged(e.files);
      break;
    }
    case 'dbChanged':
      // several statements in a row (dbshell) refresh once
      if (dbTimer) clearTimeout(dbTimer);
      dbTimer = setTimeout(() => {
        dbTimer = null;
        app.dbVersion++;
      }, 60);
      break;
    case 'status':
      app.status = () => e.text;
      break;
    case 'fatal':
      app.fatal = e.message;
      break;
    default:
      break;
  }
}

export function notify(text: string): void {
  app.notice = text;
  setTimeout(() => {
    if (app.notice === text) app.notice = null;
  }, 6000);
}
