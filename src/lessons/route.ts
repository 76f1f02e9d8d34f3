/**
 * Deep links: `#/lesson/<id>/<step>` opens a lesson at a step, `#/lessons` the course map.
 * Other hashes are not the lesson pane's.
 */

export type LessonRoute = { kind: 'map' } | { kind: 'lesson'; id: string; step: string | null };

export function parseLessonHash(hash: string): LessonRoute | null {
  const h = hash.replace(/^#/, '');
  if (h === '/lessons' || h === '/lessons/') return { kind: 'map' };
  const m = /^\/lesson\/([A-Za-z0-9][\w-]*)(?:\/([A-Za-z0-9][\w-]*))?\/?$/.exec(h);
  if (!m) return null;
  return { kind: 'lesson', id: m[1]!, step: m[2] ?? null };
}

export function lessonHash(route: LessonRoute): string {
  if (route.kind === 'map') return '#/lessons';
  return `#/lesson/${route.id}${route.step ? `/${route.step}` : ''}`;
}
