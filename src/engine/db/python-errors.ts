/**
 * Database errors as Python sees them: psycopg2 raises `psycopg2.errors.<Condition>` (a subclass
 * of the DB-API class for its SQLSTATE class), and Django re-raises it as the same-named class
 * of django.db.utils (`raise dj_exc from exc`).
 */
import { PyClass, PyException, newException } from '../python/objects.ts';
import {
  DataError,
  DatabaseErrorClass,
  IntegrityError,
  InternalError,
  NotSupportedError,
  OperationalError,
  ProgrammingError,
} from '../django/exceptions.ts';
import { psycopgErrorMessage } from './connection.ts';
import type { DatabaseError } from './types.ts';

/** SQLSTATE → PostgreSQL condition name (errcodes.txt), for the psycopg2.errors class name. */
const CONDITIONS: Record<string, string> = {
  '0A000': 'feature_not_supported',
  '21000': 'cardinality_violation',
  '22000': 'data_exception',
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22004': 'null_value_not_allowed',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22012': 'division_by_zero',
  '22023': 'invalid_parameter_value',
  '22P02': 'invalid_text_representation',
  '22P04': 'bad_copy_file_format',
  '23000': 'integrity_constraint_violation',
  '23001': 'restrict_violation',
  '23502': 'not_null_violation',
  '23503': 'foreign_key_violation',
  '23505': 'unique_violation',
  '23514': 'check_violation',
  '23P01': 'exclusion_violation',
  '25001': 'active_sql_transaction',
  '25P02': 'in_failed_sql_transaction',
  '2BP01': 'dependent_objects_still_exist',
  '3D000': 'invalid_catalog_name',
  '3F000': 'invalid_schema_name',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '42000': 'syntax_error_or_access_rule_violation',
  '42501': 'insufficient_privilege',
  '42601': 'syntax_error',
  '42602': 'invalid_name',
  '42611': 'invalid_column_definition',
  '42622': 'name_too_long',
  '42701': 'duplicate_column',
  '42702': 'ambiguous_column',
  '42703': 'undefined_column',
  '42704': 'undefined_object',
  '42710': 'duplicate_object',
  '42712': 'duplicate_alias',
  '42723': 'duplicate_function',
  '42725': 'ambiguous_function',
  '42803': 'grouping_error',
  '42804': 'datatype_mismatch',
  '42809': 'wrong_object_type',
  '42830': 'invalid_foreign_key',
  '42846': 'cannot_coerce',
  '42883': 'undefined_function',
  '428C9': 'generated_always',
  '42939': 'reserved_name',
  '42P01': 'undefined_table',
  '42P02': 'undefined_parameter',
  '42P03': 'duplicate_cursor',
  '42P04': 'duplicate_database',
  '42P06': 'duplicate_schema',
  '42P07': 'duplicate_table',
  '42P09': 'ambiguous_alias',
  '42P10': 'invalid_column_reference',
  '42P11': 'invalid_cursor_definition',
  '42P13': 'invalid_function_definition',
  '42P15': 'invalid_schema_definition',
  '42P16': 'invalid_table_definition',
  '42P17': 'invalid_object_definition',
  '42P18': 'indeterminate_datatype',
  '55000': 'object_not_in_prerequisite_state',
  '55006': 'object_in_use',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  '58P01': 'undefined_file',
  'P0001': 'raise_exception',
  'P0002': 'no_data_found',
  'P0003': 'too_many_rows',
  'XX000': 'internal_error',
};

/** The DB-API class psycopg2 uses for a SQLSTATE (psycopg's base_exception_from_sqlstate). */
function dbApiClassName(sqlstate: string): string {
  const [c0, c1] = [sqlstate[0], sqlstate[1]];
  switch (c0) {
    case '0':
      if (c1 === 'A') return 'NotSupportedError';
      break;
    case '2':
      if (c1 === '0' || c1 === '1') return 'ProgrammingError';
      if (c1 === '2') return 'DataError';
      if (c1 === '3') return 'IntegrityError';
      if (c1 === '4' || c1 === '5' || c1 === 'B' || c1 === 'D' || c1 === 'F') return 'InternalError';
      if (c1 === '6' || c1 === '7' || c1 === '8') return 'OperationalError';
      break;
    case '3':
      if (c1 === '4') return 'OperationalError';
      if (c1 === '8' || c1 === '9' || c1 === 'B') return 'InternalError';
      if (c1 === 'D' || c1 === 'F') return 'ProgrammingError';
      break;
    case '4':
      if (c1 === '0') return 'OperationalError';
      if (c1 === '2' || c1 === '4') return 'ProgrammingError';
      break;
    case '5':
      return 'OperationalError';
    case 'F':
      return 'InternalError';
    case 'H':
      return 'OperationalError';
    case 'P':
      return 'InternalError';
    case 'X':
      return 'InternalError';
  }
  return 'DatabaseError';
}

const DJANGO_CLASSES: Record<string, PyClass> = {
  NotSupportedError,
  ProgrammingError,
  DataError,
  IntegrityError,
  InternalError,
  OperationalError,
  DatabaseError: DatabaseErrorClass,
};

const psycopgBase = new Map<string, PyClass>();
const psycopgClasses = new Map<string, PyClass>();

function camel(condition: string): string {
  return condition
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The DB-API class itself (`psycopg2.ProgrammingError`). */
function psycopgBaseClass(baseName: string): PyClass {
  let base = psycopgBase.get(baseName);
  if (!base) {
    base = new PyClass(baseName, { module: 'psycopg2', bases: [DJANGO_CLASSES[baseName] ?? DatabaseErrorClass] });
    psycopgBase.set(baseName, base);
  }
  return base;
}

/**
 * An error psycopg2 raises itself, without a SQLSTATE ("can't execute an empty query"): a
 * `psycopg2.ProgrammingError` that Django's wrapper re-raises as django.db.utils.ProgrammingError.
 */
export function clientErrorToDjango(message: string): PyException {
  const raw = new PyException(newException(psycopgBaseClass('ProgrammingError'), message));
  raw.traceback = [{ file: 'django/db/backends/utils.py', line: 105, name: '_execute', source: 'return self.cursor.execute(sql, params)' }];
  const dj = new PyException(newException(ProgrammingError, message));
  dj.cause = raw;
  dj.suppressContext = true;
  return dj;
}

/** psycopg2.errors.<Condition> for a SQLSTATE (falls back to the DB-API class). */
function psycopgClass(sqlstate: string): PyClass {
  const base = psycopgBaseClass(dbApiClassName(sqlstate));
  const condition = CONDITIONS[sqlstate];
  if (!condition) return base;
  let cls = psycopgClasses.get(sqlstate);
  if (!cls) {
    cls = new PyClass(camel(condition), { module: 'psycopg2.errors', bases: [base] });
    psycopgClasses.set(sqlstate, cls);
  }
  return cls;
}

/** The django.db.utils exception Django raises for a database error, chained from psycopg2's. */
export function toDjangoDbError(e: DatabaseError): PyException {
  const message = psycopgErrorMessage(e);
  if (e.connectionFailure !== undefined) {
    // psycopg2.connect() failing: a plain psycopg2.OperationalError, whatever the SQLSTATE
    const raw = new PyException(newException(psycopgBaseClass('OperationalError'), message));
    raw.traceback = [
      { file: '/usr/lib/python3/dist-packages/psycopg2/__init__.py', line: 122, name: 'connect', source: 'conn = _connect(dsn, connection_factory=connection_factory, **kwasync)' },
    ];
    const dj = new PyException(newException(OperationalError, message));
    dj.cause = raw;
    dj.suppressContext = true;
    (dj as PyException & { dbError?: DatabaseError }).dbError = e;
    return dj;
  }
  const raw = new PyException(newException(psycopgClass(e.code), message));
  // psycopg2 raises from the cursor Django's backend calls: Python prints that frame.
  raw.traceback = [{ file: 'django/db/backends/utils.py', line: 105, name: '_execute', source: 'return self.cursor.execute(sql, params)' }];
  const dj = new PyException(newException(DJANGO_CLASSES[dbApiClassName(e.code)] ?? DatabaseErrorClass, message));
  dj.cause = raw;
  dj.suppressContext = true;
  (dj as PyException & { dbError?: DatabaseError }).dbError = e;
  return dj;
}
