/**
 * The RunPython operations of the contrib apps' migrations, done natively: they read the historical
 * registry and write the content type / permission tables with SQL, so they do not depend on the
 * ORM running historical models.
 *
 * - contenttypes 0002: forwards is RunPython.noop, backwards (add_legacy_name) fills the old `name`.
 * - auth 0011 (update_proxy_model_permissions): moves proxy models' permissions to the proxy's
 *   own content type (and back).
 * - RenameContentType: what contenttypes' pre_migrate handler inserts after every RenameModel.
 */
import { type Kwargs, NativeFunction, PyDict, PyStaticMethod, type PyValue, None } from '../python/objects.ts';
import { DatabaseError } from '../db/types.ts';
import type { SchemaEditor } from '../operations/base.ts';
import { RunPython, RunPythonClass } from '../operations/special.ts';
import type { Apps } from '../state/apps.ts';
import type { ModelMeta } from '../state/meta.ts';
import type { ProjectState } from '../state/project-state.ts';
import { ContentTypes, permissionsOf, stateModels } from './content-types.ts';

/** A Python-visible function with a docstring (`migrate --plan` shows RunPython code's __doc__). */
class DocumentedFunction extends NativeFunction {
  constructor(
    name: string,
    module: string,
    private readonly doc: string | null,
  ) {
    super(name, () => None, { module, qualname: name });
  }
  override nativeGetAttr(name: string): PyValue | undefined {
    if (name === '__doc__') return this.doc ?? None;
    return super.nativeGetAttr(name);
  }
  override nativeRepr(): string {
    return `<function ${this.qualname} at 0x7f3a2c1b9e40>`;
  }
}

type Impl = (appLabel: string, se: SchemaEditor, from: ProjectState) => void;

/** A RunPython whose code runs in TypeScript against the historical registry. */
export class NativeRunPython extends RunPython {
  constructor(
    code: PyValue,
    reverseCode: PyValue,
    private readonly forwards: Impl,
    private readonly backwards: Impl | null,
    hints: PyValue = None,
  ) {
    super(
      new Map<string, PyValue>([
        ['code', code],
        ['reverse_code', reverseCode],
        ['atomic', None],
        ['hints', hints],
        ['elidable', false],
      ]),
    );
    this.cls = RunPythonClass;
    const kwargs: Kwargs = new Map([['code', code]]);
    if (reverseCode !== None) kwargs.set('reverse_code', reverseCode);
    this.ctorKwargs = kwargs;
  }

  override databaseForwards(appLabel: string, se: SchemaEditor, from: ProjectState): void {
    if (se.collectSql) return;
    this.forwards(appLabel, se, from);
  }

  override databaseBackwards(appLabel: string, se: SchemaEditor, from: ProjectState): void {
    if (se.collectSql) return;
    if (this.backwards) this.backwards(appLabel, se, from);
    else super.databaseBackwards(appLabel, se, from);
  }
}

const noop: Impl = () => undefined;

/** contenttypes 0002: `RunPython(migrations.RunPython.noop, add_legacy_name, hints={'model_name': 'contenttype'})`. */
export function addLegacyContentTypeNames(): NativeRunPython {
  const module = 'django.contrib.contenttypes.migrations.0002_remove_content_type_name';
  const noopFn = RunPythonClass.dict.get('noop');
  const code = noopFn instanceof PyStaticMethod ? noopFn.func : new DocumentedFunction('noop', module, null);
  return new NativeRunPython(
    code,
    new DocumentedFunction('add_legacy_name', module, null),
    noop,
    (_app, se, from) => {
      const apps = from.apps;
      const ct = apps.findModel('contenttypes.contenttype');
      if (!ct) return;
      const table = se.connection.execute(`SELECT "id", "app_label", "model" FROM ${quote(ct.dbTable)}`);
      for (const [id, appLabel, model] of table.rows) {
        const target = apps.findModel(`${appLabel}.${model}`);
        se.connection.execute(`UPDATE ${quote(ct.dbTable)} SET "name" = %s WHERE "id" = %s`, [target ? target.objectName : model!, BigInt(id!)]);
      }
    },
    new PyDict([['model_name', 'contenttype']]),
  );
}

const PROXY_DOC = `
    Update the content_type of proxy model permissions to use the ContentType
    of the proxy model.
    `;
const REVERT_DOC = `
    Update the content_type of proxy model permissions to use the ContentType
    of the concrete model.
    `;

/** auth 0011: RunPython(update_proxy_model_permissions, revert_proxy_model_permissions). */
export function updateProxyModelPermissions(): NativeRunPython {
  const module = 'django.contrib.auth.migrations.0011_update_proxy_permissions';
  return new NativeRunPython(
    new DocumentedFunction('update_proxy_model_permissions', module, PROXY_DOC),
    new DocumentedFunction('revert_proxy_model_permissions', module, REVERT_DOC),
    (_app, se, from) => moveProxyPermissions(se, from, false),
    (_app, se, from) => moveProxyPermissions(se, from, true),
  );
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The models of a historical registry in StateApps.get_models() order: app labels sorted, then registration order. */
function historicalModels(apps: Apps, state: ProjectState): ModelMeta[] {
  const models = stateModels(apps, state);
  const labels = [...new Set(models.map((m) => m.appLabel))].sort();
  return labels.flatMap((label) => models.filter((m) => m.appLabel === label));
}

function moveProxyPermissions(se: SchemaEditor, from: ProjectState, reverse: boolean): void {
  const apps = from.apps;
  const permission = apps.findModel('auth.permission');
  const cts = ContentTypes.of(apps, se.connection);
  if (!permission || !cts) return;
  for (const model of historicalModels(apps, from)) {
    if (!model.proxy) continue;
    const perms = permissionsOf(model);
    const builtin = perms.builtin.map(([codename]) => codename);
    const concrete = cts.getForModel(model.concreteModel);
    const proxy = cts.getForModel(model);
    const [oldCt, newCt] = reverse ? [proxy, concrete] : [concrete, proxy];
    const conditions = [`"codename" IN (${builtin.map(() => '%s').join(', ') || 'NULL'})`];
    const params: PyValue[] = [...builtin];
    for (const [codename, name] of perms.custom) {
      conditions.push('("codename" = %s AND "name" = %s)');
      params.push(codename, name);
    }
    const sql = `UPDATE ${quote(permission.dbTable)} SET "content_type_id" = %s WHERE (${conditions.join(' OR ')}) AND "content_type_id" = %s`;
    try {
      se.connection.atomic(() => se.connection.execute(sql, [BigInt(newCt), ...params, BigInt(oldCt)]));
    } catch (e) {
      if (!(e instanceof DatabaseError && e.code === '23505')) throw e;
    }
  }
}

/** RenameContentType(app_label, old_model, new_model): keeps a renamed model's content type. */
export function renameContentType(appLabel: string, oldModel: string, newModel: string): NativeRunPython {
  const module = 'django.contrib.contenttypes.management';
  const rename = (from: string, to: string): Impl => (_app, se, state) => {
    const ct = state.apps.findModel('contenttypes.contenttype');
    if (!ct) return;
    try {
      se.connection.atomic(() =>
        se.connection.execute(`UPDATE ${quote(ct.dbTable)} SET "model" = %s WHERE "app_label" = %s AND "model" = %s`, [to, appLabel, from]),
      );
    } catch (e) {
      if (!(e instanceof DatabaseError && e.code === '23505')) throw e;
    }
  };
  return new NativeRunPython(
    new DocumentedFunction('RenameContentType.rename_forward', module, null),
    new DocumentedFunction('RenameContentType.rename_backward', module, null),
    rename(oldModel, newModel),
    rename(newModel, oldModel),
  );
}
