/**
 * Export the project as a .zip, and import one with validation: size limits (archive, each file,
 * total, count), safe relative paths only, known text file types, valid UTF-8 without NUL bytes,
 * and a settings module. Junk from other tools (__MACOSX, .DS_Store, __pycache__) is skipped.
 */
import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { S } from '../i18n/strings.ts';
import { LIMITS, safePath } from './paths.ts';

export { LIMITS, safePath };

const TEXT_EXTENSIONS = new Set(['py', 'pyi', 'txt', 'md', 'rst', 'cfg', 'ini', 'toml', 'json', 'sql', 'yml', 'yaml', 'html', 'css', 'csv', 'env', 'gitignore']);
const TEXT_NAMES = new Set(['README', 'LICENSE', 'Makefile', 'Procfile', '.gitignore', '.env.example']);

export class ImportError extends Error {}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
const kb = (n: number) => `${Math.round(n / 1024)} KB`;

function isJunk(path: string): boolean {
  return (
    path.startsWith('__MACOSX/') ||
    path.split('/').some((s) => s === '__pycache__' || s === '.git' || s === '.pgdata' || s === 'node_modules') ||
    path.endsWith('/.DS_Store') ||
    path === '.DS_Store' ||
    path.endsWith('.pyc') ||
    path.endsWith('/')
  );
}

function isTextType(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (TEXT_NAMES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  return dot >= 0 && TEXT_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** Whether the files make a project the engine can load (a settings module). */
export function hasSettings(files: Record<string, string>): boolean {
  if ('settings.py' in files) return true;
  const manage = files['manage.py'];
  if (manage) {
    const m = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(manage);
    if (m && `${m[1]!.replace(/\./g, '/')}.py` in files) return true;
  }
  return Object.keys(files).some((p) => /^[^/]+\/settings\.py$/.test(p));
}

/** Validates and unpacks an archive into project files (paths relative to the project root). */
export function importZip(data: Uint8Array): Record<string, string> {
  if (data.byteLength > LIMITS.archiveBytes) throw new ImportError(S.zip.tooBig(mb(LIMITS.archiveBytes)));
  let entries: Unzipped;
  let total = 0;
  let count = 0;
  try {
    entries = unzipSync(data, {
      filter(file) {
        if (isJunk(file.name)) return false;
        count++;
        if (count > LIMITS.files) throw new ImportError(S.zip.tooManyFiles(LIMITS.files));
        if (file.originalSize > LIMITS.fileBytes) throw new ImportError(S.zip.fileTooBig(file.name, kb(LIMITS.fileBytes)));
        total += file.originalSize;
        if (total > LIMITS.totalBytes) throw new ImportError(S.zip.totalTooBig(mb(LIMITS.totalBytes)));
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(S.zip.corrupt);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const raw: Record<string, string> = {};
  let actualTotal = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    const path = safePath(name);
    if (path === null) throw new ImportError(S.zip.badPath(name));
    if (!isTextType(path)) throw new ImportError(S.zip.badType(path));
    if (bytes.byteLength > LIMITS.fileBytes) throw new ImportError(S.zip.fileTooBig(path, kb(LIMITS.fileBytes)));
    actualTotal += bytes.byteLength;
    if (actualTotal > LIMITS.totalBytes) throw new ImportError(S.zip.totalTooBig(mb(LIMITS.totalBytes)));
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ImportError(S.zip.notText(path));
    }
    if (text.includes('\0')) throw new ImportError(S.zip.notText(path));
    raw[path.normalize('NFC')] = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  const paths = Object.keys(raw);
  if (paths.length === 0) throw new ImportError(S.zip.empty);
  // one enclosing folder (a zipped project folder): strip it
  let files = raw;
  const tops = new Set(paths.map((p) => p.split('/')[0]));
  if (tops.size === 1 && paths.every((p) => p.includes('/')) && !hasSettings(raw)) {
    const top = [...tops][0]! + '/';
    files = Object.fromEntries(Object.entries(raw).map(([p, v]) => [p.slice(top.length), v]));
  } else if (tops.size === 1 && paths.every((p) => p.includes('/'))) {
    const top = [...tops][0]! + '/';
    const stripped = Object.fromEntries(Object.entries(raw).map(([p, v]) => [p.slice(top.length), v]));
    if ('manage.py' in stripped) files = stripped;
  }
  if (!hasSettings(files)) throw new ImportError(S.zip.noSettings);
  return files;
}

/** The project as a .zip whose entries sit in one folder (`django-project/…`). */
export function exportZip(files: Record<string, string>, folder = 'django-project'): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [p, v] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) entries[`${folder}/${p}`] = strToU8(v);
  return zipSync(entries, { level: 6 });
}
