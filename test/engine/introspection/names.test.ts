/**
 * inspectdb's name cleaning: column names → field names (with `db_column` and Django's notes) and
 * table names → class names. Every expectation was computed by Django 5.2.18's own
 * `Command.normalize_col_name` / `normalize_table_name` (Python 3.11) for the same inputs.
 */
import { describe, expect, it } from 'vitest';
import {
  comparePyStr,
  isPythonKeyword,
  normalizeColName,
  normalizeTableName,
  pyIsDigit,
  pyTitle,
} from '../../../src/engine/db/postgres/inspectdb.ts';
import { PyException } from '../../../src/engine/python/objects.ts';

/** [column, is_relation, used_column_names, name, params, notes] from Django. */
const DJANGO_COLUMNS: [string, boolean, string[], string, Record<string, string>, string[]][] = JSON.parse(
  String.raw`[["id", false, [], "id", {}, []], ["id", true, [], "id", {"db_column": "id"}, []], ["Name", false, [], "name", {"db_column": "Name"}, ["Field name made lowercase."]], ["Name", true, [], "name", {"db_column": "Name"}, ["Field name made lowercase."]], ["a b", false, [], "a_b", {"db_column": "a b"}, ["Field renamed to remove unsuitable characters."]], ["a b", true, [], "a_b", {"db_column": "a b"}, ["Field renamed to remove unsuitable characters."]], ["a__b", false, [], "a_b", {"db_column": "a__b"}, ["Field renamed because it contained more than one '_' in a row."]], ["a__b", true, [], "a_b", {"db_column": "a__b"}, ["Field renamed because it contained more than one '_' in a row."]], ["a - b", false, [], "a_b", {"db_column": "a - b"}, ["Field renamed to remove unsuitable characters."]], ["a - b", true, [], "a_b", {"db_column": "a - b"}, ["Field renamed to remove unsuitable characters."]], ["_x", false, [], "field_x", {"db_column": "_x"}, ["Field renamed because it started with '_'."]], ["_x", true, [], "field_x", {"db_column": "_x"}, ["Field renamed because it started with '_'."]], ["x_", false, [], "x_field", {"db_column": "x_"}, ["Field renamed because it ended with '_'."]], ["x_", true, [], "x_field", {"db_column": "x_"}, ["Field renamed because it ended with '_'."]], ["__", false, [], "field_field", {"db_column": "__"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it started with '_'.", "Field renamed because it ended with '_'."]], ["__", true, [], "field_field", {"db_column": "__"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it started with '_'.", "Field renamed because it ended with '_'."]], ["_", false, [], "field_field", {"db_column": "_"}, ["Field renamed because it started with '_'.", "Field renamed because it ended with '_'."]], ["_", true, [], "field_field", {"db_column": "_"}, ["Field renamed because it started with '_'.", "Field renamed because it ended with '_'."]], ["class", false, [], "class_field", {"db_column": "class"}, ["Field renamed because it was a Python reserved word."]], ["class", true, [], "class_field", {"db_column": "class"}, ["Field renamed because it was a Python reserved word."]], ["def", false, [], "def_field", {"db_column": "def"}, ["Field renamed because it was a Python reserved word."]], ["def", true, [], "def_field", {"db_column": "def"}, ["Field renamed because it was a Python reserved word."]], ["None", false, [], "none", {"db_column": "None"}, ["Field name made lowercase."]], ["None", true, [], "none", {"db_column": "None"}, ["Field name made lowercase."]], ["True", false, [], "true", {"db_column": "True"}, ["Field name made lowercase."]], ["True", true, [], "true", {"db_column": "True"}, ["Field name made lowercase."]], ["match", false, [], "match", {}, []], ["match", true, [], "match", {"db_column": "match"}, []], ["type", false, [], "type", {}, []], ["type", true, [], "type", {"db_column": "type"}, []], ["print", false, [], "print", {}, []], ["print", true, [], "print", {"db_column": "print"}, []], ["1st", false, [], "number_1st", {"db_column": "1st"}, ["Field renamed because it wasn't a valid Python identifier."]], ["1st", true, [], "number_1st", {"db_column": "1st"}, ["Field renamed because it wasn't a valid Python identifier."]], ["²nd", false, [], "number_²nd", {"db_column": "²nd"}, ["Field renamed because it wasn't a valid Python identifier."]], ["²nd", true, [], "number_²nd", {"db_column": "²nd"}, ["Field renamed because it wasn't a valid Python identifier."]], ["١٢", false, [], "number_١٢", {"db_column": "١٢"}, ["Field renamed because it wasn't a valid Python identifier."]], ["١٢", true, [], "number_١٢", {"db_column": "١٢"}, ["Field renamed because it wasn't a valid Python identifier."]], ["café", false, [], "café", {}, []], ["café", true, [], "café", {"db_column": "café"}, []], ["ΣΑΣ", false, [], "σας", {"db_column": "ΣΑΣ"}, ["Field name made lowercase."]], ["ΣΑΣ", true, [], "σας", {"db_column": "ΣΑΣ"}, ["Field name made lowercase."]], ["İstanbul", false, [], "i_stanbul", {"db_column": "İstanbul"}, ["Field name made lowercase.", "Field renamed to remove unsuitable characters."]], ["İstanbul", true, [], "i_stanbul", {"db_column": "İstanbul"}, ["Field name made lowercase.", "Field renamed to remove unsuitable characters."]], ["x.y", false, [], "x_y", {"db_column": "x.y"}, ["Field renamed to remove unsuitable characters."]], ["x.y", true, [], "x_y", {"db_column": "x.y"}, ["Field renamed to remove unsuitable characters."]], ["dq\"uote", false, [], "dq_uote", {"db_column": "dq\"uote"}, ["Field renamed to remove unsuitable characters."]], ["dq\"uote", true, [], "dq_uote", {"db_column": "dq\"uote"}, ["Field renamed to remove unsuitable characters."]], ["q'uote", false, [], "q_uote", {"db_column": "q'uote"}, ["Field renamed to remove unsuitable characters."]], ["q'uote", true, [], "q_uote", {"db_column": "q'uote"}, ["Field renamed to remove unsuitable characters."]], ["tab\tcol", false, [], "tab_col", {"db_column": "tab\tcol"}, ["Field renamed to remove unsuitable characters."]], ["tab\tcol", true, [], "tab_col", {"db_column": "tab\tcol"}, ["Field renamed to remove unsuitable characters."]], ["CamelCase", false, [], "camelcase", {"db_column": "CamelCase"}, ["Field name made lowercase."]], ["CamelCase", true, [], "camelcase", {"db_column": "CamelCase"}, ["Field name made lowercase."]], ["ÄÖÜ", false, [], "äöü", {"db_column": "ÄÖÜ"}, ["Field name made lowercase."]], ["ÄÖÜ", true, [], "äöü", {"db_column": "ÄÖÜ"}, ["Field name made lowercase."]], ["日本", false, [], "日本", {}, []], ["日本", true, [], "日本", {"db_column": "日本"}, []], ["naïve__", false, [], "naïve_field", {"db_column": "naïve__"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it ended with '_'."]], ["naïve__", true, [], "naïve_field", {"db_column": "naïve__"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it ended with '_'."]], ["é", false, [], "e_field", {"db_column": "é"}, ["Field renamed to remove unsuitable characters.", "Field renamed because it ended with '_'."]], ["é", true, [], "e_field", {"db_column": "é"}, ["Field renamed to remove unsuitable characters.", "Field renamed because it ended with '_'."]], ["ǅ", false, [], "ǆ", {"db_column": "ǅ"}, ["Field name made lowercase."]], ["ǅ", true, [], "ǆ", {"db_column": "ǅ"}, ["Field name made lowercase."]], ["ﬁeld", false, [], "ﬁeld", {}, []], ["ﬁeld", true, [], "ﬁeld", {"db_column": "ﬁeld"}, []], ["K", false, [], "k", {"db_column": "K"}, ["Field name made lowercase."]], ["K", true, [], "k", {"db_column": "K"}, ["Field name made lowercase."]], ["ſ", false, [], "ſ", {}, []], ["ſ", true, [], "ſ", {"db_column": "ſ"}, []], ["a\u200bb", false, [], "a_b", {"db_column": "a\u200bb"}, ["Field renamed to remove unsuitable characters."]], ["a\u200bb", true, [], "a_b", {"db_column": "a\u200bb"}, ["Field renamed to remove unsuitable characters."]], ["Ⅳ", false, [], "ⅳ", {"db_column": "Ⅳ"}, ["Field name made lowercase."]], ["Ⅳ", true, [], "ⅳ", {"db_column": "Ⅳ"}, ["Field name made lowercase."]], ["x²", false, [], "x²", {}, []], ["x²", true, [], "x²", {"db_column": "x²"}, []], ["①x", false, [], "number_①x", {"db_column": "①x"}, ["Field renamed because it wasn't a valid Python identifier."]], ["①x", true, [], "number_①x", {"db_column": "①x"}, ["Field renamed because it wasn't a valid Python identifier."]], ["A__B__C", false, [], "a_b_c", {"db_column": "A__B__C"}, ["Field name made lowercase.", "Field renamed because it contained more than one '_' in a row."]], ["A__B__C", true, [], "a_b_c", {"db_column": "A__B__C"}, ["Field name made lowercase.", "Field renamed because it contained more than one '_' in a row."]], ["___a", false, [], "field_a", {"db_column": "___a"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it started with '_'."]], ["___a", true, [], "field_a", {"db_column": "___a"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because it started with '_'."]], ["owner_id", true, [], "owner", {}, []], ["Owner_ID", true, [], "owner", {"db_column": "Owner_ID"}, ["Field name made lowercase."]], ["owner", true, [], "owner", {"db_column": "owner"}, []], ["class_id", true, [], "class_field", {"db_column": "class_id"}, ["Field renamed because it was a Python reserved word."]], ["x__id", true, [], "x_field", {"db_column": "x__id"}, ["Field renamed because it ended with '_'."]], ["id", true, [], "id", {"db_column": "id"}, []], ["from", true, [], "from_field", {"db_column": "from"}, ["Field renamed because it was a Python reserved word."]], ["2fa_id", true, [], "number_2fa", {"db_column": "2fa_id"}, ["Field renamed because it wasn't a valid Python identifier."]], ["ID", true, [], "id", {"db_column": "ID"}, ["Field name made lowercase."]], ["a_id_id", true, [], "a_id", {}, []], ["name", false, ["name", "name_0", "a_b"], "name_1", {"db_column": "name"}, ["Field renamed because of name conflict."]], ["Name", false, ["name", "name_0", "a_b"], "name_1", {"db_column": "Name"}, ["Field name made lowercase.", "Field renamed because of name conflict."]], ["a b", false, ["name", "name_0", "a_b"], "a_b_0", {"db_column": "a b"}, ["Field renamed to remove unsuitable characters.", "Field renamed because of name conflict."]], ["a__b", false, ["name", "name_0", "a_b"], "a_b_0", {"db_column": "a__b"}, ["Field renamed because it contained more than one '_' in a row.", "Field renamed because of name conflict."]], ["id", false, ["name", "name_0", "a_b"], "id", {}, []]]`,
);

/** [table, model name] from Django. */
const DJANGO_TABLES: [string, string][] = JSON.parse(String.raw`[["legacy_items", "LegacyItems"], ["Legacy-Items", "LegacyItems"], ["2fa_codes", "2FaCodes"], ["straße_daten", "StraeDaten"], ["ßeta", "Sseta"], ["ﬁle.list", "FileList"], ["σίσυφος", ""], ["o'brien", "OBrien"], ["CamelCase", "Camelcase"], ["UPPER", "Upper"], ["with space", "WithSpace"], ["x", "X"], ["_under__score_", "UnderScore"], ["a1b2c3", "A1B2C3"], ["mIxEd_CaSe", "MixedCase"], ["ǆemal", "emal"], ["ŉx", "Nx"], ["ǰx", "Jx"], ["K_elvin", "KElvin"], ["ſtrange", "Strange"], ["über", "ber"], ["ĳssel", "ssel"], ["a.b.c", "ABC"], ["tbl$1", "Tbl1"], ["İx", "x"], ["aİx", "Aix"], ["ǅx", "x"]]`);

describe('normalizeColName', () => {
  for (const [col, isRelation, used, name, params, notes] of DJANGO_COLUMNS) {
    it(`${JSON.stringify(col)}${isRelation ? ' (relation)' : ''}${used.length ? ' (names taken)' : ''}`, () => {
      const r = normalizeColName(col, used, isRelation);
      expect({ name: r.name, params: Object.fromEntries(r.params), notes: r.notes }).toEqual({ name, params, notes });
    });
  }

  it('keeps params in Django\'s order: db_column first', () => {
    expect([...normalizeColName('Owner', [], true).params.keys()]).toEqual(['db_column']);
  });

  it('a relation column named `_id` leaves an empty name: IndexError like Django', () => {
    let err: unknown;
    try {
      normalizeColName('_id', [], true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PyException);
    expect((err as PyException).lastLine).toBe('IndexError: string index out of range');
  });

  it('numbers names that collide, counting up from 0', () => {
    const used: string[] = [];
    const names = ['name', 'Name', 'NAME', 'name_0'].map((c) => {
      const n = normalizeColName(c, used, false).name;
      used.push(n);
      return n;
    });
    expect(names).toEqual(['name', 'name_0', 'name_1', 'name_0_0']);
  });
});

describe('normalizeTableName', () => {
  for (const [table, model] of DJANGO_TABLES) {
    it(`${JSON.stringify(table)} → ${JSON.stringify(model)}`, () => {
      expect(normalizeTableName(table)).toBe(model);
    });
  }
});

describe('Python string helpers', () => {
  it('str.title()', () => {
    expect(pyTitle('legacy_items')).toBe('Legacy_Items');
    expect(pyTitle('2fa codes')).toBe('2Fa Codes');
    expect(pyTitle('ItemID')).toBe('Itemid');
    expect(pyTitle("o'brien")).toBe("O'Brien");
    expect(pyTitle('ßa')).toBe('Ssa');
    expect(pyTitle('ΣΑΣ x')).toBe('Σας X');
  });

  it('keyword.iskeyword (hard keywords only, case-sensitive)', () => {
    for (const k of ['class', 'def', 'from', 'pass', 'async', 'await', 'None', 'True', 'False', 'nonlocal']) expect(isPythonKeyword(k)).toBe(true);
    for (const k of ['match', 'case', 'type', '_', 'none', 'true', 'print', 'self', 'exec']) expect(isPythonKeyword(k)).toBe(false);
  });

  it('str.isdigit() of a first character', () => {
    for (const c of ['0', '9', '١', '²', '①', '₃']) expect(pyIsDigit(c)).toBe(true);
    for (const c of ['a', '_', 'Ⅳ', '½', '']) expect(pyIsDigit(c)).toBe(false);
  });

  it('sorted() order of table names: by code point', () => {
    const names = ['b', 'B', 'a_b', 'aB', '\u{1F600}x', '\uFF21', 'Legacy-Items', '2fa', '_x'];
    expect([...names].sort(comparePyStr)).toEqual(['2fa', 'B', 'Legacy-Items', '_x', 'aB', 'a_b', 'b', '\uFF21', '\u{1F600}x']);
  });
});
