/**
 * A small JSON Schema (2020-12 subset) validator for Meilisearch's OpenAPI
 * description. It knows exactly the keywords that description uses and refuses a
 * schema with any other: a keyword it silently skipped would let a wrong request pass.
 */

export type Schema = boolean | { [keyword: string]: unknown };

/** Keywords that only describe and never constrain. */
const ANNOTATIONS = new Set(["description", "example", "examples", "default", "readOnly", "writeOnly", "title", "deprecated"]);
const CHECKED = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "items",
  "prefixItems",
  "uniqueItems",
  "minItems",
  "maxItems",
  "oneOf",
  "anyOf",
  "allOf",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "format",
]);

const INTEGER_FORMATS: Record<string, [number, number]> = {
  "u-int8": [0, 255],
  "u-int16": [0, 65_535],
  "u-int32": [0, 4_294_967_295],
  "u-int64": [0, Number.MAX_SAFE_INTEGER],
  "int32": [-2_147_483_648, 2_147_483_647],
  "int64": [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export type ValidateOptions = {
  /**
   * Objects that declare properties accept no others, as Meilisearch's deserializer
   * rejects unknown fields (error `bad_request`, "Unknown field"): requests only.
   */
  closed?: boolean;
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return expected === actual || (expected === "number" && actual === "integer");
}

export class SchemaValidator {
  constructor(private readonly root: unknown) {}

  resolve(ref: string): Schema {
    if (!ref.startsWith("#/")) throw new Error(`only local references are supported: ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split("/")) {
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
    return node as Schema;
  }

  /** Every way `value` breaks `schema`, as "path: message" lines (empty when it conforms). */
  validate(schema: Schema, value: unknown, path = "$", options: ValidateOptions = {}): string[] {
    return this.check(schema, value, path, options.closed ?? false, false);
  }

  private check(schema: Schema, value: unknown, path: string, closed: boolean, inAllOf: boolean): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path}: no value is allowed here`];
    for (const keyword of Object.keys(schema)) {
      if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) {
        throw new Error(`the validator does not implement the keyword "${keyword}" (at ${path})`);
      }
    }
    const errors: string[] = [];
    const s = schema as Record<string, unknown>;

    if (typeof s.$ref === "string") errors.push(...this.check(this.resolve(s.$ref), value, path, closed, inAllOf));

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(t, value))) {
        return [...errors, `${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) {
      errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) {
      errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
    }

    if (typeof value === "number") {
      if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${path}: ${value} < minimum ${s.minimum}`);
      if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${path}: ${value} > maximum ${s.maximum}`);
      const range = typeof s.format === "string" ? INTEGER_FORMATS[s.format] : undefined;
      if (range && (!Number.isInteger(value) || value < range[0] || value > range[1])) {
        errors.push(`${path}: ${value} is not a ${s.format as string}`);
      }
    }
    if (typeof value === "string") {
      if (typeof s.minLength === "number" && [...value].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (typeof s.maxLength === "number" && [...value].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      if (s.format === "date-time" && Number.isNaN(Date.parse(value))) errors.push(`${path}: not a date-time`);
    }

    if (Array.isArray(value)) {
      const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
      value.forEach((item, i) => {
        const itemSchema = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
        if (itemSchema !== undefined) errors.push(...this.check(itemSchema, item, `${path}[${i}]`, closed, false));
      });
      if (typeof s.minItems === "number" && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === "number" && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
        errors.push(`${path}: items are not unique`);
      }
    }

    if (typeOf(value) === "object") {
      const object = value as Record<string, unknown>;
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      for (const name of (s.required ?? []) as string[]) {
        if (!(name in object)) errors.push(`${path}: missing required property "${name}"`);
      }
      for (const [name, propertyValue] of Object.entries(object)) {
        const where = `${path}.${name}`;
        if (s.propertyNames !== undefined) errors.push(...this.check(s.propertyNames as Schema, name, `${where} (name)`, closed, false));
        if (name in properties) {
          errors.push(...this.check(properties[name]!, propertyValue, where, closed, false));
        } else if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
          errors.push(...this.check(s.additionalProperties as Schema, propertyValue, where, closed, false));
        } else if (
          // A closed part of an allOf is closed over the union of the parts (the server
          // flattens them into one object), so it is not checked alone.
          !inAllOf &&
          (s.additionalProperties === false || (closed && s.properties !== undefined && s.additionalProperties === undefined))
        ) {
          errors.push(`${where}: unknown property`);
        }
      }
    }

    if (Array.isArray(s.allOf)) {
      const union = this.unionOfProperties(s.allOf as Schema[]);
      for (const part of s.allOf as Schema[]) errors.push(...this.check(part, value, path, closed, true));
      if (closed && typeOf(value) === "object" && union) {
        for (const name of Object.keys(value as object)) if (!union.has(name)) errors.push(`${path}.${name}: unknown property`);
      }
    }
    if (Array.isArray(s.anyOf)) {
      const results = (s.anyOf as Schema[]).map((part) => this.check(part, value, path, closed, inAllOf));
      if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join("; ")})`);
    }
    if (Array.isArray(s.oneOf)) {
      const results = (s.oneOf as Schema[]).map((part) => this.check(part, value, path, closed, inAllOf));
      const passing = results.filter((r) => r.length === 0).length;
      if (passing !== 1) {
        errors.push(
          passing === 0
            ? `${path}: matches none of oneOf (${results.map((r) => r[0]).join("; ")})`
            : `${path}: matches ${passing} alternatives of oneOf, exactly one expected`,
        );
      }
    }
    return errors;
  }

  /** The property names an allOf declares across its parts (null when a part allows any). */
  private unionOfProperties(parts: Schema[]): Set<string> | null {
    const names = new Set<string>();
    for (const part of parts) {
      const schema = typeof part === "object" && typeof part.$ref === "string" ? this.resolve(part.$ref) : part;
      if (typeof schema !== "object") return null;
      if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
        for (const alt of (schema.oneOf ?? schema.anyOf) as Schema[]) {
          const inner = this.unionOfProperties([alt]);
          if (inner) for (const n of inner) names.add(n);
        }
        continue;
      }
      if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return null;
      for (const n of Object.keys((schema.properties ?? {}) as object)) names.add(n);
    }
    return names;
  }
}
