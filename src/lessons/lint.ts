/**
 * A small linter for the SQL of a migration (what `sqlmigrate` prints): flags the statements
 * that lock or rewrite a table on PostgreSQL, for the production-safety lesson's lint panel.
 */
import type { LessonStringKey } from './i18n.ts';

export type LintSeverity = 'danger' | 'warning' | 'info';

export interface LintFinding {
  severity: LintSeverity;
  /** The message's key in the lesson strings (src/lessons/i18n.ts). */
  message: LessonStringKey;
  /** The statement, as sqlmigrate printed it. */
  statement: string;
}

/** Statements of sqlmigrate's output: one per line, `--` comments and BEGIN/COMMIT left out. */
export function sqlStatements(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const l = line.trim();
    if (!l || l.startsWith('--') || l === 'BEGIN;' || l === 'COMMIT;') continue;
    // "SET CONSTRAINTS … IMMEDIATE; ALTER TABLE …" share a line
    for (const part of l.split(/;\s+(?=[A-Z])/)) if (part.trim()) out.push(part.trim().replace(/;?$/, ';'));
  }
  return out;
}

export function lintStatement(stmt: string): LintFinding[] {
  const s = stmt.replace(/\s+/g, ' ');
  const found: LintFinding[] = [];
  const add = (severity: LintSeverity, message: LessonStringKey) => found.push({ severity, message, statement: stmt });
  if (/^SET CONSTRAINTS\b/i.test(s)) return found;
  if (/\bALTER COLUMN\b.*\bTYPE\b/i.test(s)) add('danger', 'lint.type');
  if (/\bSET NOT NULL\b/i.test(s)) add('warning', 'lint.notNull');
  if (/^CREATE (UNIQUE )?INDEX\b/i.test(s) && !/\bCONCURRENTLY\b/i.test(s)) add('warning', 'lint.index');
  if (/\bADD CONSTRAINT\b.*\bFOREIGN KEY\b/i.test(s) && !/\bNOT VALID\b/i.test(s)) add('warning', 'lint.fk');
  else if (/\bADD CONSTRAINT\b.*\b(UNIQUE|CHECK|PRIMARY KEY|EXCLUDE)\b/i.test(s) && !/\bNOT VALID\b/i.test(s)) add('warning', 'lint.constraint');
  if (/\bADD COLUMN\b.*\bREFERENCES\b/i.test(s)) add('warning', 'lint.fk');
  if (/\bADD COLUMN\b.*\bDEFAULT\b.*\bNOT NULL\b/i.test(s)) add('info', 'lint.addNotNull');
  if (/^UPDATE\b/i.test(s)) add('warning', 'lint.update');
  if (/^DROP TABLE\b/i.test(s) || /\bDROP COLUMN\b/i.test(s)) add('danger', 'lint.drop');
  if (/\bRENAME (TO|COLUMN)\b/i.test(s)) add('info', 'lint.rename');
  return found;
}

export function lintSql(output: string): LintFinding[] {
  return sqlStatements(output).flatMap(lintStatement);
}
