/**
 * Splitting a SQL script into statements the way Django's `prepare_sql_script` does
 * (sqlparse.split, then sqlparse.format(strip_comments=True) on each statement): used by RunSQL
 * with a string of several statements.
 */

type TokenKind = 'ws' | 'newline' | 'line-comment' | 'block-comment' | 'string' | 'semicolon' | 'open' | 'close' | 'other';
interface Token {
  kind: TokenKind;
  text: string;
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === '\n' || c === '\r') {
      let j = i;
      while (j < n && (sql[j] === '\n' || sql[j] === '\r')) j++;
      out.push({ kind: 'newline', text: sql.slice(i, j) });
      i = j;
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      let j = i;
      while (j < n && (sql[j] === ' ' || sql[j] === '\t' || sql[j] === '\f' || sql[j] === '\v')) j++;
      out.push({ kind: 'ws', text: sql.slice(i, j) });
      i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      let j = i;
      while (j < n && sql[j] !== '\n' && sql[j] !== '\r') j++;
      while (j < n && (sql[j] === '\n' || sql[j] === '\r')) j++;
      out.push({ kind: 'line-comment', text: sql.slice(i, j) });
      i = j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end < 0 ? n : end + 2;
      out.push({ kind: 'block-comment', text: sql.slice(i, j) });
      i = j;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            j += 2;
            continue;
          }
          j++;
          break;
        }
        if (c === "'" && sql[j] === '\\' && (i > 0 && (sql[i - 1] === 'E' || sql[i - 1] === 'e'))) j++;
        j++;
      }
      out.push({ kind: 'string', text: sql.slice(i, j) });
      i = j;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const end = sql.indexOf(tag, i + tag.length);
        const j = end < 0 ? n : end + tag.length;
        out.push({ kind: 'string', text: sql.slice(i, j) });
        i = j;
      } else {
        out.push({ kind: 'other', text: c });
        i++;
      }
    } else if (c === ';') {
      out.push({ kind: 'semicolon', text: c });
      i++;
    } else if (c === '(') {
      out.push({ kind: 'open', text: c });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'close', text: c });
      i++;
    } else {
      let j = i + 1;
      while (j < n && !/[\s;'"$()\-/]/.test(sql[j]!)) j++;
      out.push({ kind: 'other', text: sql.slice(i, j) });
      i = j;
    }
  }
  return out;
}

const isWs = (t: Token | undefined) => t !== undefined && (t.kind === 'ws' || t.kind === 'newline');
const isComment = (t: Token) => t.kind === 'line-comment' || t.kind === 'block-comment';

/** sqlparse.format(statement, strip_comments=True) for one statement. */
export function stripComments(statement: string): string {
  const tokens = tokenize(statement);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!isComment(tok) || tok.text.startsWith('/*+') || tok.text.startsWith('--+')) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const newline = /([\r\n]+) *$/.exec(tok.text);
    const insert: Token = newline ? { kind: 'newline', text: newline[1]! } : { kind: 'ws', text: ' ' };
    if (prev === undefined || next === undefined || isWs(prev) || prev.kind === 'open' || isWs(next) || next.kind === 'close') {
      if (prev !== undefined && prev.kind !== 'open') {
        tokens.splice(i, 1, insert);
      } else {
        tokens.splice(i, 1);
        i--;
      }
    } else {
      tokens[i] = insert;
    }
  }
  const text = tokens.map((t) => t.text).join('');
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
}

/** sqlparse.split: statements including their terminating semicolon, stripped. */
export function splitStatements(sql: string): string[] {
  const tokens = tokenize(sql);
  const out: string[] = [];
  let cur = '';
  for (const t of tokens) {
    cur += t.text;
    if (t.kind === 'semicolon') {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** Django's connection.ops.prepare_sql_script. */
export function splitSqlScript(sql: string): string[] {
  return splitStatements(sql)
    .filter((s) => s !== '')
    .map(stripComments);
}
