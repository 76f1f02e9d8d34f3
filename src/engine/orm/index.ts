/**
 * The ORM: managers, querysets, SQL for queries, model instances, the deletion collector,
 * historical model classes, transactions — wired into the `django.*` modules here.
 */
import { NativeFunction, PyModule, type PyValue, None, truthy } from '../python/objects.ts';
import type { Interpreter } from '../python/interpreter.ts';
import type { Apps } from '../state/apps.ts';
import type { ModelClasses } from '../django/model-base.ts';
import { installOrmProject, resetQueries } from './runtime.ts';
import { appsObject, installModelBase } from './model-class.ts';
import { AGGREGATE_CLASSES, ormExpressionExports } from './expressions.ts';
import { BaseManagerClass, ManagerClass } from './manager.ts';
import { PrefetchClass, QuerySetClass, prefetchLookup, prefetchRelatedObjects } from './queryset.ts';
import { transactionModule } from './transaction.ts';
import { connection, connections } from './db-api.ts';
import { ModelInstance } from './model-instance.ts';
import './related.ts';
import './deletion.ts';

export { prepareModelClass, classFor, appsObject } from './model-class.ts';
export { withConnection, setConnection, setWarningSink, recordQueries } from './runtime.ts';
export { schemaEditorObject } from './db-api.ts';
export { resetTransactions } from './transaction.ts';

interface OrmRuntime {
  settings(): { useTz: boolean; get(name: string): PyValue | undefined } | null;
  registry: { apps: Apps };
}

let projectApps: Apps | null = null;

/** Called when the django modules are registered for a project. */
export function installOrm(host: unknown, runtime: OrmRuntime, classes: ModelClasses): void {
  installOrmProject(() => {
    const s = runtime.settings();
    return { useTz: s?.useTz ?? true, debug: truthy(s?.get('DEBUG') ?? false) };
  }, host as Interpreter);
  installModelBase(classes.Model, classes.ModelBase);
  projectApps = runtime.registry.apps;
}

/** `django.apps.apps`: the project's registry. */
export function ormAppsRegistry(): PyValue {
  return projectApps ? appsObject(projectApps) : None;
}

/** What `django.db.models` gets from the ORM. */
export function ormModelsExports(): Record<string, PyValue> {
  return {
    Manager: ManagerClass,
    BaseManager: BaseManagerClass,
    QuerySet: QuerySetClass,
    ...ormExpressionExports(),
    Prefetch: PrefetchClass,
    prefetch_related_objects: new NativeFunction(
      'prefetch_related_objects',
      ([objs, ...lookups]) => {
        const list = objs ? [...(objs as { items?: PyValue[] }).items ?? []] : [];
        prefetchRelatedObjects(list.filter((o): o is ModelInstance => o instanceof ModelInstance), lookups.map(prefetchLookup));
        return None;
      },
      { module: 'django.db.models.query' },
    ),
  };
}

/** Attributes of `django.db` (the `transaction` submodule is imported on access). */
export function ormDbModuleAttrs(): Record<string, PyValue> {
  return {
    connection,
    connections,
    reset_queries: new NativeFunction('reset_queries', () => (resetQueries(), None), { module: 'django.db' }),
  };
}

/** Registers django.db.transaction, django.db.models.aggregates, django.db.models.query. */
export function registerOrmModules(reg: (name: string, build: () => PyModule) => void): void {
  reg('django.db.transaction', () => transactionModule());
  reg('django.db.models.aggregates', () => {
    const m = new PyModule('django.db.models.aggregates');
    for (const [k, v] of AGGREGATE_CLASSES) m.dict.set(k, v);
    return m;
  });
  reg('django.db.models.query', () => {
    const m = new PyModule('django.db.models.query');
    m.dict.set('QuerySet', QuerySetClass);
    m.dict.set('Prefetch', PrefetchClass);
    return m;
  });
}
