import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Checks JSON values against the schemas of the official OpenAPI extract vendored in
 * test/fixtures/openai-batch-files-extract.yaml (its header names the upstream commit).
 * It understands the subset the extract uses (type, properties, required, enum, items, $ref,
 * anyOf/oneOf, additionalProperties). As the real API does, a property that is not required may be
 * null even where the schema only names a type.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean | null;
  minimum?: number;
  maximum?: number;
};

const specPath = fileURLToPath(new URL('../fixtures/openai-batch-files-extract.yaml', import.meta.url));
const spec = parse(readFileSync(specPath, 'utf8')) as {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, { 'x-oaiMeta'?: { examples?: { request?: { curl?: string } } } }>>;
};

export const openapi = spec;

export function schemaErrors(name: string, value: unknown): string[] {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`no schema named ${name} in the extract`);
  const errors: string[] = [];
  check(schema, value, name, errors);
  return errors;
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(target);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(raw: Schema, value: unknown, path: string, errors: string[]): void {
  const schema = resolve(raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const passing = alternatives.filter((alt) => {
      const sub: string[] = [];
      check(alt, value, path, sub);
      return sub.length === 0;
    });
    if (passing.length === 0)
      errors.push(`${path}: matches none of the alternatives (${JSON.stringify(value)?.slice(0, 80)})`);
    return;
  }
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) {
      errors.push(`${path}: expected ${allowed.join('|')}, got ${actual}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => check(schema.items!, item, `${path}[${i}]`, errors));
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in record)) errors.push(`${path}.${key}: required but absent`);
    }
    for (const [key, child] of Object.entries(record)) {
      const propSchema = schema.properties?.[key];
      if (propSchema) {
        const optional = !(schema.required ?? []).includes(key);
        if (child === null && optional) continue;
        check(propSchema, child, `${path}.${key}`, errors);
      } else if (schema.additionalProperties === false) {
        errors.push(`${path}.${key}: not allowed`);
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        check(schema.additionalProperties, child, `${path}.${key}`, errors);
      }
    }
  }
}
