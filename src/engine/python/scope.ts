/**
 * Symbol tables: which scope every name belongs to (local, cell, free, global), computed once per
 * module after parsing, plus the compile-time SyntaxErrors CPython's symtable and compiler raise
 * ('return' outside function, 'break' outside loop, nonlocal/global misuse, duplicate arguments,
 * repeated keyword arguments, misplaced starred expressions).
 *
 * Results are stored on the AST: `Name.res` and `scope` on Module/FunctionDef/Lambda/ClassDef/
 * comprehension nodes.
 */
import type * as A from './ast.ts';
import type { SyntaxErrorInfo } from './syntax-errors.ts';

/** How a name is looked up / stored at runtime. */
export const enum Res {
  /** Module or class namespace (class: then enclosing cell, globals, builtins). */
  Name = 0,
  /** A function's plain local. */
  Local = 1,
  /** A cell: a local captured by an inner scope, or a free variable from an outer one. */
  Deref = 2,
  /** Globals then builtins. */
  Global = 3,
  /** A class body reading a free variable of the enclosing function (namespace first, then the cell). */
  ClassDeref = 4,
}

export type ScopeKind = 'module' | 'class' | 'function' | 'comprehension';

export class Scope {
  /** Names bound in this scope (assignment, parameter, import, def, class, for, with, except…). */
  readonly bound = new Set<string>();
  readonly used = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly params: string[] = [];
  readonly children: Scope[] = [];
  /** Locals captured by inner scopes. */
  readonly cells = new Set<string>();
  /** Variables coming from enclosing function scopes. */
  readonly frees = new Set<string>();
  /** Resolution of every name mentioned in this scope. */
  readonly res = new Map<string, Res>();
  isGenerator = false;
  /** The class body defines the implicit `__class__` cell (a method uses super() or __class__). */
  needsClassCell = false;
  /** Names (in order) of the Name nodes to patch after resolution. */
  readonly nameNodes: A.Name[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
    readonly qualname: string,
    readonly parent: Scope | null,
  ) {}

  resolve(name: string): Res {
    const r = this.res.get(name);
    if (r !== undefined) return r;
    return this.kind === 'function' || this.kind === 'comprehension' ? Res.Global : Res.Name;
  }
}

class ScopeError {
  constructor(
    readonly info: SyntaxErrorInfo,
    readonly phase: number,
  ) {}
}

function errAt(msg: string, sp: A.Span, phase: number): ScopeError {
  return new ScopeError({ cls: 'SyntaxError', msg, line: sp.line, offset: sp.col + 1, endLine: sp.endLine, endOffset: sp.endCol + 1 }, phase);
}

/** Annotates the module; returns the first compile-time SyntaxError, if any. */
export function analyzeModule(mod: A.Module): SyntaxErrorInfo | null {
  const b = new Builder();
  try {
    const top = b.module(mod);
    checkNonlocalsThenAnalyze(top, b);
  } catch (e) {
    if (e instanceof ScopeError) return e.info;
    throw e;
  }
  // compile-phase errors are reported only when the symtable phase found none
  if (b.symtableErrors.length) return b.symtableErrors[0]!.info;
  if (b.compileErrors.length) return b.compileErrors[0]!.info;
  return null;
}

class Builder {
  symtableErrors: ScopeError[] = [];
  compileErrors: ScopeError[] = [];
  private scope!: Scope;
  private loopDepth = 0;
  /** Spans of global/nonlocal statements, for error positions. */
  readonly declSpans = new Map<Scope, Map<string, A.Span>>();

  private compileError(msg: string, sp: A.Span): void {
    this.compileErrors.push(errAt(msg, sp, 2));
  }

  private symtableError(msg: string, sp: A.Span): void {
    this.symtableErrors.push(errAt(msg, sp, 1));
  }

  module(mod: A.Module): Scope {
    const s = new Scope('module', '<module>', '', null);
    mod.scope = s;
    this.scope = s;
    this.stmts(mod.body);
    return s;
  }

  private childQualname(name: string): string {
    const s = this.scope;
    if (s.kind === 'module') return name;
    if (s.kind === 'class') return `${s.qualname}.${name}`;
    return `${s.qualname}.<locals>.${name}`;
  }

  private bind(name: string, sp?: A.Span): void {
    const s = this.scope;
    if (s.globals.has(name) || s.nonlocals.has(name)) {
      s.bound.add(name);
      return;
    }
    s.bound.add(name);
  }

  private use(name: string): void {
    this.scope.used.add(name);
  }

  private withScope<T>(s: Scope, f: () => T): T {
    const prev = this.scope;
    const prevLoop = this.loopDepth;
    prev.children.push(s);
    this.scope = s;
    this.loopDepth = 0;
    try {
      return f();
    } finally {
      this.scope = prev;
      this.loopDepth = prevLoop;
    }
  }

  private stmts(body: A.Stmt[]): void {
    for (const st of body) this.stmt(st);
  }

  private stmt(st: A.Stmt): void {
    switch (st.type) {
      case 'FunctionDef': {
        for (const d of st.decorators) this.expr(d);
        this.argDefaults(st.args);
        if (st.returns) this.expr(st.returns);
        this.bind(st.name, st);
        const s = new Scope('function', st.name, this.childQualname(st.name), this.scope);
        st.scope = s;
        this.withScope(s, () => {
          this.params(st.args, st);
          this.stmts(st.body);
        });
        return;
      }
      case 'ClassDef': {
        for (const d of st.decorators) this.expr(d);
        for (const b of st.bases) this.expr(b);
        this.keywords(st.keywords);
        const s = new Scope('class', st.name, this.childQualname(st.name), this.scope);
        st.scope = s;
        this.withScope(s, () => this.stmts(st.body));
        this.bind(st.name, st);
        return;
      }
      case 'Return':
        if (this.scope.kind !== 'function') this.compileError("'return' outside function", st);
        if (st.value) this.expr(st.value);
        return;
      case 'Delete':
        for (const t of st.targets) this.target(t);
        return;
      case 'Assign':
        this.expr(st.value);
        for (const t of st.targets) this.assignTarget(t);
        return;
      case 'AugAssign':
        this.expr(st.value);
        if (st.target.type === 'Name') {
          this.use(st.target.id);
        }
        this.target(st.target);
        return;
      case 'AnnAssign':
        if (st.value) this.expr(st.value);
        this.expr(st.annotation);
        if (st.target.type === 'Name') {
          const s = this.scope;
          if (st.simple && (s.globals.has(st.target.id) || s.nonlocals.has(st.target.id))) {
            this.symtableError(`annotated name '${st.target.id}' can't be ${s.globals.has(st.target.id) ? 'global' : 'nonlocal'}`, st.target);
          }
          if (st.value || !st.simple) this.target(st.target);
          else {
            // `x: int` alone makes x local in a function without binding it
            this.scope.bound.add(st.target.id);
            this.scope.nameNodes.push(st.target);
          }
        } else this.target(st.target);
        return;
      case 'For':
        this.expr(st.iter);
        this.assignTarget(st.target);
        this.loopDepth++;
        this.stmts(st.body);
        this.loopDepth--;
        this.stmts(st.orelse);
        return;
      case 'While':
        this.expr(st.test);
        this.loopDepth++;
        this.stmts(st.body);
        this.loopDepth--;
        this.stmts(st.orelse);
        return;
      case 'If':
        this.expr(st.test);
        this.stmts(st.body);
        this.stmts(st.orelse);
        return;
      case 'With':
        for (const it of st.items) {
          this.expr(it.contextExpr);
          if (it.optionalVars) this.assignTarget(it.optionalVars);
        }
        this.stmts(st.body);
        return;
      case 'Match':
        return;
      case 'Raise':
        if (st.exc) this.expr(st.exc);
        if (st.cause) this.expr(st.cause);
        return;
      case 'Try':
        this.stmts(st.body);
        for (const h of st.handlers) {
          if (h.excType) this.expr(h.excType);
          if (h.name) this.bind(h.name, h);
          this.stmts(h.body);
        }
        this.stmts(st.orelse);
        this.stmts(st.finalbody);
        return;
      case 'Assert':
        this.expr(st.test);
        if (st.msg) this.expr(st.msg);
        return;
      case 'Import':
        for (const a of st.names) this.bind(a.asname ?? a.name.split('.')[0]!, a);
        return;
      case 'ImportFrom':
        for (const a of st.names) {
          if (a.name === '*') {
            if (this.scope.kind !== 'module') this.symtableError('import * only allowed at module level', st);
            continue;
          }
          this.bind(a.asname ?? a.name, a);
        }
        return;
      case 'Global':
      case 'Nonlocal':
        this.declare(st);
        return;
      case 'Expr':
        this.expr(st.value);
        return;
      case 'Pass':
        return;
      case 'Break':
        if (this.loopDepth === 0) this.compileError("'break' outside loop", st);
        return;
      case 'Continue':
        if (this.loopDepth === 0) this.compileError("'continue' not properly in loop", st);
        return;
    }
  }

  private declare(st: A.Global | A.Nonlocal): void {
    const s = this.scope;
    const isGlobal = st.type === 'Global';
    if (!isGlobal && s.kind === 'module') {
      this.symtableError('nonlocal declaration not allowed at module level', st);
      return;
    }
    let spans = this.declSpans.get(s);
    if (!spans) this.declSpans.set(s, (spans = new Map()));
    for (const name of st.names) {
      if (s.params.includes(name)) {
        this.symtableError(`name '${name}' is parameter and ${isGlobal ? 'global' : 'nonlocal'}`, st);
        continue;
      }
      if (isGlobal && s.nonlocals.has(name)) this.symtableError(`name '${name}' is nonlocal and global`, st);
      if (!isGlobal && s.globals.has(name)) this.symtableError(`name '${name}' is nonlocal and global`, st);
      if (s.bound.has(name)) {
        this.symtableError(`name '${name}' is assigned to before ${isGlobal ? 'global' : 'nonlocal'} declaration`, st);
      } else if (s.used.has(name)) {
        this.symtableError(`name '${name}' is used prior to ${isGlobal ? 'global' : 'nonlocal'} declaration`, st);
      }
      (isGlobal ? s.globals : s.nonlocals).add(name);
      spans.set(name, st);
    }
  }

  private argDefaults(args: A.Arguments): void {
    for (const d of args.defaults) this.expr(d);
    for (const d of args.kwDefaults) if (d) this.expr(d);
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs]) if (a.annotation) this.expr(a.annotation);
    if (args.vararg?.annotation) this.expr(args.vararg.annotation);
    if (args.kwarg?.annotation) this.expr(args.kwarg.annotation);
  }

  private params(args: A.Arguments, _owner: A.Span): void {
    const all = [...args.posonlyargs, ...args.args];
    if (args.vararg) all.push(args.vararg);
    all.push(...args.kwonlyargs);
    if (args.kwarg) all.push(args.kwarg);
    const seen = new Set<string>();
    for (const a of all) {
      if (seen.has(a.arg)) this.symtableError(`duplicate argument '${a.arg}' in function definition`, a);
      seen.add(a.arg);
      this.scope.params.push(a.arg);
      this.scope.bound.add(a.arg);
    }
  }

  private keywords(kws: A.Keyword[]): void {
    const seen = new Set<string>();
    for (const k of kws) {
      if (k.arg !== null) {
        if (seen.has(k.arg)) this.compileError(`keyword argument repeated: ${k.arg}`, k);
        seen.add(k.arg);
      }
      this.expr(k.value);
    }
  }

  /** An assignment target (checks starred usage). */
  private assignTarget(t: A.Expr): void {
    if (t.type === 'Starred') {
      this.compileError('starred assignment target must be in a list or tuple', t);
    }
    if (t.type === 'Tuple' || t.type === 'List') {
      const stars = t.elts.filter((e) => e.type === 'Starred');
      if (stars.length > 1) this.compileError('multiple starred expressions in assignment', t);
      for (const e of t.elts) {
        if (e.type === 'Starred') this.target(e.value);
        else this.assignTarget(e);
      }
      return;
    }
    this.target(t);
  }

  private target(t: A.Expr): void {
    switch (t.type) {
      case 'Name':
        if (t.ctx === 'Del') this.scope.bound.add(t.id);
        else this.bind(t.id, t);
        this.scope.nameNodes.push(t);
        return;
      case 'Attribute':
        this.expr(t.value);
        return;
      case 'Subscript':
        this.expr(t.value);
        this.expr(t.slice);
        return;
      case 'Starred':
        this.target(t.value);
        return;
      case 'Tuple':
      case 'List':
        for (const e of t.elts) this.target(e);
        return;
      default:
        this.expr(t);
    }
  }

  private exprs(list: A.Expr[]): void {
    for (const e of list) this.expr(e);
  }

  private expr(e: A.Expr, starOk = false): void {
    switch (e.type) {
      case 'Name':
        this.use(e.id);
        if (e.ctx !== 'Load') this.bind(e.id, e);
        this.scope.nameNodes.push(e);
        if (e.id === 'super' && e.ctx === 'Load') this.markClassCell();
        if (e.id === '__class__') this.markClassCell();
        return;
      case 'Constant':
        return;
      case 'BoolOp':
        this.exprs(e.values);
        return;
      case 'NamedExpr': {
        this.expr(e.value);
        // the target binds in the nearest non-comprehension scope
        let s: Scope = this.scope;
        while (s.kind === 'comprehension' && s.parent) s = s.parent;
        if (s.kind === 'class' && this.scope.kind === 'comprehension') {
          this.compileError('assignment expression within a comprehension cannot be used in a class body', e);
        }
        if (s !== this.scope) {
          // the comprehension sees it as a free variable of the enclosing scope
          s.bound.add(e.target.id);
          this.scope.used.add(e.target.id);
          this.scope.nameNodes.push(e.target);
        } else {
          this.bind(e.target.id, e.target);
          this.scope.nameNodes.push(e.target);
        }
        return;
      }
      case 'BinOp':
        this.expr(e.left);
        this.expr(e.right);
        return;
      case 'UnaryOp':
        this.expr(e.operand);
        return;
      case 'Lambda': {
        this.argDefaults(e.args);
        const s = new Scope('function', '<lambda>', this.childQualname('<lambda>'), this.scope);
        e.scope = s;
        this.withScope(s, () => {
          this.params(e.args, e);
          this.expr(e.body);
        });
        return;
      }
      case 'IfExp':
        this.expr(e.test);
        this.expr(e.body);
        this.expr(e.orelse);
        return;
      case 'Dict':
        for (const k of e.keys) if (k) this.expr(k);
        this.exprs(e.values);
        return;
      case 'Set':
      case 'List':
      case 'Tuple':
        for (const x of e.elts) this.expr(x, true);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp':
        this.comprehension(e);
        return;
      case 'Await': {
        let s: Scope | null = this.scope;
        while (s && s.kind === 'comprehension') s = s.parent;
        if (!s || s.kind !== 'function') this.compileError("'await' outside function", e);
        this.expr(e.value);
        return;
      }
      case 'Yield':
      case 'YieldFrom': {
        const s = this.scope;
        if (s.kind === 'comprehension') {
          this.symtableError(`'yield' inside ${s.name === '<genexpr>' ? 'generator expression' : s.name.slice(1, -1).replace('comp', ' comprehension')}`, e);
        } else if (s.kind !== 'function') this.compileError("'yield' outside function", e);
        else s.isGenerator = true;
        if (e.value) this.expr(e.value);
        return;
      }
      case 'Compare':
        this.expr(e.left);
        this.exprs(e.comparators);
        return;
      case 'Call':
        this.expr(e.func);
        for (const a of e.args) this.expr(a, true);
        this.keywords(e.keywords);
        return;
      case 'FormattedValue':
        this.expr(e.value);
        if (e.formatSpec) this.expr(e.formatSpec);
        return;
      case 'JoinedStr':
        this.exprs(e.values);
        return;
      case 'Attribute':
        this.expr(e.value);
        return;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice, true);
        return;
      case 'Starred':
        if (!starOk && e.ctx === 'Load') this.compileError("can't use starred expression here", e);
        this.expr(e.value);
        return;
      case 'Slice':
        if (e.lower) this.expr(e.lower);
        if (e.upper) this.expr(e.upper);
        if (e.step) this.expr(e.step);
        return;
    }
  }

  private markClassCell(): void {
    // a function (or lambda/comprehension inside one) directly within a class body
    let s: Scope | null = this.scope;
    while (s && s.kind !== 'class') {
      if (s.kind === 'module') return;
      const parent: Scope | null = s.parent;
      if (parent && parent.kind === 'class') {
        parent.needsClassCell = true;
        s.used.add('__class__');
        // make sure every scope between uses it
        let t: Scope | null = this.scope;
        while (t && t !== parent) {
          t.used.add('__class__');
          t = t.parent;
        }
        return;
      }
      s = parent;
    }
  }

  private comprehension(e: A.ListComp | A.SetComp | A.GeneratorExp | A.DictComp): void {
    const name = e.type === 'ListComp' ? '<listcomp>' : e.type === 'SetComp' ? '<setcomp>' : e.type === 'DictComp' ? '<dictcomp>' : '<genexpr>';
    // the first iterable is evaluated in the enclosing scope
    this.expr(e.generators[0]!.iter);
    const s = new Scope('comprehension', name, this.childQualname(name), this.scope);
    e.scope = s;
    this.withScope(s, () => {
      e.generators.forEach((g, i) => {
        if (i > 0) this.expr(g.iter);
        this.compTarget(g.target);
        for (const c of g.ifs) this.expr(c);
      });
      if (e.type === 'DictComp') {
        this.expr(e.key);
        this.expr(e.value);
      } else {
        this.expr(e.elt);
      }
    });
  }

  private compTarget(t: A.Expr): void {
    this.assignTarget(t);
  }
}

/** Checks that nonlocal declarations find a binding in an enclosing function scope. */
function checkNonlocals(s: Scope, b: Builder): void {
  // nonlocal declarations must find a binding in an enclosing function scope
  for (const name of s.nonlocals) {
    let p = s.parent;
    let found = false;
    while (p) {
      if ((p.kind === 'function' || p.kind === 'comprehension') && (p.bound.has(name) || p.nonlocals.has(name)) && !p.globals.has(name)) {
        found = true;
        break;
      }
      p = p.parent;
    }
    if (!found) {
      const sp = b.declSpans.get(s)?.get(name) ?? { line: 1, col: 0, endLine: 1, endCol: 0 };
      b.symtableErrors.push(errAt(`no binding for nonlocal '${name}' found`, sp, 1));
    }
  }
  for (const c of s.children) checkNonlocals(c, b);
}

function checkNonlocalsThenAnalyze(top: Scope, b: Builder): void {
  checkNonlocals(top, b);
  analyze(top);
}

function isFunctionLike(s: Scope): boolean {
  return s.kind === 'function' || s.kind === 'comprehension';
}

/** Finds the function scope that binds `name`, walking out from `s.parent` (skipping classes). */
function findBinding(s: Scope, name: string): Scope | null {
  let p = s.parent;
  while (p) {
    if (p.kind === 'module') return null;
    if (isFunctionLike(p)) {
      if (p.globals.has(name)) return null;
      if (p.bound.has(name) && !p.nonlocals.has(name)) return p;
    }
    p = p.parent;
  }
  return null;
}

function analyze(s: Scope): void {
  const names = new Set<string>([...s.used, ...s.bound, ...s.nonlocals, ...s.globals]);
  for (const name of names) {
    let r: Res;
    if (s.globals.has(name)) r = Res.Global;
    else if (s.kind === 'module') r = Res.Name;
    else if (s.kind === 'class') {
      if (s.bound.has(name) && !s.nonlocals.has(name)) r = Res.Name;
      else if (name === '__class__' && s.needsClassCell) r = Res.Name;
      else {
        const owner = findBinding(s, name);
        if (owner) {
          owner.cells.add(name);
          markFreePath(s, owner, name);
          r = Res.ClassDeref;
        } else if (s.nonlocals.has(name)) r = Res.Name;
        else r = Res.Name;
      }
    } else {
      // function or comprehension
      if (s.nonlocals.has(name)) {
        const owner = findBinding(s, name);
        if (owner) {
          owner.cells.add(name);
          markFreePath(s, owner, name);
        }
        r = Res.Deref;
      } else if (s.bound.has(name)) r = Res.Local;
      else if (name === '__class__' && classCellOwner(s)) {
        r = Res.Deref;
        markClassFree(s);
      } else {
        const owner = findBinding(s, name);
        if (owner) {
          owner.cells.add(name);
          markFreePath(s, owner, name);
          r = Res.Deref;
        } else r = Res.Global;
      }
    }
    s.res.set(name, r);
  }
  for (const c of s.children) analyze(c);
  // locals that became cells because of inner scopes
  if (isFunctionLike(s)) {
    for (const name of s.cells) if (s.res.get(name) === Res.Local || !s.res.has(name)) s.res.set(name, Res.Deref);
  }
  for (const n of s.nameNodes) n.res = s.resolve(n.id);
}

/** Every scope between `from` (included) and `owner` (excluded) passes the variable through as free. */
function markFreePath(from: Scope, owner: Scope, name: string): void {
  let p: Scope | null = from;
  while (p && p !== owner) {
    p.frees.add(name);
    p = p.parent;
  }
}

function classCellOwner(s: Scope): Scope | null {
  let p: Scope | null = s.parent;
  let cur: Scope = s;
  while (p) {
    if (p.kind === 'class') return p.needsClassCell && isFunctionLike(cur) ? p : null;
    cur = p;
    p = p.parent;
  }
  return null;
}

function markClassFree(s: Scope): void {
  let p: Scope | null = s;
  while (p && p.kind !== 'class') {
    p.frees.add('__class__');
    p = p.parent;
  }
}

/** Scope of a node (set by analyzeModule). */
export function scopeOf(node: { scope?: unknown }): Scope {
  return node.scope as Scope;
}
