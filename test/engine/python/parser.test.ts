import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseModule, parseExpression } from '../../../src/engine/python/parser.ts';
import type * as A from '../../../src/engine/python/ast.ts';
import { PyException, PyTuple, str } from '../../../src/engine/python/objects.ts';

function expr(src: string): A.Expr {
  return parseExpression(src);
}

function constant(src: string): A.ConstantValue {
  const e = expr(src);
  if (e.type !== 'Constant') throw new Error(`not a constant: ${e.type}`);
  return e.value;
}

function syntaxError(src: string, filename = 'f.py'): PyException {
  try {
    parseModule(src, filename);
  } catch (e) {
    if (e instanceof PyException) return e;
    throw e;
  }
  throw new Error('no SyntaxError');
}

describe('literals', () => {
  it('parses string forms', () => {
    expect(constant(`'abc'`)).toEqual({ kind: 'str', value: 'abc' });
    expect(constant(`"a'b"`)).toEqual({ kind: 'str', value: "a'b" });
    expect(constant(`'''x\ny'''`)).toEqual({ kind: 'str', value: 'x\ny' });
    expect(constant(`"""q"q"""`)).toEqual({ kind: 'str', value: 'q"q' });
    expect(constant(`r'\\d+\\n'`)).toEqual({ kind: 'str', value: '\\d+\\n' });
    expect(constant(`'a' "b" 'c'`)).toEqual({ kind: 'str', value: 'abc' });
    expect(constant(`u'x'`)).toEqual({ kind: 'str', value: 'x' });
  });

  it('decodes escapes', () => {
    expect(constant(`'\\n\\t\\\\\\'\\"'`)).toEqual({ kind: 'str', value: '\n\t\\\'"' });
    expect(constant(`'\\x41\\u00e9\\U0001F40D'`)).toEqual({ kind: 'str', value: 'A\u00e9\u{1F40D}' });
    expect(constant(`'\\101\\0'`)).toEqual({ kind: 'str', value: 'A\0' });
    expect(constant(`'\\N{EM DASH}'`)).toEqual({ kind: 'str', value: '\u2014' });
    expect(constant(`'\\q'`)).toEqual({ kind: 'str', value: '\\q' });
    expect(constant(`'a\\\nb'`)).toEqual({ kind: 'str', value: 'ab' });
  });

  it('parses bytes', () => {
    const v = constant(`b'A\\x00\\n' rb'\\d'`);
    expect(v.kind).toBe('bytes');
    if (v.kind === 'bytes') expect(Array.from(v.value)).toEqual([65, 0, 10, 92, 100]);
  });

  it('parses numbers', () => {
    expect(constant('42')).toEqual({ kind: 'int', value: 42n });
    expect(constant('1_000_000')).toEqual({ kind: 'int', value: 1000000n });
    expect(constant('0xFF')).toEqual({ kind: 'int', value: 255n });
    expect(constant('0o17')).toEqual({ kind: 'int', value: 15n });
    expect(constant('0b1010')).toEqual({ kind: 'int', value: 10n });
    expect(constant('123456789012345678901234567890')).toEqual({ kind: 'int', value: 123456789012345678901234567890n });
    expect(constant('3.25')).toEqual({ kind: 'float', value: 3.25 });
    expect(constant('1e3')).toEqual({ kind: 'float', value: 1000 });
    expect(constant('.5')).toEqual({ kind: 'float', value: 0.5 });
    expect(constant('1.')).toEqual({ kind: 'float', value: 1 });
    expect(constant('2j')).toEqual({ kind: 'complex', imag: 2 });
    expect(constant('0')).toEqual({ kind: 'int', value: 0n });
    expect(constant('00')).toEqual({ kind: 'int', value: 0n });
  });

  it('parses keywords and ellipsis', () => {
    expect(constant('True')).toEqual({ kind: 'bool', value: true });
    expect(constant('False')).toEqual({ kind: 'bool', value: false });
    expect(constant('None')).toEqual({ kind: 'None' });
    expect(constant('...')).toEqual({ kind: 'Ellipsis' });
  });

  it('parses f-strings', () => {
    const e = expr(`f"a{b!r:>{w}} {c=} {{x}}"`);
    expect(e.type).toBe('JoinedStr');
    if (e.type !== 'JoinedStr') return;
    const [lit, field, mid, doc, selfDoc, tail] = e.values;
    expect(lit).toMatchObject({ type: 'Constant', value: { kind: 'str', value: 'a' } });
    expect(field).toMatchObject({ type: 'FormattedValue', conversion: 'r', value: { type: 'Name', id: 'b' } });
    if (field?.type === 'FormattedValue') {
      expect(field.formatSpec?.values.map((v) => v.type)).toEqual(['Constant', 'FormattedValue']);
    }
    expect(mid).toMatchObject({ type: 'Constant', value: { kind: 'str', value: ' c=' } });
    expect(doc).toMatchObject({ type: 'FormattedValue', conversion: 'r', value: { type: 'Name', id: 'c' } });
    expect(selfDoc).toMatchObject({ type: 'Constant', value: { kind: 'str', value: ' {x}' } });
    expect(tail).toBeUndefined();
  });

  it('f-string nested quotes of another kind', () => {
    const e = expr(`f"{d['k']}-{x + 1:.2f}"`);
    expect(e.type).toBe('JoinedStr');
    if (e.type !== 'JoinedStr') return;
    expect(e.values[0]).toMatchObject({ type: 'FormattedValue', value: { type: 'Subscript' } });
    expect(e.values[2]).toMatchObject({ type: 'FormattedValue', value: { type: 'BinOp', op: '+' } });
  });
});

describe('statements and positions', () => {
  it('records positions on nodes', () => {
    const mod = parseModule('x = 1\n\ndef f(a, /, b=2, *args, c, **kw):\n    return a + b\n', 'm.py');
    const def = mod.body[1]!;
    expect(def).toMatchObject({ type: 'FunctionDef', name: 'f', line: 3, col: 0, endLine: 4, endCol: 16 });
    if (def.type !== 'FunctionDef') return;
    expect(def.args.posonlyargs.map((a) => a.arg)).toEqual(['a']);
    expect(def.args.args.map((a) => a.arg)).toEqual(['b']);
    expect(def.args.vararg?.arg).toBe('args');
    expect(def.args.kwonlyargs.map((a) => a.arg)).toEqual(['c']);
    expect(def.args.kwarg?.arg).toBe('kw');
    const ret = def.body[0]!;
    expect(ret).toMatchObject({ type: 'Return', line: 4, col: 4, value: { type: 'BinOp', line: 4, col: 11, endCol: 16 } });
  });

  it('parses comparisons, boolean operators and unary operators', () => {
    expect(expr('a < b <= c')).toMatchObject({ type: 'Compare', ops: ['<', '<='], comparators: [{ id: 'b' }, { id: 'c' }] });
    expect(expr('a not in b')).toMatchObject({ type: 'Compare', ops: ['not in'] });
    expect(expr('a is not b')).toMatchObject({ type: 'Compare', ops: ['is not'] });
    expect(expr('a and b and c')).toMatchObject({ type: 'BoolOp', op: 'and', values: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    expect(expr('not a or b')).toMatchObject({ type: 'BoolOp', op: 'or', values: [{ type: 'UnaryOp', op: 'not' }, { id: 'b' }] });
    expect(expr('-x ** 2')).toMatchObject({ type: 'UnaryOp', op: '-', operand: { type: 'BinOp', op: '**' } });
    expect(expr('~Q(a=1) | Q(b=2)')).toMatchObject({ type: 'BinOp', op: '|', left: { type: 'UnaryOp', op: '~' } });
  });

  it('parses calls, subscripts and comprehensions', () => {
    expect(expr('f(1, *a, k=2, **kw)')).toMatchObject({
      type: 'Call',
      args: [{ type: 'Constant' }, { type: 'Starred' }],
      keywords: [{ arg: 'k' }, { arg: null }],
    });
    expect(expr('a[1:2, ::3]')).toMatchObject({ type: 'Subscript', slice: { type: 'Tuple', elts: [{ type: 'Slice' }, { type: 'Slice', step: { type: 'Constant' } }] } });
    expect(expr('[x for x in y if x for z in x]')).toMatchObject({ type: 'ListComp', generators: [{ ifs: [{ id: 'x' }] }, { ifs: [] }] });
    expect(expr('{k: v for k, v in d.items()}')).toMatchObject({ type: 'DictComp', generators: [{ target: { type: 'Tuple' } }] });
    expect(expr('sum(x for x in y)')).toMatchObject({ type: 'Call', args: [{ type: 'GeneratorExp' }] });
    expect(expr('lambda a, *b, c=1, **d: a')).toMatchObject({ type: 'Lambda', args: { args: [{ arg: 'a' }], vararg: { arg: 'b' } } });
    expect(expr('(n := 10)')).toMatchObject({ type: 'NamedExpr', target: { id: 'n' } });
  });

  it('parses imports', () => {
    const mod = parseModule('import a.b.c as d, e\nfrom ..x.y import (f as g, h)\nfrom . import m\nfrom .models import *\n', 'm.py');
    expect(mod.body[0]).toMatchObject({ type: 'Import', names: [{ name: 'a.b.c', asname: 'd' }, { name: 'e', asname: null }] });
    expect(mod.body[1]).toMatchObject({ type: 'ImportFrom', module: 'x.y', level: 2, names: [{ name: 'f', asname: 'g' }, { name: 'h' }] });
    expect(mod.body[2]).toMatchObject({ type: 'ImportFrom', module: null, level: 1 });
    expect(mod.body[3]).toMatchObject({ type: 'ImportFrom', module: 'models', names: [{ name: '*' }] });
  });

  it('treats print as a plain name (no Python 2 statement)', () => {
    const mod = parseModule('print = 5\nprint[0]\nprint(x)\n', 'm.py');
    expect(mod.body.map((s) => s.type)).toEqual(['Assign', 'Expr', 'Expr']);
  });

  it('accepts a bare yield', () => {
    const mod = parseModule('def g():\n    x = yield\n    yield\n', 'm.py');
    expect(mod.body[0]!.type).toBe('FunctionDef');
  });
});

interface Case {
  src: string;
  err: null | { type: string; msg: string; lineno: number; offset: number; end_lineno: number; end_offset: number };
}

describe('syntax errors match CPython 3.11', () => {
  // Recorded with python3 3.11: compile(src, 'f.py', 'exec') for each snippet.
  const cases: Case[] = JSON.parse(readFileSync(new URL('./fixtures/syntax-errors.json', import.meta.url), 'utf8'));
  for (const c of cases) {
    it(JSON.stringify(c.src), () => {
      let got: Case['err'] = null;
      try {
        parseModule(c.src, 'f.py');
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        const d = e.value.dict;
        got = {
          type: e.value.cls.name,
          msg: d.get('msg') as string,
          lineno: Number(d.get('lineno')),
          offset: Number(d.get('offset')),
          end_lineno: Number(d.get('end_lineno')),
          end_offset: Number(d.get('end_offset')),
        };
      }
      expect(got).toEqual(c.err);
    });
  }
});

describe('SyntaxError objects', () => {
  it('carry CPython attributes and str()', () => {
    const src = 'from django.db import models\n\nclass Book(models.Model):\n    title = models.CharField(max_length=200)\n    name = models.CharField(max_length=100\n';
    const e = syntaxError(src, '/proj/shop/models.py');
    expect(e.value.cls.name).toBe('SyntaxError');
    expect(str(e.value)).toBe("'(' was never closed (models.py, line 5)");
    const args = e.value.dict.get('args') as PyTuple;
    expect(args.items[0]).toBe("'(' was never closed");
    const detail = args.items[1] as PyTuple;
    expect(detail.items).toEqual(['/proj/shop/models.py', 5n, 28n, '    name = models.CharField(max_length=100\n', 5n, 0n]);
  });

  it('IndentationError is a SyntaxError subclass', () => {
    const e = syntaxError('def f():\nreturn 1\n');
    expect(e.value.cls.name).toBe('IndentationError');
    expect(str(e.value)).toBe('expected an indented block after function definition on line 1 (f.py, line 2)');
  });

  it('match statements are reported as unsupported', () => {
    const e = syntaxError('match x:\n    case 1:\n        pass\n');
    expect(e.value.dict.get('msg')).toBe("'match' statements are not supported in this sandbox");
  });
});

describe('boolean operator precedence', () => {
  it('re-associates not/and/or like Python', () => {
    expect(expr('a and not b or c')).toMatchObject({
      type: 'BoolOp',
      op: 'or',
      values: [{ type: 'BoolOp', op: 'and', values: [{ id: 'a' }, { type: 'UnaryOp', op: 'not', operand: { id: 'b' } }] }, { id: 'c' }],
    });
    expect(expr('not a == b and c')).toMatchObject({
      type: 'BoolOp',
      op: 'and',
      values: [{ type: 'UnaryOp', op: 'not', operand: { type: 'Compare' } }, { id: 'c' }],
    });
    expect(expr('not (a or b)')).toMatchObject({ type: 'UnaryOp', op: 'not', operand: { type: 'BoolOp', op: 'or' } });
    expect(expr('not not a')).toMatchObject({ type: 'UnaryOp', op: 'not', operand: { type: 'UnaryOp', op: 'not' } });
  });
});
