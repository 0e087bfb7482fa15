// A small JSON Schema (draft 2020-12) checker for the keywords the config schema uses, so the tests need no
// validator package. It refuses a keyword it does not know, so a schema cannot outgrow it unnoticed.

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'title', 'description', '$defs']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

/** Where the value breaks the schema, one line each (empty: it is valid). */
export function schemaErrors(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
  const errors: string[] = [];
  for (const [keyword, argument] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    const check = KEYWORDS[keyword];
    if (!check) throw new Error(`the test checker does not know the keyword ${keyword} (at ${at})`);
    errors.push(...check(argument, value, root, at, schema));
  }
  return errors;
}

/** `schema` is the whole schema the keyword stands in (additionalProperties reads its sibling properties). */
type Check = (argument: unknown, value: unknown, root: Schema, at: string, schema: Schema) => string[];

const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

const KEYWORDS: Record<string, Check> = {
  type: (argument, value, _root, at) => {
    const types = Array.isArray(argument) ? (argument as string[]) : [argument as string];
    return types.some((type) => hasType(value, type)) ? [] : [`${at}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  },
  enum: (argument, value, _root, at) => ((argument as unknown[]).includes(value) ? [] : [`${at}: not one of the enum`]),
  minimum: (argument, value, _root, at) => (typeof value === 'number' && value < (argument as number) ? [`${at}: below minimum`] : []),
  maximum: (argument, value, _root, at) => (typeof value === 'number' && value > (argument as number) ? [`${at}: above maximum`] : []),
  minItems: (argument, value, _root, at) => (Array.isArray(value) && value.length < (argument as number) ? [`${at}: too few items`] : []),
  pattern: (argument, value, _root, at) =>
    typeof value === 'string' && !new RegExp(argument as string, 'u').test(value) ? [`${at}: does not match ${argument}`] : [],
  required: (argument, value, _root, at) =>
    isObject(value) ? (argument as string[]).filter((key) => !(key in value)).map((key) => `${at}: ${key} is required`) : [],
  properties: (argument, value, root, at) =>
    isObject(value)
      ? Object.entries(argument as Record<string, Schema>).flatMap(([key, schema]) =>
          key in value ? schemaErrors(schema, value[key], root, `${at}.${key}`) : [],
        )
      : [],
  additionalProperties: (argument, value, root, at, schema) => {
    if (!isObject(value)) return [];
    const named = new Set(Object.keys((schema.properties as object | undefined) ?? {}));
    return Object.keys(value)
      .filter((key) => !named.has(key))
      .flatMap((key) =>
        argument === false ? [`${at}: ${key} is not allowed`] : schemaErrors(argument as Schema, value[key], root, `${at}.${key}`),
      );
  },
  propertyNames: (argument, value, root, at) =>
    isObject(value) ? Object.keys(value).flatMap((key) => schemaErrors(argument as Schema, key, root, `${at} key ${key}`)) : [],
  items: (argument, value, root, at) =>
    Array.isArray(value) ? value.flatMap((item, index) => schemaErrors(argument as Schema, item, root, `${at}[${index}]`)) : [],
  anyOf: (argument, value, root, at) =>
    (argument as Schema[]).some((schema) => schemaErrors(schema, value, root, at).length === 0) ? [] : [`${at}: matches none of anyOf`],
  allOf: (argument, value, root, at) => (argument as Schema[]).flatMap((schema) => schemaErrors(schema, value, root, at)),
  not: (argument, value, root, at) => (schemaErrors(argument as Schema, value, root, at).length === 0 ? [`${at}: matches not`] : []),
  dependentSchemas: (argument, value, root, at) =>
    isObject(value)
      ? Object.entries(argument as Record<string, Schema>).flatMap(([key, schema]) =>
          key in value ? schemaErrors(schema, value, root, at) : [],
        )
      : [],
  $ref: (argument, value, root, at) => {
    const match = /^#\/\$defs\/(.+)$/.exec(argument as string);
    const target = match ? (root.$defs as Record<string, Schema> | undefined)?.[match[1]] : undefined;
    if (!target) throw new Error(`the test checker cannot follow $ref ${argument}`);
    return schemaErrors(target, value, root, at);
  },
};
