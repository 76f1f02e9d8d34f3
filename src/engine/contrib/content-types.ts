/**
 * Content types and permissions in the database (django.contrib.contenttypes.management and
 * django.contrib.auth.management): the rows `migrate` creates in its post_migrate handlers, and
 * the lookups the contrib RunPython operations need — as SQL on the historical tables.
 */
import { type PyValue, str, toArray, truthy } from '../python/objects.ts';
import type { Connection } from '../db/types.ts';
import type { Apps } from '../state/apps.ts';
import type { ModelMeta } from '../state/meta.ts';
import type { ProjectState } from '../state/project-state.ts';

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The models of a state's registry in the order its app configs list them (the state's model
 * order), auto-created ones excluded, and those a swappable setting replaces (`isSwapped`).
 */
export function stateModels(apps: Apps, state: ProjectState, isSwapped: (m: ModelMeta) => boolean = () => false): ModelMeta[] {
  const out: ModelMeta[] = [];
  for (const key of state.models.keys()) {
    const meta = apps.findModel(key);
    if (meta && !meta.autoCreated && !isSwapped(meta)) out.push(meta);
  }
  return out;
}

/** `_get_all_permissions(opts)`: the built-in (codename, name) pairs and Meta.permissions. */
export function permissionsOf(meta: ModelMeta): { builtin: [string, string][]; custom: [string, string][] } {
  const dp = meta.originalAttrs.get('default_permissions');
  const actions = dp === undefined ? ['add', 'change', 'delete', 'view'] : toArray(dp).map((a) => str(a));
  const verbose = str(meta.verboseName);
  const builtin = actions.map((action): [string, string] => [`${action}_${meta.modelName}`, `Can ${action} ${verbose}`]);
  const perms = meta.originalAttrs.get('permissions');
  const custom = perms === undefined || !truthy(perms) ? [] : toArray(perms).map((p): [string, string] => {
    const [codename, name] = toArray(p);
    return [str(codename as PyValue), str(name as PyValue)];
  });
  return { builtin, custom };
}

/** The content type table of a registry, read and written with SQL. */
export class ContentTypes {
  private readonly cache = new Map<string, string>();

  private constructor(
    readonly meta: ModelMeta,
    readonly conn: Connection,
  ) {}

  /** None when the registry has no ContentType model (contenttypes not migrated). */
  static of(apps: Apps, conn: Connection): ContentTypes | null {
    const meta = apps.findModel('contenttypes.contenttype');
    return meta ? new ContentTypes(meta, conn) : null;
  }

  get table(): string {
    return quote(this.meta.dbTable);
  }

  /** model → id of the content types recorded for an app. */
  forApp(appLabel: string): Map<string, string> {
    const rows = this.conn.execute(`SELECT "id", "model" FROM ${this.table} WHERE "app_label" = %s`, [appLabel]).rows;
    const out = new Map<string, string>();
    for (const [id, model] of rows) {
      out.set(model!, id!);
      this.cache.set(`${appLabel}.${model}`, id!);
    }
    return out;
  }

  /** bulk_create of ContentType(app_label, model) rows; returns their ids in order. */
  create(rows: [string, string][]): string[] {
    if (!rows.length) return [];
    // Before contenttypes 0002 the historical model still has `name` (a CharField without
    // default): Django's bulk_create sends its default, the empty string.
    const withName = this.meta.findField('name')?.column === 'name';
    const columns = withName ? '"name", "app_label", "model"' : '"app_label", "model"';
    const values = rows.map(() => (withName ? '(%s, %s, %s)' : '(%s, %s)')).join(', ');
    const params = rows.flatMap(([app, model]) => (withName ? ['', app, model] : [app, model]));
    const result = this.conn.execute(`INSERT INTO ${this.table} (${columns}) VALUES ${values} RETURNING ${this.table}."id"`, params);
    const ids = result.rows.map((r) => r[0]!);
    rows.forEach(([app, model], i) => this.cache.set(`${app}.${model}`, ids[i]!));
    return ids;
  }

  /** ContentType.objects.get_for_model(model, for_concrete_model=False): looked up or created. */
  getForModel(model: ModelMeta): string {
    const key = `${model.appLabel}.${model.modelName}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const found = this.conn.execute(`SELECT "id" FROM ${this.table} WHERE "app_label" = %s AND "model" = %s`, [model.appLabel, model.modelName]).rows[0];
    if (found) {
      this.cache.set(key, found[0]!);
      return found[0]!;
    }
    return this.create([[model.appLabel, model.modelName]])[0]!;
  }
}
