/**
 * A lesson from the files of its folder: lesson.md and its translations, the `steps` script, the
 * starting project and the solution files. Works on a file map so that Node (disk) and the browser
 * (bundled by Vite) share it.
 */
import { LessonFormatError, lessonFileLang, parseLessonText, parseScript } from './format.ts';
import type { Action, Lesson, LessonFiles, LessonProblem, LessonText } from './types.ts';
import { MANAGE_PY } from '../engine/project/manage-py.ts';

/**
 * Builds a lesson from its folder's files. Throws LessonFormatError for a file that cannot be
 * parsed; other inconsistencies (a translation missing a step, a solution file that does not exist)
 * are returned by `lessonProblems`.
 */
export function buildLesson(folder: string, files: LessonFiles): Lesson {
  const texts: Record<string, LessonText> = {};
  for (const [name, content] of files) {
    if (name.includes('/')) continue;
    const lang = lessonFileLang(name);
    if (lang) texts[lang] = parseLessonText(content, lang, `${folder}/${name}`);
  }
  const en = texts['en'];
  if (!en) throw new LessonFormatError(`${folder}/lesson.md`, undefined, 'missing');
  const stepsFile = files.get('steps');
  if (stepsFile === undefined) throw new LessonFormatError(`${folder}/steps`, undefined, 'missing');
  const script = parseScript(stepsFile, `${folder}/steps`);
  const project: Record<string, string> = {};
  for (const [name, content] of files) {
    if (name.startsWith('project/')) project[name.slice('project/'.length)] = content;
  }
  if (project['manage.py'] === undefined) project['manage.py'] = MANAGE_PY;
  return { id: en.id, folder, texts, script, project, files };
}

/** What is wrong with a lesson that parsed: translations out of step, missing files. */
export function lessonProblems(lesson: Lesson): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const add = (file: string, message: string, line?: number) =>
    problems.push({ folder: lesson.folder, file, message, ...(line !== undefined ? { line } : {}) });
  const scriptIds = lesson.script.steps.map((s) => s.id);
  for (const [lang, text] of Object.entries(lesson.texts)) {
    const file = lang === 'en' ? 'lesson.md' : `lesson.${lang}.md`;
    if (text.id !== lesson.id) add(file, `id ${text.id} differs from lesson.md's ${lesson.id}`);
    const ids = text.steps.map((s) => s.id);
    if (ids.join(' ') !== scriptIds.join(' ')) add(file, `steps [${ids.join(', ')}] differ from the script's [${scriptIds.join(', ')}]`);
    for (const s of text.steps) if (!s.title) add(file, `step ${s.id} has no title`);
  }
  if (!lesson.project['settings.py']) add('project/settings.py', 'missing');
  const checkSource = (a: Action) => {
    if ((a.kind === 'write' || a.kind === 'sqlfile') && !lesson.files.has(a.source)) add('steps', `no such file ${a.source}`, a.lineno);
  };
  lesson.script.setup.forEach(checkSource);
  for (const step of lesson.script.steps) {
    step.actions.forEach(checkSource);
    if (step.checks.length === 0) add('steps', `step ${step.id} has no checks`);
  }
  return problems;
}

/** The text of a lesson in a language, falling back to English. */
export function lessonText(lesson: Lesson, lang: string): LessonText {
  return lesson.texts[lang] ?? lesson.texts['en']!;
}

/** Orders lessons by folder name (`01-…`, `02-…`). */
export function sortLessons(lessons: Lesson[]): Lesson[] {
  return [...lessons].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/** Splits a SQL file into statements at semicolons outside quotes, comments and dollar quotes. */
export function splitSql(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      cur += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const m = /^\$[A-Za-z_]?\w*\$/.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const end = sql.indexOf(tag, i + tag.length);
        const stop = end < 0 ? sql.length : end + tag.length;
        cur += sql.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      i++;
      continue;
    }
    cur += ch;
    i++;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
