/**
 * The lessons as the browser gets them: every file of lessons/ bundled by Vite (raw text). Import
 * this module dynamically (`await import('…/bundle.ts')`) so the lessons form their own chunk,
 * loaded when the lesson pane opens (~55 kB gzipped).
 */
import { registerLocale } from './i18n.ts';
import { buildLesson, sortLessons } from './lesson.ts';
import type { Lesson, LessonFiles, LessonProblem } from './types.ts';

const raw = import.meta.glob('/lessons/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Groups bundled files by lesson folder (`/lessons/01-first-migrations/steps` → folder, path). */
export function groupLessonFiles(files: Record<string, string>): Map<string, LessonFiles> {
  const byFolder = new Map<string, LessonFiles>();
  for (const [abs, content] of Object.entries(files)) {
    const m = /^\/lessons\/(\d+-[^/]+)\/(.+)$/.exec(abs);
    if (!m) continue;
    const [, folder, rel] = m as unknown as [string, string, string];
    if (rel.split('/').some((seg) => seg === '__pycache__' || seg.startsWith('.'))) continue;
    let f = byFolder.get(folder);
    if (!f) byFolder.set(folder, (f = new Map()));
    f.set(rel, content);
  }
  return byFolder;
}

/** Extra UI languages: lessons/i18n/<lang>.json. */
function registerBundledLocales(files: Record<string, string>): void {
  for (const [abs, content] of Object.entries(files)) {
    const m = /^\/lessons\/i18n\/([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.json$/.exec(abs);
    if (!m) continue;
    try {
      registerLocale(m[1]!, JSON.parse(content) as Record<string, unknown>);
    } catch {
      // a broken locale file leaves English in place
    }
  }
}

let cache: { lessons: Lesson[]; problems: LessonProblem[] } | null = null;

/** Every bundled lesson, in order; lessons that do not parse are reported, not thrown. */
export function bundledLessons(): { lessons: Lesson[]; problems: LessonProblem[] } {
  if (cache) return cache;
  registerBundledLocales(raw);
  const lessons: Lesson[] = [];
  const problems: LessonProblem[] = [];
  for (const [folder, files] of groupLessonFiles(raw)) {
    try {
      lessons.push(buildLesson(folder, files));
    } catch (e) {
      problems.push({ folder, file: '', message: e instanceof Error ? e.message : String(e) });
    }
  }
  cache = { lessons: sortLessons(lessons), problems };
  return cache;
}
