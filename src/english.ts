// Small pieces of English that messages and documents share, so every sentence is built the same way.

/** Joins names as English: "a", "a and b", "a, b and c". */
export function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 warning", "2 warnings"; `many` for nouns that do not just add an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "a portfolio", "an objective". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** Numbers as a reader writes a run of them: "1–3, 5". */
export function numberRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : j > i ? `${sorted[i]}, ${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** 50000000 -> "50,000,000"; decimals kept as written. */
export function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction !== undefined ? `${grouped}.${fraction}` : grouped;
}

/**
 * An amount with its unit, as the documents print it: `%` joins the figure ("76%"); any other unit
 * follows it after a space ("34 minutes", "12–15 per million under-18s"), with a "per 1000" grouped
 * as a figure is ("3.9 per 1,000 births").
 */
export function withUnit(amount: string, unit: string | undefined): string {
  if (!unit) return amount;
  if (unit === '%') return `${amount}%`;
  return `${amount} ${unit.replace(/\bper (\d{4,})\b/g, (_, digits: string) => `per ${formatNumber(Number(digits))}`)}`;
}
