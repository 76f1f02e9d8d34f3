/**
 * Every string the user interface shows, in one place: a locale is an object of the same shape as
 * `en` (functions where a string takes values); Russian is in ru.ts. `S` is the active locale for
 * code that reads it when it runs (the worker, the terminal); Svelte components read the reactive
 * copy in locale.svelte.ts, which also keeps the learner's choice. Output of Django and psql
 * themselves is not here: it is the engine's and stays in English like the real tools.
 */

import { ru } from './ru.ts';

const en = {
  /** The language's own name, for the language switch. */
  languageName: 'English',
  appTitle: 'Django Migrations Lab',
  tagline: 'Django migrations on a real PostgreSQL, in your browser',

  status: {
    starting: 'Starting…',
    loadingDatabase: 'Starting PostgreSQL…',
    creatingDatabase: 'Creating the database (first visit)…',
    openingDatabase: 'Opening your saved database…',
    ready: 'Ready',
    running: 'Running…',
    saving: 'Saving…',
    saved: 'All changes saved',
    bootMs: (ms: number) => `PostgreSQL ready in ${(ms / 1000).toFixed(1)} s`,
    restarted: 'The database worker was restarted.',
    readOnly: 'Read-only: the sandbox is open in another tab.',
    upgraded: 'The in-browser PostgreSQL was updated and cannot read the old database: it starts empty (your files are kept).',
  },

  toolbar: {
    project: 'Project',
    sampleStore: 'Store project (catalog + sale)',
    sampleEmpty: 'Empty project',
    resetDatabase: 'Reset database',
    resetFiles: 'Reset files',
    exportZip: 'Export .zip',
    importZip: 'Import .zip',
    theme: 'Theme',
    themeLight: 'Light theme',
    themeDark: 'Dark theme',
    zoomIn: 'Larger text (Ctrl+=)',
    zoomOut: 'Smaller text (Ctrl+-)',
    zoomReset: 'Reset text size (Ctrl+0)',
    shortcuts: 'Keyboard shortcuts',
    menu: 'Sandbox',
    language: 'Language of the interface',
  },

  confirm: {
    switchProject: (name: string) =>
      `Start over with the ${name}? Your files and database will be replaced.`,
    resetDatabase: 'Drop every table and start with an empty database? Your files stay.',
    resetFiles: 'Put the project files back as they were at the start? The database stays.',
    importProject: (count: number) => `Replace your project with the ${count} files of this archive? The database will be reset.`,
  },

  files: {
    title: 'Files',
    newFile: 'New file',
    newFilePrompt: 'Path of the new file (e.g. catalog/admin.py):',
    rename: 'Rename',
    renamePrompt: 'New path:',
    delete: 'Delete',
    deleteConfirm: (path: string) => `Delete ${path}?`,
    invalidPath: (path: string) => `Not a valid project path: ${path}`,
    exists: (path: string) => `${path} already exists.`,
  },

  editor: {
    loading: 'Loading the editor…',
    noFile: 'Open a file from the tree on the left.',
    unsaved: 'Unsaved changes',
    save: 'Save (Ctrl+S)',
    close: 'Close',
    diff: 'Diff',
    diffTitle: (path: string) => `${path}: as makemigrations wrote it ↔ now`,
    diffNone: 'This file was not written by a command in this sandbox.',
    closeDiff: 'Close diff',
    changedOnDisk: (path: string) => `${path} was changed by a command; your unsaved edits were kept.`,
    readOnly: 'Read-only',
  },

  terminal: {
    title: 'Terminal',
    welcome: (cmd: string) =>
      `Django Migrations Lab: Django 5.2 on PostgreSQL 18, in your browser.\n` +
      `Try \x1b[1m${cmd}\x1b[0m, or type \x1b[1mhelp\x1b[0m.\n` +
      `New to migrations? Start lesson 1 in the Lessons tab.\n`,
    prompt: '\x1b[32mlearner@sandbox\x1b[0m:\x1b[34m~/project\x1b[0m$ ',
    interruptedRestart:
      'The command did not stop, so the database worker was restarted. Changes made by this command were not saved.\n',
    workerCrashed: (msg: string) => `The database worker stopped: ${msg}\n`,
    unsavedNote: (paths: string[]) => `(saved ${paths.join(', ')} before running)\n`,
    notReady: 'The database is still starting; please wait a moment.\n',
    readOnly: 'This tab is read-only: the sandbox is open in another tab.\n',
    copy: 'Copy',
    paste: 'Paste',
    clear: 'Clear',
  },

  shell: {
    help: `This sandbox runs a Django 5.2 project on PostgreSQL in your browser.

  python manage.py <command> [options]   run a Django management command
  ./manage.py …, django-admin …          the same
  python manage.py help                  list the available commands
  python manage.py help <command>        a command's options
  python manage.py dbshell               a psql prompt on the database (\\q to leave)

  ls [path]      list files           cat <file>   show a file
  rm [-r] <path> delete a file        clear        clear the screen
  pwd, echo      as usual             history      commands you typed

Keys: Tab completes, ↑/↓ browse history, Ctrl+C interrupts, Ctrl+L clears.
Commands can be chained with && and ;.
`,
    commandNotFound: (name: string) => `${name}: command not found\n`,
    pythonOnlyManage: 'python: in this sandbox, Python runs only as `python manage.py <command>`.\n',
    noRedirection: 'pipes and redirections (|, >, <, &) are not available in this sandbox',
    unmatchedQuote: (q: string) => `unexpected EOF while looking for matching \`${q}'`,
    syntaxError: (tok: string) => `syntax error near unexpected token \`${tok}'`,
    lsMissing: (p: string) => `ls: cannot access '${p}': No such file or directory\n`,
    catMissing: (p: string) => `cat: ${p}: No such file or directory\n`,
    catIsDir: (p: string) => `cat: ${p}: Is a directory\n`,
    rmUsage: 'rm: missing operand\n',
    rmMissing: (p: string) => `rm: cannot remove '${p}': No such file or directory\n`,
    rmIsDir: (p: string) => `rm: cannot remove '${p}': Is a directory\n`,
    rmRefused: (p: string) => `rm: refusing to remove '${p}'\n`,
    cd: 'cd: the sandbox has a single folder, ~/project; paths are relative to it.\n',
    exit: 'There is nothing to exit: this terminal belongs to the page.\n',
    noDjangoAdminSettings: '',
  },

  dbshell: {
    intro: `You are using psql, the command-line interface to PostgreSQL.
Type:  \\? for help with psql commands
       \\q to quit
`,
    help: `General
  \\q                     quit psql
  \\g                     execute query buffer
  \\r                     reset (clear) the query buffer
  \\p                     show the contents of the query buffer
  \\x [on|off]            toggle expanded output
  \\timing [on|off]       toggle timing of commands
  \\conninfo              display information about current connection

Informational
  (options: S = show system objects, + = additional detail)
  \\d[+]      [NAME]      list tables, views, and sequences, or describe table, view, sequence or index
  \\dt[+]     [PATTERN]   list tables
  \\di[+]     [PATTERN]   list indexes
  \\ds[+]     [PATTERN]   list sequences
  \\dv[+]     [PATTERN]   list views
  \\dn[+]     [PATTERN]   list schemas
  \\l                     list databases

`,
    copyUnsupported: 'ERROR:  COPY … FROM STDIN / TO STDOUT is not available in the sandbox\n',
    connectUnsupported: 'The sandbox has a single database; \\connect is not available.\n',
    shellUnsupported: '\\! is not available in the sandbox.\n',
  },

  explorer: {
    title: 'Database',
    refresh: 'Refresh',
    empty: 'No tables yet. Run python manage.py migrate.',
    schemas: 'Schemas',
    tables: 'Tables',
    views: 'Views',
    columns: 'Columns',
    indexes: 'Indexes',
    constraints: 'Constraints',
    foreignKeys: 'Foreign keys',
    sequences: 'Sequences',
    rows: 'Rows',
    rowCount: (n: number | null) => (n === null ? '' : n === 1 ? '1 row' : `${n} rows`),
    definition: 'Definition',
    history: 'Migration history (django_migrations)',
    noHistory: 'django_migrations does not exist yet.',
    historyEmpty: 'No migration applied yet.',
    loadMore: 'More rows',
    noRows: 'No rows.',
    showing: (from: number, to: number, total: number) => `Rows ${from}–${to} of ${total}`,
    pk: 'primary key',
    pkShort: 'PK',
    historyTag: 'history',
    identity: 'identity',
    notNull: 'not null',
    ownedBy: (c: string) => `owned by ${c}`,
    lastValue: (v: string | null) => (v === null ? 'not used yet' : `last value ${v}`),
  },

  pictures: {
    er: 'ER diagram',
    graph: 'Migration graph',
    schema: 'Schema',
    noTables: 'No tables in this schema.',
    noMigrations: 'No migrations yet. Run python manage.py makemigrations.',
    applied: 'applied',
    unapplied: 'not applied',
    squashed: 'squashed (replaces others)',
    replaced: 'replaced by a squashed migration',
    loading: 'Laying out…',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomReset: 'Actual size',
  },

  layout: {
    resizeFiles: 'Resize the file tree',
    resizeTerminal: 'Resize the terminal',
    resizeRight: 'Resize the database panel',
    versions: 'Django 5.2 · PostgreSQL 18 (PGlite)',
    hasErrors: 'has errors',
    reload: 'Reload the page',
  },

  panels: {
    database: 'Database',
    er: 'ER diagram',
    graph: 'Migrations',
    lessons: 'Lessons',
  },

  lock: {
    otherTab: 'The sandbox is already open in another tab of this browser.',
    explain:
      'Only one tab at a time can run the database. This tab shows your files read-only; close the other tab or take over here.',
    takeOver: 'Use the sandbox in this tab',
    movedAway: 'The sandbox was opened in another tab, so this tab became read-only.',
    noLocks: 'This browser cannot coordinate tabs (no Web Locks); avoid opening the sandbox twice.',
  },

  zip: {
    tooBig: (max: string) => `The archive is larger than ${max}.`,
    tooManyFiles: (max: number) => `The archive has more than ${max} files.`,
    fileTooBig: (path: string, max: string) => `${path} is larger than ${max}.`,
    totalTooBig: (max: string) => `The files add up to more than ${max}.`,
    badPath: (path: string) => `Refused path in the archive: ${path}`,
    notText: (path: string) => `${path} is not a UTF-8 text file.`,
    badType: (path: string) => `${path}: only source and text files can be imported.`,
    noSettings: 'The archive has no settings.py (nor manage.py naming a settings module).',
    corrupt: 'This is not a valid .zip file.',
    empty: 'The archive is empty.',
    imported: (n: number) => `Imported ${n} files.`,
  },

  shortcuts: {
    title: 'Keyboard shortcuts',
    items: [
      ['Ctrl/Cmd+S', 'Save the current file'],
      ['Ctrl+`', 'Focus the terminal'],
      ['Ctrl+E', 'Focus the editor'],
      ['Ctrl+= / Ctrl+- / Ctrl+0', 'Text size (for projectors)'],
      ['Tab (terminal)', 'Complete commands, options, apps, migrations'],
      ['↑ / ↓ (terminal)', 'Command history'],
      ['Ctrl+C (terminal)', 'Interrupt the command or clear the line'],
      ['Ctrl+L (terminal)', 'Clear the screen'],
      ['Ctrl+D (terminal)', 'End of input (leaves dbshell)'],
    ] as [string, string][],
    close: 'Close',
  },

  errors: {
    unexpected: (msg: string) => `Something went wrong: ${msg}`,
    noWorkers: 'This browser cannot run the sandbox (no Web Workers or WebAssembly).',
    storageFailed: (msg: string) => `Could not open the browser storage: ${msg}`,
    resetOffer: 'Reset the sandbox',
  },
};

export type Strings = typeof en;

/** The interface's languages (lessons may come in more: the lesson pane falls back to English). */
export const LOCALES: Record<string, Strings> = { en, ru: ru(en) };

/** The active locale's strings (for code that reads them when it runs; Svelte components use locale.svelte.ts). */
export let S: Strings = en;

/** The language code the interface falls back to when there is no translation for `code`. */
export function localeFor(code: string): Strings {
  return LOCALES[code] ?? en;
}

export function setLocale(code: string): void {
  S = localeFor(code);
}
