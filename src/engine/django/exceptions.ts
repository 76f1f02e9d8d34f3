/**
 * Django's exception classes, as Python sees them (module and qualname matter: a traceback's last
 * line reads `django.db.migrations.exceptions.NodeNotFoundError: ...`).
 */
import {
  ExceptionClass,
  LookupError,
  PyClass,
  RuntimeError,
  ValueError,
} from '../python/objects.ts';

function exc(name: string, module: string, base: PyClass = ExceptionClass): PyClass {
  return new PyClass(name, { module, bases: [base] });
}

// django.core.exceptions
export const FieldDoesNotExist = exc('FieldDoesNotExist', 'django.core.exceptions');
export const AppRegistryNotReady = exc('AppRegistryNotReady', 'django.core.exceptions');
export const ObjectDoesNotExist = exc('ObjectDoesNotExist', 'django.core.exceptions');
export const MultipleObjectsReturned = exc('MultipleObjectsReturned', 'django.core.exceptions');
export const ImproperlyConfigured = exc('ImproperlyConfigured', 'django.core.exceptions');
export const FieldError = exc('FieldError', 'django.core.exceptions');
export const ValidationError = exc('ValidationError', 'django.core.exceptions');
export const SuspiciousOperation = exc('SuspiciousOperation', 'django.core.exceptions');
export const EmptyResultSet = exc('EmptyResultSet', 'django.core.exceptions');

// django.core.management.base
export const CommandError = exc('CommandError', 'django.core.management.base');
export const SystemCheckError = exc('SystemCheckError', 'django.core.management.base', CommandError);

// django.db.migrations.exceptions
const MIG = 'django.db.migrations.exceptions';
export const AmbiguityError = exc('AmbiguityError', MIG);
export const BadMigrationError = exc('BadMigrationError', MIG);
export const CircularDependencyError = exc('CircularDependencyError', MIG);
export const InconsistentMigrationHistory = exc('InconsistentMigrationHistory', MIG);
export const InvalidBasesError = exc('InvalidBasesError', MIG, ValueError);
export const IrreversibleError = exc('IrreversibleError', MIG, RuntimeError);
export const NodeNotFoundError = exc('NodeNotFoundError', MIG, LookupError);
export const InvalidMigrationPlan = exc('InvalidMigrationPlan', MIG, ValueError);

// django.db.utils (PEP 249 exceptions as Django re-raises them)
const DBU = 'django.db.utils';
export const DjangoError = exc('Error', DBU);
export const InterfaceError = exc('InterfaceError', DBU, DjangoError);
export const DatabaseErrorClass = exc('DatabaseError', DBU, DjangoError);
export const DataError = exc('DataError', DBU, DatabaseErrorClass);
export const OperationalError = exc('OperationalError', DBU, DatabaseErrorClass);
export const IntegrityError = exc('IntegrityError', DBU, DatabaseErrorClass);
export const InternalError = exc('InternalError', DBU, DatabaseErrorClass);
export const ProgrammingError = exc('ProgrammingError', DBU, DatabaseErrorClass);
export const NotSupportedError = exc('NotSupportedError', DBU, DatabaseErrorClass);
// django.db.migrations.exceptions.MigrationSchemaMissing(django.db.DatabaseError)
export const MigrationSchemaMissing = exc('MigrationSchemaMissing', MIG, DatabaseErrorClass);

// django.db.models.deletion
export const ProtectedError = exc('ProtectedError', 'django.db.models.deletion', IntegrityError);
export const RestrictedError = exc('RestrictedError', 'django.db.models.deletion', IntegrityError);
