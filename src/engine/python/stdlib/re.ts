/**
 * The `re` module on top of JavaScript regular expressions. Python syntax is translated where the
 * two differ: `(?P<name>…)`, `(?P=name)`, `\A`, `\Z`, `$` (which also matches before a final
 * newline in Python), leading inline flags `(?i)`, verbose patterns, and `\g<…>` in templates.
 */
import {
  ExceptionClass,
  IndexError,
  type Kwargs,
  NativeFunction,
  None,
  PyClass,
  PyDict,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  TypeError,
  call,
  pyError,
  str,
  strRepr,
  typeName,
} from '../objects.ts';
import { method, getter, unbox } from '../types/core.ts';
import { asInt } from '../operators.ts';

export const reErrorClass = new PyClass('error', { module: 're', bases: [ExceptionClass] });
export const patternClass = new PyClass('Pattern', { module: 're' });
export const matchClass = new PyClass('Match', { module: 're' });

const FLAG = { I: 2, L: 4, M: 8, S: 16, U: 32, X: 64, A: 256 };

interface Compiled {
  source: string;
  flags: number;
  search: RegExp; // 'g'
  sticky: RegExp; // 'y'
  full: RegExp; // 'y' + end anchor
  groups: number;
  names: Map<string, number>;
}

function stripVerbose(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') continue;
    if (c === '#') {
      while (i < p.length && p[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return out;
}

function translate(pattern: string, flags: number): { js: string; flags: number; groups: number; names: Map<string, number> } {
  let p = pattern;
  // leading inline flags
  for (;;) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(p);
    if (!m) break;
    for (const ch of m[1]!) {
      if (ch === 'i') flags |= FLAG.I;
      else if (ch === 'm') flags |= FLAG.M;
      else if (ch === 's') flags |= FLAG.S;
      else if (ch === 'x') flags |= FLAG.X;
      else if (ch === 'a') flags |= FLAG.A;
    }
    p = p.slice(m[0].length);
  }
  if (flags & FLAG.X) p = stripVerbose(p);
  const multiline = (flags & FLAG.M) !== 0;
  let out = '';
  let inClass = false;
  let groups = 0;
  const names = new Map<string, number>();
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      i++;
      if (n === undefined) throw pyError(reErrorClass, 'bad escape (end of pattern)');
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?![\\s\\S])';
      else out += '\\' + n;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === '^') out += p[++i];
      if (p[i + 1] === ']') out += '\\' + p[++i];
      continue;
    }
    if (c === '(') {
      if (p[i + 1] !== '?') {
        groups++;
        out += c;
        continue;
      }
      if (p.startsWith('(?P<', i)) {
        const end = p.indexOf('>', i);
        const name = p.slice(i + 4, end);
        groups++;
        names.set(name, groups);
        out += `(?<${name}>`;
        i = end;
        continue;
      }
      if (p.startsWith('(?P=', i)) {
        const end = p.indexOf(')', i);
        out += `\\k<${p.slice(i + 4, end)}>`;
        i = end;
        continue;
      }
      if (p.startsWith('(?<', i) && p[i + 3] !== '=' && p[i + 3] !== '!') {
        const end = p.indexOf('>', i);
        groups++;
        names.set(p.slice(i + 3, end), groups);
        out += p.slice(i, end + 1);
        i = end;
        continue;
      }
      if (p.startsWith('(?#', i)) {
        const end = p.indexOf(')', i);
        i = end;
        continue;
      }
      out += c;
      continue;
    }
    if (c === '$' && !multiline) {
      out += '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    out += c;
  }
  return { js: out, flags, groups, names };
}

const cache = new Map<string, Compiled>();

export function compileRe(pattern: string, flags = 0): Compiled {
  const key = flags + ':' + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  const t = translate(pattern, flags);
  let jsFlags = 'd';
  if (t.flags & FLAG.I) jsFlags += 'i';
  if (t.flags & FLAG.M) jsFlags += 'm';
  if (t.flags & FLAG.S) jsFlags += 's';
  let c: Compiled;
  try {
    c = {
      source: pattern,
      flags: t.flags | (t.flags & FLAG.A ? 0 : FLAG.U),
      search: new RegExp(t.js, jsFlags + 'g'),
      sticky: new RegExp(t.js, jsFlags + 'y'),
      full: new RegExp(`(?:${t.js})(?![\\s\\S])`, jsFlags + 'y'),
      groups: t.groups,
      names: t.names,
    };
  } catch (e) {
    throw pyError(reErrorClass, (e as Error).message.replace(/^Invalid regular expression: /, ''));
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

export class PyPattern extends PyObject {
  constructor(readonly c: Compiled) {
    super();
  }
  get pyClass(): PyClass {
    return patternClass;
  }
  override nativeRepr(): string {
    const names: string[] = [];
    if (this.c.flags & FLAG.I) names.push('re.IGNORECASE');
    if (this.c.flags & FLAG.M) names.push('re.MULTILINE');
    if (this.c.flags & FLAG.S) names.push('re.DOTALL');
    if (this.c.flags & FLAG.X) names.push('re.VERBOSE');
    if (this.c.flags & FLAG.A) names.push('re.ASCII');
    return names.length ? `re.compile(${strRepr(this.c.source)}, ${names.join('|')})` : `re.compile(${strRepr(this.c.source)})`;
  }
  override nativeEq(other: PyValue): boolean {
    return other instanceof PyPattern && other.c.source === this.c.source && other.c.flags === this.c.flags;
  }
  override nativeHashKey(): string {
    return 're:' + this.c.flags + ':' + this.c.source;
  }
}

export class PyMatch extends PyObject {
  constructor(
    readonly pattern: PyPattern,
    readonly string: string,
    readonly m: RegExpExecArray,
    readonly pos: number,
    readonly endpos: number,
  ) {
    super();
  }
  get pyClass(): PyClass {
    return matchClass;
  }
  groupIndex(g: PyValue): number {
    const u = unbox(g);
    if (typeof u === 'string') {
      const i = this.pattern.c.names.get(u);
      if (i === undefined) throw pyError(IndexError, 'no such group');
      return i;
    }
    const i = asInt(u);
    if (i === undefined || i < 0n || i > BigInt(this.pattern.c.groups)) throw pyError(IndexError, 'no such group');
    return Number(i);
  }
  group(i: number): PyValue {
    const v = this.m[i];
    return v === undefined ? None : v;
  }
  span(i: number): [number, number] {
    const ind = this.m.indices?.[i];
    return ind ? [ind[0], ind[1]] : [-1, -1];
  }
  override nativeRepr(): string {
    const [s, e] = this.span(0);
    return `<re.Match object; span=(${s}, ${e}), match=${strRepr(this.m[0]!)}>`;
  }
  override nativeBool(): boolean {
    return true;
  }
  override nativeGetItem(key: PyValue): PyValue {
    return this.group(this.groupIndex(key));
  }
}

function strArg(v: PyValue | undefined, what = 'string'): string {
  const u = v === undefined ? undefined : unbox(v);
  if (typeof u !== 'string') throw pyError(TypeError, `expected ${what} or bytes-like object, got '${typeName(v ?? None)}'`);
  return u;
}

function patternOf(v: PyValue, flags: PyValue | undefined): PyPattern {
  if (v instanceof PyPattern) return v;
  return new PyPattern(compileRe(strArg(v, 'string'), Number(asInt(unbox(flags ?? 0n)) ?? 0n)));
}

function doMatch(p: PyPattern, s: string, pos: number, endpos: number, kind: 'match' | 'search' | 'fullmatch'): PyValue {
  const hay = endpos < s.length ? s.slice(0, endpos) : s;
  const re = kind === 'search' ? p.c.search : kind === 'match' ? p.c.sticky : p.c.full;
  re.lastIndex = pos;
  const m = re.exec(hay);
  return m ? new PyMatch(p, s, m, pos, endpos) : None;
}

function* iterMatches(p: PyPattern, s: string, pos = 0, endpos = s.length): Generator<PyMatch> {
  const hay = endpos < s.length ? s.slice(0, endpos) : s;
  const re = new RegExp(p.c.search.source, p.c.search.flags);
  re.lastIndex = pos;
  for (;;) {
    const m = re.exec(hay);
    if (!m) return;
    if (m[0] === '') re.lastIndex = m.index + 1;
    yield new PyMatch(p, s, m, pos, endpos);
    if (re.lastIndex > hay.length) return;
  }
}

/** Expands a replacement template (`\1`, `\g<name>`, escapes). */
function expandTemplate(tpl: string, m: PyMatch): string {
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const c = tpl[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = tpl[i + 1];
    i++;
    if (n === undefined) throw pyError(reErrorClass, 'bad escape (end of pattern)');
    if (n === 'g') {
      const end = tpl.indexOf('>', i);
      if (tpl[i + 1] !== '<' || end < 0) throw pyError(reErrorClass, 'missing <');
      const name = tpl.slice(i + 2, end);
      const idx = /^\d+$/.test(name) ? Number(name) : m.pattern.c.names.get(name);
      if (idx === undefined) throw pyError(IndexError, `unknown group name '${name}'`);
      if (idx > m.pattern.c.groups) throw pyError(reErrorClass, `invalid group reference ${idx}`);
      const v = m.group(idx);
      out += v === None ? '' : str(v);
      i = end;
      continue;
    }
    if (n >= '0' && n <= '9') {
      let num = n;
      if (tpl[i + 1] !== undefined && tpl[i + 1]! >= '0' && tpl[i + 1]! <= '9') num += tpl[++i];
      const idx = Number(num);
      if (idx > m.pattern.c.groups) throw pyError(reErrorClass, `invalid group reference ${idx}`);
      const v = m.group(idx);
      out += v === None ? '' : str(v);
      continue;
    }
    const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    if (Object.prototype.hasOwnProperty.call(esc, n)) out += esc[n];
    else if (/[A-Za-z]/.test(n)) throw pyError(reErrorClass, `bad escape \\${n}`);
    else out += '\\' + n;
  }
  return out;
}

function sub(p: PyPattern, repl: PyValue, s: string, count: number): [string, number] {
  const replString = typeof unbox(repl) === 'string' ? (unbox(repl) as string) : null;
  let out = '';
  let last = 0;
  let n = 0;
  for (const m of iterMatches(p, s)) {
    if (count > 0 && n >= count) break;
    const [st, en] = m.span(0);
    out += s.slice(last, st);
    out += replString !== null ? expandTemplate(replString, m) : str(call(repl, [m]));
    last = en;
    n++;
  }
  return [out + s.slice(last), n];
}

function split(p: PyPattern, s: string, maxsplit: number): PyList {
  const out: PyValue[] = [];
  let last = 0;
  let n = 0;
  for (const m of iterMatches(p, s)) {
    if (maxsplit > 0 && n >= maxsplit) break;
    const [st, en] = m.span(0);
    out.push(s.slice(last, st));
    for (let g = 1; g <= p.c.groups; g++) out.push(m.group(g));
    last = en;
    n++;
  }
  out.push(s.slice(last));
  return new PyList(out);
}

function findall(p: PyPattern, s: string, pos = 0, endpos = s.length): PyList {
  const out: PyValue[] = [];
  for (const m of iterMatches(p, s, pos, endpos)) {
    if (p.c.groups === 0) out.push(m.m[0]!);
    else if (p.c.groups === 1) out.push(m.m[1] ?? '');
    else {
      const g: PyValue[] = [];
      for (let i = 1; i <= p.c.groups; i++) g.push(m.m[i] ?? '');
      out.push(new PyTuple(g));
    }
  }
  return new PyList(out);
}

function posArgs(a: PyValue[], kw: Kwargs, s: string, first: number): [number, number] {
  const pos = Number(asInt(unbox(a[first] ?? kw.get('pos') ?? 0n)) ?? 0n);
  const endV = a[first + 1] ?? kw.get('endpos');
  const endpos = endV === undefined || endV === None ? s.length : Math.min(s.length, Number(asInt(unbox(endV)) ?? 0n));
  return [Math.max(0, pos), endpos];
}

function installRe(): void {
  const P = patternClass;
  const self = (a: PyValue[]) => a[0] as PyPattern;
  for (const kind of ['match', 'search', 'fullmatch'] as const) {
    method(P, kind, (a, kw) => {
      const s = strArg(a[1] ?? kw.get('string'));
      const [pos, endpos] = posArgs(a, kw, s, 2);
      return doMatch(self(a), s, pos, endpos, kind);
    });
  }
  method(P, 'findall', (a, kw) => {
    const s = strArg(a[1] ?? kw.get('string'));
    const [pos, endpos] = posArgs(a, kw, s, 2);
    return findall(self(a), s, pos, endpos);
  });
  method(P, 'finditer', (a, kw) => {
    const s = strArg(a[1] ?? kw.get('string'));
    const [pos, endpos] = posArgs(a, kw, s, 2);
    return new PyIterator(iterMatches(self(a), s, pos, endpos), 'callable_iterator');
  });
  method(P, 'sub', (a, kw) => sub(self(a), a[1] ?? kw.get('repl')!, strArg(a[2] ?? kw.get('string')), Number(asInt(unbox(a[3] ?? kw.get('count') ?? 0n)) ?? 0n))[0]);
  method(P, 'subn', (a, kw) => {
    const [s, n] = sub(self(a), a[1] ?? kw.get('repl')!, strArg(a[2] ?? kw.get('string')), Number(asInt(unbox(a[3] ?? kw.get('count') ?? 0n)) ?? 0n));
    return new PyTuple([s, BigInt(n)]);
  });
  method(P, 'split', (a, kw) => split(self(a), strArg(a[1] ?? kw.get('string')), Number(asInt(unbox(a[2] ?? kw.get('maxsplit') ?? 0n)) ?? 0n)));
  getter(P, 'pattern', (p) => (p as PyPattern).c.source);
  getter(P, 'flags', (p) => BigInt((p as PyPattern).c.flags));
  getter(P, 'groups', (p) => BigInt((p as PyPattern).c.groups));
  getter(P, 'groupindex', (p) => new PyDict([...(p as PyPattern).c.names].map(([k, v]) => [k, BigInt(v)] as [PyValue, PyValue])));

  const M = matchClass;
  const m = (a: PyValue[]) => a[0] as PyMatch;
  method(M, 'group', (a) => {
    const x = m(a);
    if (a.length <= 1) return x.group(0);
    if (a.length === 2) return x.group(x.groupIndex(a[1]!));
    return new PyTuple(a.slice(1).map((g) => x.group(x.groupIndex(g))));
  });
  method(M, 'groups', (a, kw) => {
    const x = m(a);
    const dflt = a[1] ?? kw.get('default') ?? None;
    const out: PyValue[] = [];
    for (let i = 1; i <= x.pattern.c.groups; i++) {
      const v = x.group(i);
      out.push(v === None ? dflt : v);
    }
    return new PyTuple(out);
  });
  method(M, 'groupdict', (a, kw) => {
    const x = m(a);
    const dflt = a[1] ?? kw.get('default') ?? None;
    const d = new PyDict();
    for (const [name, i] of x.pattern.c.names) {
      const v = x.group(i);
      d.set(name, v === None ? dflt : v);
    }
    return d;
  });
  method(M, 'start', (a) => BigInt(m(a).span(a[1] === undefined ? 0 : m(a).groupIndex(a[1]))[0]));
  method(M, 'end', (a) => BigInt(m(a).span(a[1] === undefined ? 0 : m(a).groupIndex(a[1]))[1]));
  method(M, 'span', (a) => new PyTuple(m(a).span(a[1] === undefined ? 0 : m(a).groupIndex(a[1])).map(BigInt)));
  method(M, 'expand', (a) => expandTemplate(strArg(a[1]), m(a)));
  method(M, '__getitem__', (a) => m(a).nativeGetItem(a[1]!));
  getter(M, 'string', (x) => (x as PyMatch).string);
  getter(M, 're', (x) => (x as PyMatch).pattern);
  getter(M, 'pos', (x) => BigInt((x as PyMatch).pos));
  getter(M, 'endpos', (x) => BigInt((x as PyMatch).endpos));
  getter(M, 'lastindex', (x) => {
    const mm = x as PyMatch;
    let last: PyValue = None;
    let lastEnd = -1;
    for (let i = 1; i <= mm.pattern.c.groups; i++) {
      const [, e] = mm.span(i);
      if (e >= 0 && e >= lastEnd) {
        last = BigInt(i);
        lastEnd = e;
      }
    }
    return last;
  });
}

let installed = false;
export function makeReModule(): PyModule {
  if (!installed) {
    installed = true;
    installRe();
  }
  const mod = new PyModule('re');
  const d = mod.dict;
  const fn = (name: string, impl: (a: PyValue[], k: Kwargs) => PyValue) => d.set(name, new NativeFunction(name, impl, { module: 're', qualname: name }));
  fn('compile', (a, k) => patternOf(a[0] ?? k.get('pattern') ?? None, a[1] ?? k.get('flags')));
  for (const kind of ['match', 'search', 'fullmatch'] as const) {
    fn(kind, (a, k) => {
      const p = patternOf(a[0] ?? k.get('pattern') ?? None, a[2] ?? k.get('flags'));
      const s = strArg(a[1] ?? k.get('string'));
      return doMatch(p, s, 0, s.length, kind);
    });
  }
  fn('findall', (a, k) => findall(patternOf(a[0] ?? None, a[2] ?? k.get('flags')), strArg(a[1] ?? k.get('string'))));
  fn('finditer', (a, k) => new PyIterator(iterMatches(patternOf(a[0] ?? None, a[2] ?? k.get('flags')), strArg(a[1] ?? k.get('string'))), 'callable_iterator'));
  fn('sub', (a, k) => sub(patternOf(a[0] ?? None, a[4] ?? k.get('flags')), a[1] ?? k.get('repl')!, strArg(a[2] ?? k.get('string')), Number(asInt(unbox(a[3] ?? k.get('count') ?? 0n)) ?? 0n))[0]);
  fn('subn', (a, k) => {
    const [s, n] = sub(patternOf(a[0] ?? None, a[4] ?? k.get('flags')), a[1] ?? k.get('repl')!, strArg(a[2] ?? k.get('string')), Number(asInt(unbox(a[3] ?? k.get('count') ?? 0n)) ?? 0n));
    return new PyTuple([s, BigInt(n)]);
  });
  fn('split', (a, k) => split(patternOf(a[0] ?? None, a[3] ?? k.get('flags')), strArg(a[1] ?? k.get('string')), Number(asInt(unbox(a[2] ?? k.get('maxsplit') ?? 0n)) ?? 0n)));
  const special = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');
  fn('escape', (a) => Array.from(strArg(a[0]), (ch) => (special.has(ch) ? '\\' + ch : ch)).join(''));
  fn('purge', () => {
    cache.clear();
    return None;
  });
  d.set('error', reErrorClass);
  d.set('Pattern', patternClass);
  d.set('Match', matchClass);
  for (const [short, long, v] of [
    ['I', 'IGNORECASE', FLAG.I],
    ['L', 'LOCALE', FLAG.L],
    ['M', 'MULTILINE', FLAG.M],
    ['S', 'DOTALL', FLAG.S],
    ['U', 'UNICODE', FLAG.U],
    ['X', 'VERBOSE', FLAG.X],
    ['A', 'ASCII', FLAG.A],
  ] as const) {
    d.set(short, BigInt(v));
    d.set(long, BigInt(v));
  }
  d.set('NOFLAG', 0n);
  return mod;
}

patternClass.tpName = 're.Pattern';
matchClass.tpName = 're.Match';
