// "Did you mean …?": the nearest known name to a misspelt one, when it is near enough to be a likely typo.

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
    const extended = [...candidates].filter((c) => c.toLowerCase().startsWith(lowered)).sort();
    if (extended.length === 1) return extended[0];
  }
  // Close enough to be a typo: at most a third of the longer name, and never more than 4 edits.
  const limit = Math.min(4, Math.max(1, Math.floor(Math.max(name.length, best.length) / 3)));
  return bestScore <= limit ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = nearest(name, candidates);
  return match === undefined ? '' : ` Did you mean \`${match}\`?`;
}
