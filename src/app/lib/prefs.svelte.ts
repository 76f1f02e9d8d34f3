/**
 * User preferences kept in localStorage: theme, text zoom (for projectors), pane sizes, the
 * right panel's tab and the terminal history.
 */
export type Theme = 'light' | 'dark';

interface Prefs {
  theme: Theme;
  /** Multiplier for every font size (1 = 14 px editor and terminal). */
  zoom: number;
  sidebar: number;
  right: number;
  /** Terminal height as a fraction of the centre column. */
  terminal: number;
  panel: 'database' | 'er' | 'graph' | 'lessons';
}

const KEY = 'dml-prefs-v1';

function initial(): Prefs {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const defaults: Prefs = { theme: dark ? 'dark' : 'light', zoom: 1, sidebar: 210, right: 400, terminal: 0.42, panel: 'lessons' };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
    return { ...defaults, ...saved };
  } catch {
    return defaults;
  }
}

export const prefs = $state<Prefs>(initial());

export function savePrefs(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // private mode: preferences last for this visit only
  }
}

export const ZOOM_STEPS = [0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5];

export function zoom(delta: number): void {
  if (delta === 0) prefs.zoom = 1;
  else {
    const i = ZOOM_STEPS.findIndex((z) => z >= prefs.zoom - 1e-6);
    const next = ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, (i < 0 ? 2 : i) + delta))]!;
    prefs.zoom = next;
  }
  savePrefs();
}

const HISTORY_KEY = 'dml-history-v1';

export function loadHistory(): string[] {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHistory(entries: string[]): void {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(entries.slice(-500)));
  } catch {
    // ignore
  }
}
