// The output formats of `plan check --format`.

import { compact } from './compact.js';
import { github } from './github.js';
import { json } from './json.js';
import type { Reporter } from './reporter.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const reporters: Record<string, Reporter> = { stylish, compact, json, github, sarif };
export const formatNames = Object.keys(reporters);
