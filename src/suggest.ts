// "Did you mean …?": the nearest known name to a misspelt one, when it is near enough to be a likely
// typo. Every message that offers a correction builds it here, so they all read the same.

import { distance } from 'fastest-levenshtein';

export function nearest(name: string, candidateList: Iterable<string>): string | undefined {
  const candidates = [...candidateList];
  const lowered = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = distance(lowered, candidate.toLowerCase());
    if (score < bestScore || (score === bestScore && best !== undefined && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  // A truncated name (`warn` for `warning`) is a likely slip too.
  if (lowered.length >= 3) {
    const extended = candidates.filter((c) => c.toLowerCase().startsWith(lowered)).sort();
    if (extended.length === 1) return extended[0];
  }
  // Close enough to be a typo: at most a third of the longer name, and never more than 4 edits.
  const limit = Math.min(4, Math.max(1, Math.floor(Math.max(name.length, best.length) / 3)));
  return bestScore <= limit ? best : undefined;
}

/** Up to `count` names near enough to be what was meant, nearest first: for "plan trace" and the like. */
export function closeMatches(name: string, candidateList: Iterable<string>, count = 5): string[] {
  const lowered = name.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidateList) {
    const other = candidate.toLowerCase();
    const score = other.includes(lowered) || lowered.includes(other) ? 0 : distance(lowered, other);
    const limit = Math.min(4, Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3)));
    if (score <= limit) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  return scored.slice(0, count).map((s) => s.candidate);
}

/**
 * " Did you mean `x`?" for the nearest candidate, or '' when none is near. `note` may add a caution
 * about the match, such as that it does not reach the collective aim either.
 */
export function didYouMean(name: string, candidates: Iterable<string>, note?: (match: string) => string | undefined): string {
  const match = nearest(name, candidates);
  if (match === undefined) return '';
  const caution = note?.(match);
  return ` Did you mean \`${match}\`?${caution ? ` ${caution}` : ''}`;
}
