/**
 * The user interface in Russian: the same shape as `en` in strings.ts (the type checker makes sure
 * nothing is missing). What imitates a real tool's own output (psql's texts, bash's error lines)
 * stays as the tool prints it, like Django's output.
 */
import type { Strings } from './strings.ts';

/** 1 строка, 2 строки, 5 строк. */
function plural(n: number, one: string, few: string, many: string): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

export function ru(en: Strings): Strings {
  return {
    languageName: 'Русский',
    appTitle: 'Django Migrations Lab',
    tagline: 'Миграции Django на настоящем PostgreSQL прямо в браузере',

    status: {
      starting: 'Запуск…',
      loadingDatabase: 'Запускаю PostgreSQL…',
      creatingDatabase: 'Создаю базу данных (первый визит)…',
      openingDatabase: 'Открываю сохранённую базу данных…',
      ready: 'Готово',
      running: 'Выполняется…',
      saving: 'Сохраняю…',
      saved: 'Всё сохранено',
      bootMs: (ms: number) => `PostgreSQL запущен за ${(ms / 1000).toFixed(1).replace('.', ',')} с`,
      restarted: 'Процесс базы данных перезапущен.',
      readOnly: 'Только чтение: песочница открыта в другой вкладке.',
      upgraded:
        'PostgreSQL в браузере обновился и не может прочитать старую базу данных: она начнётся пустой (ваши файлы сохранены).',
    },

    toolbar: {
      project: 'Проект',
      sampleStore: 'Проект «магазин» (catalog + sale)',
      sampleEmpty: 'Пустой проект',
      resetDatabase: 'Сбросить базу',
      resetFiles: 'Сбросить файлы',
      exportZip: 'Скачать .zip',
      importZip: 'Загрузить .zip',
      theme: 'Тема',
      themeLight: 'Светлая тема',
      themeDark: 'Тёмная тема',
      zoomIn: 'Крупнее (Ctrl+=)',
      zoomOut: 'Мельче (Ctrl+-)',
      zoomReset: 'Обычный размер текста (Ctrl+0)',
      shortcuts: 'Сочетания клавиш',
      menu: 'Песочница',
      language: 'Язык интерфейса',
    },

    confirm: {
      switchProject: (name: string) => `Начать заново с проектом «${name}»? Ваши файлы и база данных будут заменены.`,
      resetDatabase: 'Удалить все таблицы и начать с пустой базой данных? Файлы останутся.',
      resetFiles: 'Вернуть файлы проекта к исходным? База данных останется.',
      importProject: (count: number) =>
        `Заменить ваш проект ${count} ${plural(count, 'файлом', 'файлами', 'файлами')} из архива? База данных будет сброшена.`,
    },

    files: {
      title: 'Файлы',
      newFile: 'Новый файл',
      newFilePrompt: 'Путь нового файла (например, catalog/admin.py):',
      rename: 'Переименовать',
      renamePrompt: 'Новый путь:',
      delete: 'Удалить',
      deleteConfirm: (path: string) => `Удалить ${path}?`,
      invalidPath: (path: string) => `Недопустимый путь в проекте: ${path}`,
      exists: (path: string) => `${path} уже существует.`,
    },

    editor: {
      loading: 'Загружаю редактор…',
      noFile: 'Откройте файл в дереве слева.',
      unsaved: 'Есть несохранённые изменения',
      save: 'Сохранить (Ctrl+S)',
      close: 'Закрыть',
      diff: 'Сравнить',
      diffTitle: (path: string) => `${path}: как записал makemigrations ↔ сейчас`,
      diffNone: 'Этот файл не был записан командой в этой песочнице.',
      closeDiff: 'Закрыть сравнение',
      changedOnDisk: (path: string) => `${path} изменён командой; ваши несохранённые правки сохранены в редакторе.`,
      readOnly: 'Только чтение',
    },

    terminal: {
      title: 'Терминал',
      welcome: (cmd: string) =>
        `Django Migrations Lab: Django 5.2 и PostgreSQL 18 в вашем браузере.\n` +
        `Попробуйте \x1b[1m${cmd}\x1b[0m или наберите \x1b[1mhelp\x1b[0m.\n` +
        `Миграции в новинку? Начните с первого урока на вкладке «Уроки».\n`,
      prompt: en.terminal.prompt,
      interruptedRestart:
        'Команда не остановилась, поэтому процесс базы данных перезапущен. Изменения, сделанные этой командой, не сохранены.\n',
      workerCrashed: (msg: string) => `Процесс базы данных остановился: ${msg}\n`,
      unsavedNote: (paths: string[]) => `(перед запуском сохранено: ${paths.join(', ')})\n`,
      notReady: 'База данных ещё запускается, подождите немного.\n',
      readOnly: 'Эта вкладка только для чтения: песочница открыта в другой вкладке.\n',
      copy: 'Копировать',
      paste: 'Вставить',
      clear: 'Очистить',
    },

    shell: {
      ...en.shell,
      help: `В этой песочнице проект на Django 5.2 работает с PostgreSQL прямо в браузере.

  python manage.py <команда> [параметры] выполнить команду Django
  ./manage.py …, django-admin …          то же самое
  python manage.py help                  список команд
  python manage.py help <команда>        параметры команды
  python manage.py dbshell               консоль psql для базы данных (\\q — выход)

  ls [путь]      список файлов        cat <файл>   показать файл
  rm [-r] <путь> удалить файл         clear        очистить экран
  pwd, echo      как обычно           history      введённые команды

Клавиши: Tab дополняет, ↑/↓ листают историю, Ctrl+C прерывает, Ctrl+L очищает экран.
Команды можно соединять через && и ;.
`,
      pythonOnlyManage: 'python: в этой песочнице Python запускается только как `python manage.py <команда>`.\n',
      noRedirection: 'конвейеры и перенаправления (|, >, <, &) в этой песочнице недоступны',
      cd: 'cd: в песочнице одна папка, ~/project; пути указываются относительно неё.\n',
      exit: 'Выходить некуда: этот терминал принадлежит странице.\n',
    },

    dbshell: {
      ...en.dbshell,
      copyUnsupported: 'ERROR:  COPY … FROM STDIN / TO STDOUT в песочнице недоступна\n',
      connectUnsupported: 'В песочнице одна база данных; \\connect недоступна.\n',
      shellUnsupported: '\\! в песочнице недоступна.\n',
    },

    explorer: {
      title: 'База данных',
      refresh: 'Обновить',
      empty: 'Таблиц пока нет. Выполните python manage.py migrate.',
      schemas: 'Схемы',
      tables: 'Таблицы',
      views: 'Представления',
      columns: 'Столбцы',
      indexes: 'Индексы',
      constraints: 'Ограничения',
      foreignKeys: 'Внешние ключи',
      sequences: 'Последовательности',
      rows: 'Строки',
      rowCount: (n: number | null) => (n === null ? '' : `${n} ${plural(n, 'строка', 'строки', 'строк')}`),
      definition: 'Определение',
      history: 'История миграций (django_migrations)',
      noHistory: 'Таблицы django_migrations ещё нет.',
      historyEmpty: 'Ни одна миграция ещё не применена.',
      loadMore: 'Ещё строки',
      noRows: 'Строк нет.',
      showing: (from: number, to: number, total: number) => `Строки ${from}–${to} из ${total}`,
      pk: 'первичный ключ',
      pkShort: 'PK',
      historyTag: 'история',
      identity: 'identity',
      notNull: 'not null',
      ownedBy: (c: string) => `принадлежит ${c}`,
      lastValue: (v: string | null) => (v === null ? 'ещё не использовалась' : `последнее значение ${v}`),
    },

    pictures: {
      er: 'ER-диаграмма',
      graph: 'Граф миграций',
      schema: 'Схема',
      noTables: 'В этой схеме нет таблиц.',
      noMigrations: 'Миграций пока нет. Выполните python manage.py makemigrations.',
      applied: 'применена',
      unapplied: 'не применена',
      squashed: 'объединённая (заменяет другие)',
      replaced: 'заменена объединённой миграцией',
      loading: 'Раскладываю…',
      zoomIn: 'Увеличить',
      zoomOut: 'Уменьшить',
      zoomReset: 'Исходный размер',
    },

    layout: {
      resizeFiles: 'Изменить ширину дерева файлов',
      resizeTerminal: 'Изменить высоту терминала',
      resizeRight: 'Изменить ширину панели базы данных',
      versions: en.layout.versions,
      hasErrors: 'есть ошибки',
      reload: 'Перезагрузить страницу',
    },

    panels: {
      database: 'База данных',
      er: 'ER-диаграмма',
      graph: 'Миграции',
      lessons: 'Уроки',
    },

    lock: {
      otherTab: 'Песочница уже открыта в другой вкладке этого браузера.',
      explain:
        'Базой данных может пользоваться только одна вкладка. Здесь ваши файлы видны только для чтения; закройте другую вкладку или продолжите работу здесь.',
      takeOver: 'Работать в этой вкладке',
      movedAway: 'Песочницу открыли в другой вкладке, поэтому эта вкладка теперь только для чтения.',
      noLocks: 'Этот браузер не умеет согласовывать вкладки (нет Web Locks): не открывайте песочницу дважды.',
    },

    zip: {
      tooBig: (max: string) => `Архив больше ${max}.`,
      tooManyFiles: (max: number) => `В архиве больше ${max} ${plural(max, 'файла', 'файлов', 'файлов')}.`,
      fileTooBig: (path: string, max: string) => `${path} больше ${max}.`,
      totalTooBig: (max: string) => `Вместе файлы занимают больше ${max}.`,
      badPath: (path: string) => `Недопустимый путь в архиве: ${path}`,
      notText: (path: string) => `${path} — не текстовый файл в UTF-8.`,
      badType: (path: string) => `${path}: загружать можно только исходный код и текстовые файлы.`,
      noSettings: 'В архиве нет settings.py (и нет manage.py, который называл бы модуль настроек).',
      corrupt: 'Это не настоящий .zip-файл.',
      empty: 'Архив пуст.',
      imported: (n: number) => `${plural(n, 'Загружен', 'Загружено', 'Загружено')} ${n} ${plural(n, 'файл', 'файла', 'файлов')}.`,
    },

    shortcuts: {
      title: 'Сочетания клавиш',
      items: [
        ['Ctrl/Cmd+S', 'Сохранить текущий файл'],
        ['Ctrl+`', 'Перейти в терминал'],
        ['Ctrl+E', 'Перейти в редактор'],
        ['Ctrl+= / Ctrl+- / Ctrl+0', 'Размер текста (для проектора)'],
        ['Tab (терминал)', 'Дополнить команду, параметр, приложение, миграцию'],
        ['↑ / ↓ (терминал)', 'История команд'],
        ['Ctrl+C (терминал)', 'Прервать команду или очистить строку'],
        ['Ctrl+L (терминал)', 'Очистить экран'],
        ['Ctrl+D (терминал)', 'Конец ввода (выход из dbshell)'],
      ],
      close: 'Закрыть',
    },

    errors: {
      unexpected: (msg: string) => `Что-то пошло не так: ${msg}`,
      noWorkers: 'Этот браузер не может запустить песочницу (нет Web Workers или WebAssembly).',
      storageFailed: (msg: string) => `Не удалось открыть хранилище браузера: ${msg}`,
      resetOffer: 'Сбросить песочницу',
    },
  };
}
