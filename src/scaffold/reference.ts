// The reference data that ships with plan (reference/*.yaml): NHS England's national objectives and
// the Joint Forward Plan's statutory duties, each file citing its sources. Read as YAML documents, so
// the comments that record each reading of the sources travel into the plans made from them.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Document } from 'yaml';

/** The national objectives of each year plan ships, newest last. */
export const nationalObjectiveYears = ['2023-24'] as const;
export type NationalObjectiveYear = (typeof nationalObjectiveYears)[number];

export const STATUTORY_DUTIES_FILE = 'jfp-statutory-duties.yaml';

export function nationalObjectivesFile(year: NationalObjectiveYear): string {
  return `national-objectives-${year}.yaml`;
}

/** The reference/ folder of this installation: beside src/ when run from source, beside lib/ when bundled. */
export function referenceDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'reference', STATUTORY_DUTIES_FILE))) return join(dir, 'reference');
    dir = dirname(dir);
  }
  throw new Error('the reference data folder is missing from this installation of plan');
}

export function readReference(file: string): Document {
  const document = parseDocument(readFileSync(join(referenceDir(), file), 'utf8'));
  if (document.errors.length > 0) throw new Error(`the reference data ${file} is not valid YAML: ${document.errors[0]!.message}`);
  return document;
}
