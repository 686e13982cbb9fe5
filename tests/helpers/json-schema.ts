// A JSON Schema validator (ajv, with the `date` format) for the editor schema that `plan schema` writes.

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { JsonSchema } from '../../src/model/json-schema.js';

// ajv-formats is CommonJS; under NodeNext its function is the module's default export.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

export function validatorOf(schema: JsonSchema): ValidateFunction {
  return addFormats(new Ajv({ allErrors: true, strict: true })).compile(schema);
}
