/**
 * Editor markers: Python syntax errors found by the engine's parser while the learner types, and
 * the places that a command's output points at (the innermost project frame of a traceback,
 * system-check messages `app.Model.field: (fields.E304) …`, migration dependency errors).
 */
import { parseModule } from '../engine/python/parser.ts';
import { PyException } from '../engine/python/objects.ts';
import type { ProjectFS } from '../engine/project/fs.ts';
import type { Diagnostic } from './protocol.ts';

function num(v: unknown): number | null {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  return null;
}

/** The syntax error of a Python file, if any (CPython's message, line and column). */
export function syntaxDiagnostics(path: string, source: string, displayRoot: string): Diagnostic[] {
  if (!path.endsWith('.py')) return [];
  try {
    parseModule(source, `${displayRoot}/${path}`);
    return [];
  } catch (e) {
    if (!(e instanceof PyException)) return [];
    const d = e.value.dict;
    const line = num(d.get('lineno')) ?? 1;
    const offset = num(d.get('offset')) ?? 1;
    let endLine = num(d.get('end_lineno')) ?? line;
    let endOffset = num(d.get('end_offset')) ?? offset + 1;
    if (endLine < line || (endLine === line && endOffset <= offset)) {
      endLine = line;
      endOffset = offset + 1;
    }
    const msg = d.get('msg');
    return [
      {
        path,
        line,
        column: Math.max(1, offset),
        endLine,
        endColumn: Math.max(2, endOffset),
        message: `${e.pyClass.name}: ${typeof msg === 'string' ? msg : e.message}`,
        severity: 'error',
        source: 'syntax',
      },
    ];
  }
}

interface Frame {
  file: string;
  line: number;
  /** Caret columns (0-based within the stripped source line) when printed. */
  caret: [number, number] | null;
  source: string | null;
}

const FRAME = /^ {2}File "(.+)", line (\d+)(?:, in .*)?$/;

/** Tracebacks in a command's output → a marker at the innermost frame inside the project. */
function tracebackDiagnostics(text: string, fs: ProjectFS): Diagnostic[] {
  const lines = text.split('\n');
  const out: Diagnostic[] = [];
  const root = fs.displayRoot + '/';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'Traceback (most recent call last):') continue;
    const frames: Frame[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const m = FRAME.exec(lines[j]!);
      if (m) {
        frames.push({ file: m[1]!, line: Number(m[2]), caret: null, source: null });
        continue;
      }
      const l = lines[j]!;
      if (l.startsWith('    ')) {
        const f = frames[frames.length - 1];
        if (!f) continue;
        if (/^\s*[\^~]+\s*$/.test(l) && f.source !== null) {
          const start = l.search(/[\^~]/) - 4;
          const end = l.trimEnd().length - 4;
          f.caret = [start, end];
        } else if (f.source === null) f.source = l.slice(4);
        continue;
      }
      if (l.startsWith('  ')) continue;
      break;
    }
    // the exception line(s): up to a blank line or the next traceback
    const excLines: string[] = [];
    for (; j < lines.length && lines[j] !== '' && !lines[j]!.startsWith('Traceback ') && !lines[j]!.startsWith('During handling') && !lines[j]!.startsWith('The above exception'); j++) {
      excLines.push(lines[j]!);
    }
    const message = excLines.join('\n') || 'Error';
    for (let k = frames.length - 1; k >= 0; k--) {
      const f = frames[k]!;
      if (!f.file.startsWith(root)) continue;
      const path = f.file.slice(root.length);
      if (path === 'manage.py' && k > 0) continue;
      const src = fs.read(path);
      if (src === undefined) continue;
      const fileLine = src.split('\n')[f.line - 1] ?? '';
      const indent = fileLine.length - fileLine.trimStart().length;
      let column = indent + 1;
      let endColumn = fileLine.length + 1;
      if (f.caret) {
        column = indent + f.caret[0] + 1;
        endColumn = Math.max(column + 1, indent + f.caret[1] + 1);
      }
      out.push({
        path,
        line: f.line,
        column,
        endLine: f.line,
        endColumn: Math.max(endColumn, column + 1),
        message,
        severity: 'error',
        source: /migrations\//.test(path) ? 'migration' : 'traceback',
      });
      break;
    }
    i = j - 1;
  }
  return out;
}

/** The file of an app's models (`catalog/models.py` or a models package). */
function modelsFile(fs: ProjectFS, app: string): string | null {
  for (const p of [`${app}/models.py`, `${app}/models/__init__.py`]) if (fs.read(p) !== undefined) return p;
  for (const top of fs.list('')) {
    const p = `${top}/${app}/models.py`;
    if (fs.read(p) !== undefined) return p;
  }
  return null;
}

function findClassAndField(src: string, model: string, field: string | null): { line: number; column: number; endColumn: number } | null {
  const lines = src.split('\n');
  const classRe = new RegExp(`^(\\s*)class\\s+${model}\\b`);
  for (let i = 0; i < lines.length; i++) {
    const m = classRe.exec(lines[i]!);
    if (!m) continue;
    const classIndent = m[1]!.length;
    if (field) {
      const fieldRe = new RegExp(`^(\\s+)(${field})\\s*[:=]`);
      for (let k = i + 1; k < lines.length; k++) {
        const l = lines[k]!;
        if (l.trim() !== '' && l.length - l.trimStart().length <= classIndent && !l.trimStart().startsWith('#') && !l.trimStart().startsWith(')')) break;
        const f = fieldRe.exec(l);
        if (f) return { line: k + 1, column: f[1]!.length + 1, endColumn: f[1]!.length + field.length + 1 };
      }
    }
    const start = lines[i]!.indexOf(model);
    return { line: i + 1, column: start + 1, endColumn: start + model.length + 1 };
  }
  return null;
}

const CHECK = /^(\?|[\w]+(?:\.[\w]+)*): \((\w+)\.([EWCI])(\d+)\) (.*)$/;

/** System-check messages → markers on the model (class line) or field (assignment line). */
function checkDiagnostics(text: string, fs: ProjectFS): Diagnostic[] {
  const lines = text.split('\n');
  const out: Diagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = CHECK.exec(lines[i]!);
    if (!m) continue;
    const [, obj, family, level, code, msg] = m;
    let message = `(${family}.${level}${code}) ${msg}`;
    const hint = lines[i + 1]?.match(/^\s+HINT: (.*)$/);
    if (hint) message += `\nHINT: ${hint[1]}`;
    const parts = obj!.split('.');
    if (parts.length < 2) continue;
    const [app, model, field] = parts as [string, string, string | undefined];
    const file = modelsFile(fs, app);
    if (!file) continue;
    const pos = findClassAndField(fs.read(file)!, model, field ?? null);
    if (!pos) continue;
    out.push({
      path: file,
      line: pos.line,
      column: pos.column,
      endLine: pos.line,
      endColumn: pos.endColumn,
      message,
      severity: level === 'E' || level === 'C' ? 'error' : level === 'W' ? 'warning' : 'info',
      source: 'check',
    });
  }
  return out;
}

const NODE_ERROR = /Migration (\w+)\.(\w+) (?:dependencies reference nonexistent (?:parent|child) node|depends on nonexistent node) \('(\w+)', '([^']+)'\)/;

/** NodeNotFoundError and friends → the dependency line of the migration file. */
function migrationDiagnostics(text: string, fs: ProjectFS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of text.split('\n')) {
    const m = NODE_ERROR.exec(line);
    if (!m) continue;
    const [, app, name, depApp, depName] = m;
    const dirs = [`${app}/migrations`, ...fs.list('').map((t) => `${t}/${app}/migrations`)];
    for (const dir of dirs) {
      const path = `${dir}/${name}.py`;
      const src = fs.read(path);
      if (src === undefined) continue;
      const lines = src.split('\n');
      let idx = lines.findIndex((l) => l.includes(`'${depApp}'`) && l.includes(depName!));
      if (idx < 0) idx = lines.findIndex((l) => /dependencies\s*=/.test(l));
      const l = lines[Math.max(0, idx)] ?? '';
      const indent = l.length - l.trimStart().length;
      out.push({
        path,
        line: Math.max(0, idx) + 1,
        column: indent + 1,
        endLine: Math.max(0, idx) + 1,
        endColumn: Math.max(indent + 2, l.length + 1),
        message: line.replace(/^[\w.]+: /, ''),
        severity: 'error',
        source: 'migration',
      });
      break;
    }
  }
  return out;
}

/** Markers for everything a command's output points at in the project. */
export function outputDiagnostics(text: string, fs: ProjectFS): Diagnostic[] {
  const all = [...tracebackDiagnostics(text, fs), ...checkDiagnostics(text, fs), ...migrationDiagnostics(text, fs)];
  const seen = new Set<string>();
  return all.filter((d) => {
    const k = `${d.path}:${d.line}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
