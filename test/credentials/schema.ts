/** @module test/credentials/schema — the official 1EdTech OB 3.0 AchievementCredential JSON Schema as a validator. */
import { readFileSync } from 'node:fs';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

// ajv ships CommonJS: under NodeNext the class is the module's `default` export.
const Ajv2019 = Ajv2019Module.default;
const addFormats = addFormatsModule.default;

const schema = JSON.parse(readFileSync(new URL('../../../shared/standards/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema errors as readable lines; empty when the credential is valid. */
export function schemaErrors(credential: unknown): string[] {
  return validate(credential) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
