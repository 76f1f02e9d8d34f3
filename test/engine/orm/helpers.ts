/**
 * A small project on a real PGlite for ORM tests: `manage(argv, stdin)` runs a command and
 * returns what it printed; `sql` records the statements the ORM sent.
 */
import { runManage, type CommandIO } from '../../../src/engine/api.ts';
import { resetDatabase, type PGliteConnection } from '../../../src/engine/db/connection.ts';
import { frozenEnv } from '../../../src/engine/env.ts';
import { MemoryFS } from '../../../src/engine/project/fs.ts';
import { freshPGlite } from '../../../src/parity/fresh-db.ts';

export const SETTINGS = `
INSTALLED_APPS = ["shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
`;

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

export class TestProject {
  readonly fs: MemoryFS;
  constructor(
    readonly conn: PGliteConnection,
    models: string,
    extra: Record<string, string> = {},
  ) {
    this.fs = new MemoryFS({
      'settings.py': SETTINGS,
      'shop/__init__.py': '',
      'shop/migrations/__init__.py': '',
      'shop/models.py': models,
      ...extra,
    });
  }

  /** Runs `manage.py <argv>`; `stdin` lines are typed at a terminal when `tty`, else piped. */
  async manage(argv: string[], stdin: string[] = [], tty = false): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const lines = [...stdin];
    const io: CommandIO = {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readLine: async () => (lines.length ? lines.shift()! : null),
      readAll: async () => {
        const all = lines.length ? lines.join('\n') + '\n' : '';
        lines.length = 0;
        return all;
      },
      isatty: tty,
    };
    const status = await runManage(argv, { fs: this.fs, db: this.conn, env: frozenEnv(), io });
    return { status, stdout, stderr };
  }

  /** makemigrations + migrate. */
  async setup(): Promise<void> {
    const a = await this.manage(['makemigrations']);
    if (a.status !== 0) throw new Error(a.stderr);
    const b = await this.manage(['migrate']);
    if (b.status !== 0) throw new Error(b.stderr);
  }

  /** `shell -c <code>`, returning stdout without the automatic-imports line. */
  async py(code: string): Promise<string> {
    const r = await this.manage(['shell', '-c', code, '-v', '0']);
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
    return r.stdout;
  }
}

let shared: PGliteConnection | null = null;

export async function database(): Promise<PGliteConnection> {
  shared ??= await freshPGlite();
  resetDatabase(shared);
  return shared;
}

export async function closeDatabase(): Promise<void> {
  await shared?.close();
  shared = null;
}
