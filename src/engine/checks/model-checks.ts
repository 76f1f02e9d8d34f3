/**
 * Checks on models and fields (Model.check(), Field.check()) that the migration commands run.
 */
import { ForeignKey } from '../state/fields/related.ts';
import type { Project } from '../project/project.ts';
import { type CheckMessage, Warning } from './messages.ts';

/** models.W042: an implicit AutoField primary key without DEFAULT_AUTO_FIELD configured. */
function checkDefaultPk(project: Project): CheckMessage[] {
  const out: CheckMessage[] = [];
  const settings = project.settings;
  for (const meta of project.apps.getModels()) {
    const pk = meta.pk;
    if (meta.abstract || !pk || !pk.autoCreated) continue;
    if (pk instanceof ForeignKey && pk.oneToOne && pk.remoteField.parentLink) continue;
    if (settings.isOverridden('DEFAULT_AUTO_FIELD')) continue;
    const app = project.appConfig(meta.appLabel);
    if (!app || app.defaultAutoField !== null) continue;
    const qualname = app.configClass ? app.configClass.qualname : 'AppConfig';
    out.push(
      Warning(`Auto-created primary key used when not defining a primary key type, by default '${settings.defaultAutoField}'.`, {
        hint: `Configure the DEFAULT_AUTO_FIELD setting or the ${qualname}.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`,
        obj: meta.label,
        id: 'models.W042',
      }),
    );
  }
  return out;
}

export function modelChecks(project: Project): CheckMessage[] {
  return [...checkDefaultPk(project)];
}
