/**
 * A line diff (longest common subsequence) for "Show solution": the learner's file against the
 * solution's, as hunks with a few lines of context.
 */

export type DiffLine = { kind: 'same' | 'add' | 'del'; text: string; oldNo: number | null; newNo: number | null };

export interface DiffHunk {
  lines: DiffLine[];
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line of both texts, aligned (LCS; files of a lesson are small). */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // trim the common head and tail, LCS on the middle
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[start + i] === b[start + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  for (let k = 0; k < start; k++) out.push({ kind: 'same', text: a[k]!, oldNo: k + 1, newNo: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      out.push({ kind: 'same', text: a[start + i]!, oldNo: start + i + 1, newNo: start + j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // at a change, removed lines come before the lines that replace them
      out.push({ kind: 'del', text: a[start + i]!, oldNo: start + i + 1, newNo: null });
      i++;
    } else {
      out.push({ kind: 'add', text: b[start + j]!, oldNo: null, newNo: start + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) {
    out.push({ kind: 'same', text: a[endA + k]!, oldNo: endA + k + 1, newNo: endB + k + 1 });
  }
  return out;
}

/** The changed lines with `context` lines around them, as hunks; [] when the texts are equal. */
export function diffHunks(oldText: string, newText: string, context = 3): DiffHunk[] {
  const lines = diffLines(oldText, newText);
  const changed = lines.map((l) => l.kind !== 'same');
  if (!changed.some(Boolean)) return [];
  const keep = lines.map((_, idx) => {
    for (let d = -context; d <= context; d++) if (changed[idx + d]) return true;
    return false;
  });
  const hunks: DiffHunk[] = [];
  let cur: DiffLine[] | null = null;
  lines.forEach((l, idx) => {
    if (keep[idx]) {
      cur ??= [];
      cur.push(l);
    } else if (cur) {
      hunks.push({ lines: cur });
      cur = null;
    }
  });
  if (cur) hunks.push({ lines: cur });
  return hunks;
}
