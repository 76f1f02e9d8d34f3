/**
 * The interface language: the learner's choice (kept in localStorage, first taken from the
 * browser's language), and a reactive copy of the active strings for Svelte components, so that
 * switching the language redraws the page in place. The lesson pane follows the same language.
 */
import { localeFor, LOCALES, setLocale, type Strings } from './strings.ts';

const KEY = 'dml.lang';
/** Where the lesson pane kept the language before it was the whole interface's. */
const OLD_KEY = 'dml.lessons.lang';

function initialLanguage(): string {
  try {
    const saved = localStorage.getItem(KEY) ?? localStorage.getItem(OLD_KEY);
    if (saved) return saved;
  } catch {
    // private mode
  }
  const nav = typeof navigator !== 'undefined' ? (navigator.language ?? 'en') : 'en';
  const code = nav.slice(0, 2).toLowerCase();
  return code in LOCALES ? code : 'en';
}

export const language = $state({ code: initialLanguage() });
setLocale(language.code);

/** The active strings; components read `S.section.key` and redraw when the language changes. */
export const S: Strings = $state({ ...localeFor(language.code) });

const listeners = new Set<(code: string) => void>();

/** Called with the new code whenever the language changes (the worker's copy follows it). */
export function onLanguage(fn: (code: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setLanguage(code: string): void {
  if (code === language.code) return;
  language.code = code;
  setLocale(code);
  Object.assign(S, localeFor(code));
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // private mode: the choice lasts for this visit
  }
  for (const fn of listeners) fn(code);
}
