// Types of scripts/ascii-regexps.mjs, for the tests that call it.
export function escapeRegExpLiterals(source: string): string;
