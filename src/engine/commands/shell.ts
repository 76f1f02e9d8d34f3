/**
 * `manage.py shell` (django/core/management/commands/shell.py, Django 5.2): every model of
 * INSTALLED_APPS imported automatically (`N objects imported automatically (use -v 2 for
 * details).`), then `-c "<code>"`, or standard input executed all at once when it is not a
 * terminal, or an interactive console (`>>>` / `...` prompts, expression values echoed with
 * repr, tracebacks that do not end the session) when it is.
 */
import {
  KeyboardInterruptClass,
  NativeFunction,
  None,
  PyClass,
  PyException,
  PyTuple,
  type PyValue,
  SyntaxErrorClass,
  SystemExitClass,
  newException,
  repr,
  str,
} from '../python/objects.ts';
import { formatException, parseModule } from '../python/index.ts';
import type { ModelMeta } from '../state/meta.ts';
import { classFor, resetTransactions, setConnection, setWarningSink } from '../orm/index.ts';
import { getModels } from '../orm/meta-utils.ts';
import { toPythonException } from './errors.ts';
import type { ArgumentParser } from './argparse.ts';
import { BaseCommand, type CommandContext, type Options, commandError, systemExit } from './base.ts';

const SHELL_MODULE = 'django.core.management.commands.shell';
const COMPOUND = new Set(['If', 'For', 'While', 'FunctionDef', 'ClassDef', 'With', 'Try', 'AsyncFunctionDef', 'AsyncFor', 'AsyncWith', 'Match', 'TryStar']);

/**
 * The Python frames below the shell's `exec` (manage.py's <module> and main, the management
 * utility, run_from_argv, execute, handle, exec's <module>): they count toward the recursion
 * limit, so infinite recursion stops at the depth it does under Django.
 */
const FRAMES_BELOW_EXEC = 8;

function underDjango(interp: CommandContext['project']['interp'], fn: () => void): void {
  interp.depth += FRAMES_BELOW_EXEC;
  try {
    fn();
  } finally {
    interp.depth -= FRAMES_BELOW_EXEC;
  }
}

export class ShellCommand extends BaseCommand {
  readonly name = 'shell';
  override help = 'Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of them is available. Any standard input is executed as code.';
  override requiresSystemChecks = false;

  override addArguments(p: ArgumentParser): void {
    p.addArgument({
      flags: ['--no-startup'],
      action: 'store_true',
      help: 'When using plain Python, ignore the PYTHONSTARTUP environment variable and ~/.pythonrc.py script.',
    });
    p.addArgument({ flags: ['--no-imports'], action: 'store_true', help: 'Disable automatic imports of models.' });
    p.addArgument({
      flags: ['-i', '--interface'],
      choices: ['ipython', 'bpython', 'python'],
      help: 'Specify an interactive interpreter interface. Available options: "ipython", "bpython", and "python"',
    });
    p.addArgument({ flags: ['-c', '--command'], help: 'Instead of opening an interactive shell, run a command as Django and exit.' });
  }

  async handle(ctx: CommandContext, options: Options): Promise<void> {
    setConnection(ctx.db);
    setWarningSink((t) => ctx.io.stderr(t));
    // print(..., file=sys.stderr) and sys.stderr.write go to the command's stderr
    ctx.project.interp.stderr = (t) => ctx.io.stderr(t);
    resetTransactions();
    try {
      await this.run(ctx, options);
    } catch (e) {
      // exit()/quit()/sys.exit(): SystemExit's code becomes the exit status
      if (e instanceof PyException && e.matches(SystemExitClass) && (e as PyException & { exitCode?: number }).exitCode === undefined) {
        const args = e.value.dict.get('args');
        const code = args instanceof PyTuple && args.items.length ? args.items[0]! : None;
        if (code === None) throw systemExit(0);
        if (typeof code === 'bigint') throw systemExit(Number(code));
        ctx.io.stderr(str(code) + '\n');
        throw systemExit(1);
      }
      throw e;
    } finally {
      setConnection(null);
      setWarningSink(null);
    }
  }

  private async run(ctx: CommandContext, options: Options): Promise<void> {
    const interp = ctx.project.interp;
    const command = options['command'];
    if (typeof command === 'string' && command !== '') {
      const globals = this.shellGlobals(ctx);
      for (const [k, v] of this.getNamespace(ctx, options)) globals.set(k, v);
      underDjango(interp, () => interp.exec(command, globals, '<string>'));
      return;
    }
    if (!ctx.io.isatty) {
      const source = await ctx.io.readAll();
      const globals = this.shellGlobals(ctx);
      for (const [k, v] of this.getNamespace(ctx, options)) globals.set(k, v);
      underDjango(interp, () => interp.exec(source, globals, '<string>'));
      return;
    }
    const iface = options['interface'];
    if (iface === 'ipython' || iface === 'bpython') throw commandError(`Couldn't import ${iface} interface.`);
    await this.interact(ctx, this.getNamespace(ctx, options));
  }

  /** The module globals of shell.py that `exec(…, {**globals(), **namespace})` passes along. */
  private shellGlobals(ctx: CommandContext): Map<string, PyValue> {
    const interp = ctx.project.interp;
    const g = new Map<string, PyValue>([
      ['__name__', SHELL_MODULE],
      ['__doc__', None],
      ['__package__', 'django.core.management.commands'],
      ['__loader__', None],
      ['__spec__', None],
      ['__file__', '$DJANGO/core/management/commands/shell.py'],
      ['__cached__', None],
      ['__builtins__', interp.builtinsModule],
    ]);
    for (const [k, v] of quitters()) g.set(k, v);
    for (const name of ['os', 'sys']) {
      try {
        g.set(name, interp.importModule(name));
      } catch {
        /* not available */
      }
    }
    try {
      g.set('apps', interp.importModule('django.apps').dict.get('apps') ?? None);
    } catch {
      /* ignore */
    }
    return g;
  }

  /** get_namespace: the models of INSTALLED_APPS, earlier apps winning name clashes. */
  private getNamespace(ctx: CommandContext, options: Options): Map<string, PyValue> {
    const namespace = new Map<string, PyValue>();
    if (options['no_imports']) return namespace;
    const verbosity = Number(options['verbosity'] ?? 1);
    const apps = ctx.project.apps;
    const models: ModelMeta[] = getModels(apps).reverse();
    const byModule = new Map<string, [string, PyClass][]>();
    for (const meta of models) {
      const cls = meta.pyModel ?? classFor(apps, meta);
      const module = cls.module;
      if (!module) continue;
      const list = byModule.get(module) ?? [];
      if (!list.some(([n, c]) => n === cls.name && c === cls)) list.push([cls.name, cls]);
      byModule.set(module, list);
    }
    for (const items of byModule.values()) for (const [name, cls] of items) namespace.set(name, cls);
    if (verbosity < 1) return namespace;
    const amount = namespace.size;
    let msg = `${amount} ${amount !== 1 ? 'objects' : 'object'} imported automatically`;
    if (verbosity < 2) {
      if (amount) msg += ' (use -v 2 for details)';
      ctx.stdout.write(`${msg}.`, '\n\n');
      return namespace;
    }
    const lines = [...byModule].map(([module, items]) => `  from ${module} import ${items.map(([n]) => n).join(', ')}`).filter((l) => !l.endsWith('import '));
    const importString = lines.join('\n');
    msg = importString ? `${msg}:\n\n${importString}` : `${msg}.`;
    ctx.stdout.write(msg, '\n\n');
    return namespace;
  }

  /** code.interact(local=namespace): the plain Python console. */
  private async interact(ctx: CommandContext, namespace: Map<string, PyValue>): Promise<void> {
    const interp = ctx.project.interp;
    const globals = new Map(namespace);
    globals.set('__builtins__', interp.builtinsModule);
    for (const [k, v] of quitters()) if (!globals.has(k)) globals.set(k, v);
    ctx.io.stderr(
      'Python 3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n(InteractiveConsole)\n',
    );
    const buffer: string[] = [];
    for (;;) {
      ctx.io.stdout(buffer.length ? '... ' : '>>> ');
      let line: string | null;
      try {
        line = await ctx.io.readLine();
      } catch (e) {
        // Ctrl+C at the prompt: the input so far is dropped, like code.interact
        if (e instanceof PyException && e.matches(KeyboardInterruptClass)) {
          ctx.io.stderr('\nKeyboardInterrupt\n');
          buffer.length = 0;
          continue;
        }
        throw e;
      }
      if (line === null) {
        ctx.io.stderr('\nnow exiting InteractiveConsole...\n');
        return;
      }
      buffer.push(line);
      const source = buffer.join('\n');
      if (needsMoreInput(buffer)) continue;
      buffer.length = 0;
      if (source.trim() === '' || /^\s*#/.test(source) && !source.includes('\n')) continue;
      interp.resetSteps();
      try {
        runInteractive(ctx, source, globals);
      } catch (e) {
        if (e instanceof PyException && e.matches(SyntaxErrorClass)) singleModePosition(e);
        if (e instanceof PyException && e.matches(SystemExitClass)) throw e;
        const exc = toPythonException(e);
        ctx.io.stderr(formatException(exc));
        if (exc.matches(KeyboardInterruptClass)) continue;
      }
    }
  }
}

/** Runs one console input in 'single' mode: expression values are echoed by sys.displayhook. */
function runInteractive(ctx: CommandContext, source: string, globals: Map<string, PyValue>): void {
  const interp = ctx.project.interp;
  interp.execInteractive(source, globals, '<console>', (value) => {
    if (value === None) return;
    interp.builtins.set('_', None);
    ctx.io.stdout(repr(value) + '\n');
    interp.builtins.set('_', value);
  });
}

/**
 * compile(…, 'single') reports errors at the end of the input one column earlier than 'exec'
 * does (the input has no final newline): `invalid syntax` there has offset 0 (no caret),
 * other messages point at the last character.
 */
function singleModePosition(e: PyException): void {
  const d = e.value.dict;
  const text = d.get('text');
  const offset = d.get('offset');
  if (typeof text !== 'string' || typeof offset !== 'bigint') return;
  const line = text.replace(/\n$/, '');
  if (offset <= BigInt(line.length)) return;
  const generic = d.get('msg') === 'invalid syntax';
  const newOffset = generic ? 0n : BigInt(line.length);
  const newEnd = generic ? 0n : -1n;
  d.set('offset', newOffset);
  d.set('end_offset', newEnd);
  d.set('text', line);
  const args = d.get('args');
  if (args instanceof PyTuple && args.items[1] instanceof PyTuple) {
    const loc = [...args.items[1].items];
    loc[2] = newOffset;
    loc[3] = line;
    loc[5] = newEnd;
    d.set('args', new PyTuple([args.items[0]!, new PyTuple(loc)]));
  }
}

/** site's `exit` and `quit` (Quitter objects). */
function quitters(): [string, PyValue][] {
  return ['exit', 'quit'].map((name) => {
    const q = new NativeFunction(name, (args) => {
      throw new PyException(newException(SystemExitClass, ...(args.length ? [args[0]!] : [])));
    });
    (q as NativeFunction & { nativeRepr(): string }).nativeRepr = () => `Use ${name}() or Ctrl-D (i.e. EOF) to exit`;
    return [name, q] as [string, PyValue];
  });
}

/** codeop's question: is this the start of a longer input? */
export function needsMoreInput(lines: string[]): boolean {
  const source = lines.join('\n');
  const last = lines[lines.length - 1]!;
  let block = lines.some((l) => /:\s*(#.*)?$/.test(l) && !/^\s*#/.test(l)) || /^\s*@/.test(lines[0]!);
  try {
    const mod = parseModule(source, '<console>');
    const first = mod.body[0];
    if (first && COMPOUND.has(first.type)) block = true;
  } catch (e) {
    const msg = e instanceof PyException ? String(e.value.dict.get('msg') ?? e.message) : String(e);
    if (/was never closed|unterminated triple-quoted|unexpected EOF|expected an indented block/.test(msg)) return true;
    // an error at the very end of a block in progress means the block is not finished yet
    if (block && last.trim() !== '' && e instanceof PyException) {
      const lineno = Number(e.value.dict.get('lineno') ?? 0n);
      const offset = Number(e.value.dict.get('offset') ?? 0n);
      const lastLine = lines[lines.length - 1]!;
      if (lineno > lines.length || (lineno === lines.length && offset > lastLine.replace(/\s+$/, '').length)) return true;
    }
    return false;
  }
  if (block) return last.trim() !== '' || lines.length === 1;
  return false;
}
