/**
 * Node only: lessons read from the lessons/ folder on disk (tests, the headless runner).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLesson, sortLessons } from './lesson.ts';
import type { Lesson, LessonFiles } from './types.ts';

export const LESSONS_ROOT = fileURLToPath(new URL('../../lessons', import.meta.url));

/** Every file of a lesson folder (no __pycache__, *.pyc or dot files), by relative path. */
export function readLessonFiles(dir: string): LessonFiles {
  const files: LessonFiles = new Map();
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === '__pycache__' || e.name.endsWith('.pyc') || e.name.startsWith('.')) continue;
      const a = path.join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(a, r);
      else files.set(r, fs.readFileSync(a, 'utf8'));
    }
  };
  walk(dir, '');
  return files;
}

export function loadLessonDir(dir: string): Lesson {
  return buildLesson(path.basename(path.resolve(dir)), readLessonFiles(dir));
}

/** Folders of lessons/ whose name starts with digits (`01-first-migrations`). */
export function lessonDirs(root = LESSONS_ROOT): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d+-/.test(e.name))
    .map((e) => path.join(root, e.name))
    .sort();
}

export function loadAllLessons(root = LESSONS_ROOT): Lesson[] {
  return sortLessons(lessonDirs(root).map(loadLessonDir));
}
