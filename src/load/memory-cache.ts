// A parse cache held in memory, in front of the one in the user's cache folder: `plan serve` compiles
// the plan again on every save, and only the file that was saved need be parsed again.

import type { ParseCache } from './parse-cache.js';
import type { FileModel, ParsedSource } from './located.js';

export class MemoryParseCache implements ParseCache {
  private readonly parsed = new Map<string, { text: string; parsed: ParsedSource }>();

  /** How many files were parsed (not found) since the last `resetCount`: for tests and the benchmark. */
  misses = 0;

  constructor(private readonly behind?: ParseCache) {}

  get(file: string, text: string): ParsedSource | undefined {
    const held = this.parsed.get(file);
    if (held && held.text === text) return held.parsed;
    const found = this.behind?.get(file, text);
    if (found) this.parsed.set(file, { text, parsed: found });
    else this.misses++;
    return found;
  }

  set(file: string, text: string, parsed: ParsedSource): void {
    this.parsed.set(file, { text, parsed });
    this.behind?.set(file, text, parsed);
  }

  /**
   * Handed on to the cache behind. Held here, a model would be read again by the next build of the
   * same text, after the first one's link phase had made its objects its own.
   */
  keep(file: string, text: string, model: FileModel): void {
    this.behind?.keep(file, text, model);
  }

  /** Prunes the cache behind it once: a pruning walks the whole cache folder, too slow to repeat on every save. */
  prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    this.behind?.prune();
  }

  private pruned = false;

  resetCount(): void {
    this.misses = 0;
  }
}
