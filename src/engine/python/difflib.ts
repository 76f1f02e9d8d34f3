/**
 * difflib's SequenceMatcher.ratio and get_close_matches, for the "Did you mean …?" hints Python
 * programs build with them (Django's unknown-command message). Strings are short here: no
 * autojunk heuristic (CPython applies it only from 200 items on) and no junk function.
 */

/** Sum of the sizes of the matching blocks (find_longest_match, then both sides recursively). */
function matchingCharacters(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): number {
  let bestI = alo;
  let bestJ = blo;
  let bestSize = 0;
  // the longest block; of those, the one starting earliest in a, then earliest in b
  for (let i = alo; i < ahi; i++) {
    for (let j = blo; j < bhi; j++) {
      let k = 0;
      while (i + k < ahi && j + k < bhi && a[i + k] === b[j + k]) k++;
      if (k > bestSize) {
        bestI = i;
        bestJ = j;
        bestSize = k;
      }
    }
  }
  if (bestSize === 0) return 0;
  return (
    bestSize +
    matchingCharacters(a, b, alo, bestI, blo, bestJ) +
    matchingCharacters(a, b, bestI + bestSize, ahi, bestJ + bestSize, bhi)
  );
}

/** `SequenceMatcher(None, a, b).ratio()`. */
export function sequenceRatio(a: string, b: string): number {
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * matchingCharacters(a, b, 0, a.length, 0, b.length)) / total;
}

/** `difflib.get_close_matches(word, possibilities, n, cutoff)`: best first, ties by the larger string. */
export function getCloseMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const scored: [number, string][] = [];
  for (const x of possibilities) {
    const score = sequenceRatio(x, word);
    if (score >= cutoff) scored.push([score, x]);
  }
  scored.sort((p, q) => (q[0] !== p[0] ? q[0] - p[0] : q[1] > p[1] ? 1 : q[1] < p[1] ? -1 : 0));
  return scored.slice(0, n).map(([, x]) => x);
}
