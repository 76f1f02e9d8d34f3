/**
 * A subset of Python's argparse, enough for Django's management commands: options with short and
 * long forms (unique prefixes accepted), store/store_true/store_false/append/count, nargs ? * +,
 * choices, int values, positionals — with argparse's usage line and error messages.
 */

export type ArgValue = string | number | boolean | null | string[];

export interface ArgumentSpec {
  /** '-n', '--name' for options; a single name for positionals. */
  flags: string[];
  dest?: string;
  action?: 'store' | 'store_true' | 'store_false' | 'store_const' | 'append' | 'count' | 'version' | 'help';
  /** Value stored by store_const. */
  const?: ArgValue;
  nargs?: '?' | '*' | '+' | number;
  default?: ArgValue;
  choices?: (string | number)[];
  type?: 'int' | 'str';
  help?: string;
  metavar?: string;
  required?: boolean;
  /** Members of one `add_mutually_exclusive_group()` share a name (usage shows `[-a | -b]`). */
  exclusiveGroup?: string;
}

interface Action extends ArgumentSpec {
  dest: string;
  positional: boolean;
}

export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
  }
}

function pyRepr(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class ArgumentParser {
  private readonly actions: Action[] = [];
  /** Django's CommandParser.missing_args_message: the error when no argument at all is given. */
  missingArgsMessage: string | null = null;

  constructor(
    readonly prog: string,
    readonly description = '',
  ) {}

  addArgument(spec: ArgumentSpec): void {
    const positional = !spec.flags[0]!.startsWith('-');
    const long = spec.flags.find((f) => f.startsWith('--'));
    const dest = spec.dest ?? (positional ? spec.flags[0]! : (long ?? spec.flags[0]!).replace(/^-+/, '').replace(/-/g, '_'));
    this.actions.push({ ...spec, dest, positional, action: spec.action ?? 'store' });
  }

  private metavar(a: Action): string {
    if (a.metavar) return a.metavar;
    if (a.choices) return `{${a.choices.join(',')}}`;
    return a.positional ? a.dest : a.dest.toUpperCase();
  }

  private formatArgs(a: Action): string {
    const mv = this.metavar(a);
    switch (a.nargs) {
      case '?':
        return `[${mv}]`;
      case '*':
        return `[${mv} ...]`;
      case '+':
        return `${mv} [${mv} ...]`;
      case undefined:
        return mv;
      default:
        return Array(a.nargs).fill(mv).join(' ');
    }
  }

  private takesValue(a: Action): boolean {
    return a.action === 'store' || a.action === 'append';
  }

  /** The usage line(s), wrapped like argparse at 80 columns. */
  usage(): string {
    const parts: string[] = [];
    const optionals = this.actions.filter((x) => !x.positional);
    for (let i = 0; i < optionals.length; i++) {
      const a = optionals[i]!;
      const bare = (x: Action) => (this.takesValue(x) ? `${x.flags[0]!} ${this.formatArgs(x)}` : x.flags[0]!);
      if (a.exclusiveGroup) {
        // argparse brackets a (non-required) mutually exclusive group as a whole
        const members = [a];
        while (optionals[i + 1]?.exclusiveGroup === a.exclusiveGroup) members.push(optionals[++i]!);
        parts.push(`[${members.map(bare).join(' | ')}]`);
        continue;
      }
      const part = bare(a);
      parts.push(a.required ? part : `[${part}]`);
    }
    const positionals = this.actions.filter((x) => x.positional).map((a) => this.formatArgs(a));
    const prefix = 'usage: ';
    const full = `${prefix}${this.prog} ${[...parts, ...positionals].join(' ')}`;
    const width = 78;
    if (full.length <= width) return full;
    // argparse's get_lines: optionals and positionals wrapped in separate groups.
    const getLines = (items: string[], indent: string, withPrefix: boolean): string[] => {
      const out: string[] = [];
      let line: string[] = [];
      let lineLen = withPrefix ? prefix.length - 1 : indent.length - 1;
      for (const item of items) {
        if (lineLen + 1 + item.length > width && line.length) {
          out.push(indent + line.join(' '));
          line = [];
          lineLen = indent.length - 1;
        }
        line.push(item);
        lineLen += item.length + 1;
      }
      if (line.length) out.push(indent + line.join(' '));
      if (withPrefix && out.length) out[0] = out[0]!.slice(indent.length);
      return out;
    };
    let lines: string[];
    if (prefix.length + this.prog.length <= 0.75 * width) {
      const indent = ' '.repeat(prefix.length + this.prog.length + 1);
      if (parts.length) {
        lines = getLines([this.prog, ...parts], indent, true);
        lines.push(...getLines(positionals, indent, false));
      } else if (positionals.length) {
        lines = getLines([this.prog, ...positionals], indent, true);
      } else {
        lines = [this.prog];
      }
    } else {
      const indent = ' '.repeat(prefix.length);
      lines = getLines([...parts, ...positionals], indent, false);
      if (lines.length > 1) lines = [...getLines(parts, indent, false), ...getLines(positionals, indent, false)];
      lines = [this.prog, ...lines];
    }
    lines[0] = prefix + lines[0]!;
    return lines.join('\n');
  }

  /** `-h` output. */
  help(): string {
    let out = `${this.usage()}\n`;
    if (this.description) out += `\n${textwrap(this.description, HELP_WIDTH).join('\n')}\n`;
    const pos = this.actions.filter((a) => a.positional);
    if (pos.length) {
      out += '\npositional arguments:\n';
      for (const a of pos) out += formatHelpLine(this.metavar(a), a.help);
    }
    out += '\noptions:\n';
    for (const a of this.actions.filter((x) => !x.positional)) {
      const inv = this.takesValue(a) ? a.flags.map((f) => `${f} ${this.formatArgs(a)}`).join(', ') : a.flags.join(', ');
      out += formatHelpLine(inv, a.help);
    }
    return out;
  }

  private matchOption(arg: string): Action {
    const exact = this.actions.find((a) => !a.positional && a.flags.includes(arg));
    if (exact) return exact;
    if (arg.startsWith('--')) {
      const candidates = this.actions.filter((a) => !a.positional && a.flags.some((f) => f.startsWith('--') && f.startsWith(arg)));
      if (candidates.length === 1) return candidates[0]!;
      if (candidates.length > 1) {
        const names = candidates.flatMap((a) => a.flags.filter((f) => f.startsWith(arg)));
        throw new ArgumentError(`ambiguous option: ${arg} could match ${names.join(', ')}`);
      }
    }
    throw new ArgumentError(`unrecognized arguments: ${arg}`);
  }

  private convert(a: Action, raw: string): string | number {
    let v: string | number = raw;
    if (a.type === 'int') {
      if (!/^\s*[-+]?\d+\s*$/.test(raw)) throw new ArgumentError(`argument ${a.flags.join('/')}: invalid int value: ${pyRepr(raw)}`);
      v = parseInt(raw, 10);
    }
    if (a.choices && !a.choices.includes(v)) {
      throw new ArgumentError(`argument ${a.flags.join('/')}: invalid choice: ${pyRepr(v)} (choose from ${a.choices.map(pyRepr).join(', ')})`);
    }
    return v;
  }

  /** Parses argv; throws ArgumentError with argparse's message. `help`/`version` actions set `__help__`/`__version__`. */
  parse(argv: string[]): Record<string, ArgValue> {
    if (this.missingArgsMessage && argv.length === 0) throw new ArgumentError(this.missingArgsMessage);
    const result: Record<string, ArgValue> = {};
    for (const a of this.actions) {
      if (a.dest in result && a.default === undefined) continue;
      if (a.action === 'store_true') result[a.dest] = a.default ?? false;
      else if (a.action === 'store_false') result[a.dest] = a.default ?? true;
      else if (a.action === 'count') result[a.dest] = a.default ?? null;
      else if (a.action === 'append') result[a.dest] = a.default ?? null;
      else if (a.action === 'help' || a.action === 'version') continue;
      else result[a.dest] = a.default ?? (a.nargs === '*' ? [] : null);
    }
    const positionalValues: string[] = [];
    const unrecognized: string[] = [];
    let onlyPositionals = false;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (onlyPositionals || arg === '-' || !arg.startsWith('-') || /^-\d/.test(arg)) {
        positionalValues.push(arg);
        continue;
      }
      if (arg === '--') {
        onlyPositionals = true;
        continue;
      }
      let flag = arg;
      let attached: string | undefined;
      if (arg.startsWith('--') && arg.includes('=')) {
        flag = arg.slice(0, arg.indexOf('='));
        attached = arg.slice(arg.indexOf('=') + 1);
      } else if (!arg.startsWith('--') && arg.length > 2) {
        flag = arg.slice(0, 2);
        attached = arg.slice(2);
      }
      let action: Action;
      try {
        action = this.matchOption(flag);
      } catch (e) {
        if (e instanceof ArgumentError && e.message.startsWith('unrecognized')) {
          unrecognized.push(arg);
          continue;
        }
        throw e;
      }
      switch (action.action) {
        case 'help':
          result['__help__'] = true;
          return result;
        case 'version':
          result['__version__'] = true;
          return result;
        case 'store_const':
          result[action.dest] = action.const ?? null;
          break;
        case 'store_true':
        case 'store_false':
        case 'count':
          if (attached !== undefined && arg.startsWith('--')) {
            throw new ArgumentError(`argument ${action.flags.join('/')}: ignored explicit argument ${pyRepr(attached)}`);
          }
          if (action.action === 'count') result[action.dest] = ((result[action.dest] as number | null) ?? 0) + 1;
          else result[action.dest] = action.action === 'store_true';
          break;
        default: {
          let value = attached;
          if (value === undefined) {
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
              throw new ArgumentError(`argument ${action.flags.join('/')}: expected one argument`);
            }
            value = next;
            i++;
          }
          const v = this.convert(action, value);
          if (action.action === 'append') result[action.dest] = [...((result[action.dest] as string[] | null) ?? []), String(v)];
          else result[action.dest] = v;
        }
      }
    }
    // Assign positionals in order.
    const positionals = this.actions.filter((a) => a.positional);
    let idx = 0;
    const missing: string[] = [];
    for (let p = 0; p < positionals.length; p++) {
      const a = positionals[p]!;
      const remainingRequired = positionals.slice(p + 1).filter((x) => x.nargs === undefined || x.nargs === '+').length;
      const available = positionalValues.length - idx - remainingRequired;
      if (a.nargs === '?') {
        if (available > 0) result[a.dest] = this.convert(a, positionalValues[idx++]!) as ArgValue;
      } else if (a.nargs === '*' || a.nargs === '+') {
        const take = Math.max(available, 0);
        const vals = positionalValues.slice(idx, idx + take).map((v) => String(this.convert(a, v)));
        idx += take;
        if (a.nargs === '+' && vals.length === 0) missing.push(this.metavar(a));
        result[a.dest] = vals;
      } else {
        if (idx < positionalValues.length) result[a.dest] = this.convert(a, positionalValues[idx++]!) as ArgValue;
        else missing.push(this.metavar(a));
      }
    }
    if (missing.length) throw new ArgumentError(`the following arguments are required: ${missing.join(', ')}`);
    const extra = [...positionalValues.slice(idx), ...unrecognized];
    if (extra.length) throw new ArgumentError(`unrecognized arguments: ${extra.join(' ')}`);
    const requiredOpts = this.actions.filter((a) => !a.positional && a.required && (result[a.dest] === null || result[a.dest] === undefined));
    if (requiredOpts.length) throw new ArgumentError(`the following arguments are required: ${requiredOpts.map((a) => a.flags.join('/')).join(', ')}`);
    return result;
  }
}

/** argparse's HelpFormatter with COLUMNS=80: 78 columns, help at column 24 (always reached by -v). */
const HELP_WIDTH = 78;
const HELP_POSITION = 24;

function formatHelpLine(invocation: string, help?: string): string {
  const pad = HELP_POSITION;
  const inv = `  ${invocation}`;
  if (!help) return `${inv}\n`;
  const lines = textwrap(help, HELP_WIDTH - pad);
  const rest = lines.slice(1).map((l) => `${' '.repeat(pad)}${l}\n`).join('');
  if (inv.length <= pad - 2) return `${inv.padEnd(pad)}${lines[0] ?? ''}\n${rest}`;
  return `${inv}\n${' '.repeat(pad)}${lines[0] ?? ''}\n${rest}`;
}

/**
 * Python's `textwrap.wrap(text, width)` after argparse collapses whitespace: greedy filling of
 * chunks, where a chunk is a run of spaces or a word (split after a hyphen between letters, like
 * TextWrapper's break_on_hyphens), over-long words broken.
 */
export function textwrap(text: string, width: number): string[] {
  const normalized = text.replace(/\s+/g, ' ').trim();
  if (!normalized) return [];
  const chunks: string[] = [];
  for (const part of normalized.split(/( +)/)) {
    if (!part) continue;
    if (part.startsWith(' ')) {
      chunks.push(part);
      continue;
    }
    // hyphenated word: break after "ab-" when followed by a letter (optionally "-" and a letter)
    let start = 0;
    for (let i = 2; i < part.length - 1; i++) {
      if (part[i] !== '-') continue;
      const before = part.slice(Math.max(0, i - 2), i);
      const after = part.slice(i + 1);
      const letters = /^[^\d\W_]{2}$/u.test(before) || /[^\d\W_]-[^\d\W_]$/u.test(part.slice(Math.max(0, i - 3), i));
      if (letters && /^[^\d\W_]-?[^\d\W_]/u.test(after)) {
        chunks.push(part.slice(start, i + 1));
        start = i + 1;
      }
    }
    chunks.push(part.slice(start));
  }
  const lines: string[] = [];
  chunks.reverse();
  while (chunks.length) {
    const cur: string[] = [];
    let len = 0;
    if (chunks[chunks.length - 1]!.trim() === '' && lines.length) chunks.pop();
    while (chunks.length) {
      const l = chunks[chunks.length - 1]!.length;
      if (len + l <= width) {
        cur.push(chunks.pop()!);
        len += l;
      } else break;
    }
    if (chunks.length && chunks[chunks.length - 1]!.length > width) {
      // _handle_long_word: break it to fill the line
      const space = Math.max(width - len, 1);
      const chunk = chunks.pop()!;
      cur.push(chunk.slice(0, space));
      chunks.push(chunk.slice(space));
    }
    if (cur.length && cur[cur.length - 1]!.trim() === '') cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}
