/** Limits and path rules for project files (imports, new files). Kept apart from the zip code so the file tree does not load it. */

export const LIMITS = {
  archiveBytes: 5 * 1024 * 1024,
  fileBytes: 512 * 1024,
  totalBytes: 5 * 1024 * 1024,
  files: 500,
  pathLength: 200,
};

/** A relative POSIX path of plain segments, or null. */
export function safePath(path: string): string | null {
  if (path.length === 0 || path.length > LIMITS.pathLength) return null;
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return null;
  const segs = path.split('/');
  for (const s of segs) {
    if (s === '' || s === '.' || s === '..') return null;
    if (!/^[A-Za-z0-9_.\- ]+$/.test(s) || s.startsWith(' ') || s.endsWith(' ')) return null;
  }
  return segs.join('/');
}

