/**
 * The lesson pane's own strings (buttons, check descriptions), in English and Russian. Strings are
 * templates with `{name}` placeholders, so that a locale is plain data: more languages can be
 * added as lessons/i18n/<lang>.json (the keys of `en`; a missing key falls back to English).
 */
import type { Check } from './types.ts';

export const en = {
  'course.title': 'Course',
  'course.subtitle': 'Django migrations on PostgreSQL, step by step',
  'course.progress': '{done} of {total} steps',
  'course.start': 'Start',
  'course.continue': 'Continue',
  'course.review': 'Review',
  'course.done': 'Completed',
  'course.lesson': 'Lesson {n}',
  'course.forget': 'Forget my progress',
  'course.forgetConfirm': 'Forget the progress and saved files of every lesson?',

  'lesson.back': 'Course',
  'lesson.step': 'Step {n} of {total}',
  'lesson.steps': 'Steps',
  'lesson.hint': 'Hint',
  'lesson.hintN': 'Hint {n}',
  'lesson.showHint': 'Show a hint',
  'lesson.hideHint': 'Hide the hint',
  'lesson.showSolution': 'Show solution',
  'lesson.hideSolution': 'Hide solution',
  'lesson.solve': 'Solve step',
  'lesson.solving': 'Solving…',
  'lesson.reset': 'Reset lesson',
  'lesson.resetConfirm': 'Put the lesson back at its start? Your files and the database return to how the lesson began.',
  'lesson.resetDone': 'Lesson reset in {ms} ms.',
  'lesson.startConfirm': 'Start “{title}”? The lesson replaces the project’s files and the database with its own (your work in other lessons is kept).',
  'lesson.starting': 'Preparing the lesson…',
  'lesson.checking': 'Checking…',
  'lesson.checks': 'What is checked',
  'lesson.current': 'Current step',
  'lesson.done': 'Done',
  'lesson.solved': 'Solved with “Solve step”',
  'lesson.todo': 'To do',
  'lesson.complete': 'Lesson complete. Well done!',
  'lesson.next': 'Next lesson',
  'lesson.prevStep': 'Previous step',
  'lesson.nextStep': 'Next step',
  'lesson.presenter': 'Presenter mode',
  'lesson.exitPresenter': 'Leave presenter mode',
  'lesson.language': 'Language',
  'lesson.link': 'Link to this step',
  'lesson.linkCopied': 'Link copied',
  'lesson.error': 'The lesson could not start: {message}',
  'lesson.notFound': 'No lesson “{id}”.',

  'code.copy': 'Copy',
  'code.copied': 'Copied',
  'code.run': 'Run in terminal',
  'code.editor': 'Put in {path}',

  'solution.title': 'Solution of this step',
  'solution.files': 'Files',
  'solution.commands': 'Commands',
  'solution.answers': 'answers: {answers}',
  'solution.sql': 'SQL (in python manage.py dbshell)',
  'solution.removed': 'Delete {path}',
  'solution.newFile': '{path} (new file)',
  'solution.same': '{path}: your file is already like this',
  'solution.nothing': 'Nothing to change: run the checks again.',

  'check.file': 'File {glob} exists',
  'check.nofile': 'No file {glob}',
  'check.contains': '{glob} contains {text}',
  'check.lacks': '{glob} no longer contains {text}',
  'check.operations': '{glob} has the operations {ops}',
  'check.operationsNone': '{glob} has no operations',
  'check.depends': '{glob} depends on {app}.{name}',
  'check.applied': 'Migration {app}.{name} is applied',
  'check.appliedAny': 'App {app} has applied migrations',
  'check.unapplied': 'Migration {app}.{name} is not applied',
  'check.unappliedAny': 'No migration of {app} is applied',
  'check.sql': 'The database answers as expected: {sql}',
  'check.ran': 'You ran {command}',
  'check.failed': 'You ran {command} and it failed',
  'check.probe': '{command} succeeds',
  'check.probefails': '{command} reports a problem',
  'check.output': 'with the output {output}',

  'lint.title': 'Migration lint',
  'lint.pick': 'Check a migration for operations that lock or rewrite a table',
  'lint.run': 'Lint',
  'lint.clean': 'Nothing risky found in {migration}.',
  'lint.failed': 'sqlmigrate failed: {message}',
  'lint.type': 'Changes a column type: PostgreSQL may rewrite the whole table and its indexes under an ACCESS EXCLUSIVE lock (reads and writes wait).',
  'lint.notNull': 'SET NOT NULL reads every row under an ACCESS EXCLUSIVE lock. On PostgreSQL 12+ a validated CHECK (… IS NOT NULL) constraint lets it skip the scan.',
  'lint.index': 'CREATE INDEX blocks writes until the index is built. CREATE INDEX CONCURRENTLY does not (in a migration with atomic = False).',
  'lint.fk': 'Adding a foreign key checks every row and locks both tables against writes. NOT VALID plus VALIDATE CONSTRAINT splits the work.',
  'lint.constraint': 'Adding this constraint takes an ACCESS EXCLUSIVE lock while it checks the rows or builds its index.',
  'lint.update': 'Updates rows inside the migration\'s transaction: every row touched stays locked until the migration ends.',
  'lint.drop': 'Drops data: unapplying the migration brings the structure back, not the data.',
  'lint.rename': 'Renames: code still using the old name fails as soon as this runs.',
  'lint.addNotNull': 'Adds a NOT NULL column with a default: instant on PostgreSQL 11+ for a constant default.',
};

export type LessonStringKey = keyof typeof en;
export type LessonStrings = Record<LessonStringKey, string>;

export const ru: LessonStrings = {
  'course.title': 'Курс',
  'course.subtitle': 'Миграции Django на PostgreSQL, шаг за шагом',
  'course.progress': '{done} из {total} шагов',
  'course.start': 'Начать',
  'course.continue': 'Продолжить',
  'course.review': 'Повторить',
  'course.done': 'Пройден',
  'course.lesson': 'Урок {n}',
  'course.forget': 'Забыть мой прогресс',
  'course.forgetConfirm': 'Забыть прогресс и сохранённые файлы всех уроков?',

  'lesson.back': 'Курс',
  'lesson.step': 'Шаг {n} из {total}',
  'lesson.steps': 'Шаги',
  'lesson.hint': 'Подсказка',
  'lesson.hintN': 'Подсказка {n}',
  'lesson.showHint': 'Показать подсказку',
  'lesson.hideHint': 'Скрыть подсказку',
  'lesson.showSolution': 'Показать решение',
  'lesson.hideSolution': 'Скрыть решение',
  'lesson.solve': 'Решить шаг',
  'lesson.solving': 'Решаю…',
  'lesson.reset': 'Сбросить урок',
  'lesson.resetConfirm': 'Вернуть урок к началу? Ваши файлы и база данных станут такими, какими были в начале урока.',
  'lesson.resetDone': 'Урок начат заново за {ms} мс.',
  'lesson.startConfirm': 'Начать урок «{title}»? Урок заменит файлы проекта и базу данных своими (ваша работа в других уроках сохранится).',
  'lesson.starting': 'Готовлю урок…',
  'lesson.checking': 'Проверяю…',
  'lesson.checks': 'Что проверяется',
  'lesson.current': 'Текущий шаг',
  'lesson.done': 'Готово',
  'lesson.solved': 'Решено кнопкой «Решить шаг»',
  'lesson.todo': 'Впереди',
  'lesson.complete': 'Урок пройден. Отлично!',
  'lesson.next': 'Следующий урок',
  'lesson.prevStep': 'Предыдущий шаг',
  'lesson.nextStep': 'Следующий шаг',
  'lesson.presenter': 'Режим презентации',
  'lesson.exitPresenter': 'Выйти из режима презентации',
  'lesson.language': 'Язык',
  'lesson.link': 'Ссылка на этот шаг',
  'lesson.linkCopied': 'Ссылка скопирована',
  'lesson.error': 'Урок не запустился: {message}',
  'lesson.notFound': 'Урока «{id}» нет.',

  'code.copy': 'Копировать',
  'code.copied': 'Скопировано',
  'code.run': 'Выполнить в терминале',
  'code.editor': 'Вставить в {path}',

  'solution.title': 'Решение этого шага',
  'solution.files': 'Файлы',
  'solution.commands': 'Команды',
  'solution.answers': 'ответы: {answers}',
  'solution.sql': 'SQL (в python manage.py dbshell)',
  'solution.removed': 'Удалить {path}',
  'solution.newFile': '{path} (новый файл)',
  'solution.same': '{path}: ваш файл уже такой',
  'solution.nothing': 'Менять нечего: запустите проверки ещё раз.',

  'check.file': 'Файл {glob} существует',
  'check.nofile': 'Файла {glob} нет',
  'check.contains': 'В {glob} есть {text}',
  'check.lacks': 'В {glob} больше нет {text}',
  'check.operations': 'Операции в {glob}: {ops}',
  'check.operationsNone': 'В {glob} нет операций',
  'check.depends': '{glob} зависит от {app}.{name}',
  'check.applied': 'Миграция {app}.{name} применена',
  'check.appliedAny': 'У приложения {app} есть применённые миграции',
  'check.unapplied': 'Миграция {app}.{name} не применена',
  'check.unappliedAny': 'Ни одна миграция {app} не применена',
  'check.sql': 'База отвечает как нужно: {sql}',
  'check.ran': 'Вы выполнили {command}',
  'check.failed': 'Вы выполнили {command}, и она завершилась ошибкой',
  'check.probe': '{command} проходит успешно',
  'check.probefails': '{command} сообщает о проблеме',
  'check.output': 'с выводом {output}',

  'lint.title': 'Проверка миграции',
  'lint.pick': 'Найти в миграции операции, которые блокируют или переписывают таблицу',
  'lint.run': 'Проверить',
  'lint.clean': 'В {migration} ничего рискованного не найдено.',
  'lint.failed': 'sqlmigrate не выполнился: {message}',
  'lint.type': 'Меняет тип столбца: PostgreSQL может переписать всю таблицу и её индексы под блокировкой ACCESS EXCLUSIVE (чтение и запись ждут).',
  'lint.notNull': 'SET NOT NULL читает каждую строку под блокировкой ACCESS EXCLUSIVE. В PostgreSQL 12+ проверенное ограничение CHECK (… IS NOT NULL) позволяет обойтись без этого.',
  'lint.index': 'CREATE INDEX блокирует запись, пока индекс не построен. CREATE INDEX CONCURRENTLY не блокирует (в миграции с atomic = False).',
  'lint.fk': 'Добавление внешнего ключа проверяет каждую строку и блокирует запись в обе таблицы. NOT VALID и затем VALIDATE CONSTRAINT разделяют работу.',
  'lint.constraint': 'Добавление этого ограничения берёт блокировку ACCESS EXCLUSIVE, пока проверяются строки или строится индекс.',
  'lint.update': 'Обновляет строки внутри транзакции миграции: каждая тронутая строка заблокирована до конца миграции.',
  'lint.drop': 'Удаляет данные: откат миграции вернёт структуру, но не данные.',
  'lint.rename': 'Переименование: код, который ещё пользуется старым именем, сломается сразу после выполнения.',
  'lint.addNotNull': 'Добавляет столбец NOT NULL со значением по умолчанию: в PostgreSQL 11+ мгновенно, если значение постоянное.',
};

/** Names of the languages, in their own language (for the switch). */
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Русский' };

const locales: Record<string, Partial<LessonStrings>> = { en, ru };

/** Adds or extends a locale from data (lessons/i18n/<lang>.json); unknown keys are ignored. */
export function registerLocale(lang: string, strings: Record<string, unknown>, name?: string): void {
  const clean: Partial<LessonStrings> = {};
  for (const [k, v] of Object.entries(strings)) {
    if (k in en && typeof v === 'string') clean[k as LessonStringKey] = v;
  }
  locales[lang] = { ...(locales[lang] ?? {}), ...clean };
  if (name) LANGUAGE_NAMES[lang] = name;
  else if (typeof strings['language.name'] === 'string') LANGUAGE_NAMES[lang] = strings['language.name'] as string;
}

export function availableLocales(): string[] {
  return Object.keys(locales);
}

/** The string for a key in a language, with `{name}` placeholders filled. */
export function t(lang: string, key: LessonStringKey, vars: Record<string, string | number> = {}): string {
  const s = locales[lang]?.[key] ?? en[key];
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A translator bound to a language. */
export function translator(lang: string): (key: LessonStringKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => t(lang, key, vars);
}

function code(s: string): string {
  return `\`${s}\``;
}

/** A check in words, for the list under a step (Markdown: inline code for names). */
export function describeCheck(lang: string, c: Check): string {
  const base = (): string => {
    switch (c.kind) {
      case 'file':
      case 'nofile':
        return t(lang, `check.${c.kind}`, { glob: code(c.glob!) });
      case 'contains':
      case 'lacks':
        return t(lang, `check.${c.kind}`, { glob: code(c.glob!), text: code(c.text!) });
      case 'operations':
        return c.ops!.length
          ? t(lang, 'check.operations', { glob: code(c.glob!), ops: c.ops!.map(code).join(', ') })
          : t(lang, 'check.operationsNone', { glob: code(c.glob!) });
      case 'depends':
        return t(lang, 'check.depends', { glob: code(c.glob!), app: c.app!, name: c.name! });
      case 'applied':
      case 'unapplied':
        return c.name
          ? t(lang, `check.${c.kind}`, { app: c.app!, name: c.name })
          : t(lang, `check.${c.kind}Any`, { app: code(c.app!) });
      case 'sql':
        return t(lang, 'check.sql', { sql: code(c.sql!) });
      case 'ran':
      case 'failed':
      case 'probe':
      case 'probefails':
        return t(lang, `check.${c.kind}`, { command: code(['python', 'manage.py', ...c.words!].join(' ')) });
    }
  };
  const text = base();
  if (c.output?.length) return `${text} ${t(lang, 'check.output', { output: c.output.map(code).join(' … ') })}`;
  return text;
}
