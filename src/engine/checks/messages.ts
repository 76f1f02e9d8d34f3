/**
 * System check messages (django.core.checks.messages): `events.Event: (models.W042) …`.
 */
export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

export class CheckMessage {
  constructor(
    readonly level: number,
    readonly msg: string,
    readonly opts: { hint?: string | null; obj?: string | null; id?: string | null } = {},
  ) {}

  get id(): string | null {
    return this.opts.id ?? null;
  }

  isSerious(level = ERROR): boolean {
    return this.level >= level;
  }

  isSilenced(silenced: string[]): boolean {
    return this.id !== null && silenced.includes(this.id);
  }

  toString(): string {
    const obj = this.opts.obj ?? '?';
    const id = this.id ? `(${this.id}) ` : '';
    const hint = this.opts.hint ? `\n\tHINT: ${this.opts.hint}` : '';
    return `${obj}: ${id}${this.msg}${hint}`;
  }
}

export const Debug = (msg: string, opts: CheckMessage['opts'] = {}) => new CheckMessage(DEBUG, msg, opts);
export const Info = (msg: string, opts: CheckMessage['opts'] = {}) => new CheckMessage(INFO, msg, opts);
export const Warning = (msg: string, opts: CheckMessage['opts'] = {}) => new CheckMessage(WARNING, msg, opts);
export const Error = (msg: string, opts: CheckMessage['opts'] = {}) => new CheckMessage(ERROR, msg, opts);
export const Critical = (msg: string, opts: CheckMessage['opts'] = {}) => new CheckMessage(CRITICAL, msg, opts);

/** BaseCommand.check's report: the text and whether it must stop the command. */
export function formatIssues(issues: CheckMessage[], silenced: string[], opts: { displayNumErrors?: boolean; failLevel?: number } = {}): {
  text: string;
  serious: boolean;
  visible: number;
} {
  const visibleIssues = issues.filter((e) => !e.isSilenced(silenced));
  const groups: [CheckMessage[], string][] = [
    [visibleIssues.filter((e) => e.level >= CRITICAL), 'CRITICALS'],
    [visibleIssues.filter((e) => e.level >= ERROR && e.level < CRITICAL), 'ERRORS'],
    [visibleIssues.filter((e) => e.level >= WARNING && e.level < ERROR), 'WARNINGS'],
    [visibleIssues.filter((e) => e.level >= INFO && e.level < WARNING), 'INFOS'],
    [visibleIssues.filter((e) => e.level < INFO), 'DEBUGS'],
  ];
  let body = '';
  for (const [list, name] of groups) {
    if (!list.length) continue;
    const formatted = list.map(String).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    body += `\n${name}:\n${formatted.join('\n')}\n`;
  }
  const visible = visibleIssues.length;
  const header = visible ? 'System check identified some issues:\n' : '';
  let footer = '';
  if (opts.displayNumErrors) {
    if (visible) footer += '\n';
    const n = visible === 0 ? 'no issues' : visible === 1 ? '1 issue' : `${visible} issues`;
    footer += `System check identified ${n} (${issues.length - visible} silenced).`;
  }
  const serious = issues.some((e) => e.isSerious(opts.failLevel ?? ERROR) && !e.isSilenced(silenced));
  return { text: serious ? `SystemCheckError: ${header}${body}${footer}` : header + body + footer, serious, visible };
}
