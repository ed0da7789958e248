/**
 * Checks HTTP requests (and the fake server's answers) against Meilisearch's own
 * OpenAPI description (../shared/data/meilisearch/open-api-1.15.2.json).
 *
 * The published description is generated from the server's code and has a few
 * places where it disagrees with the server and its documentation. Each is listed
 * in ERRATA with the reason, and nothing else is loosened (ADR 030, "Conformance").
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SchemaValidator, type Schema } from "./json-schema";

/** A copy of the published file (MIT), vendored so that a clean clone checks against it too. */
export const OPENAPI_FILE = fileURLToPath(new URL("./meilisearch-1.15.2/open-api-1.15.2.json", import.meta.url));

type Parameter = { name: string; in: "path" | "query" | "header"; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
type Document = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

export type HttpRequest = { method: string; path: string; query: URLSearchParams; body: unknown };
export type RequestCheck = { operationId: string | null; template: string | null; errors: string[] };

/** Where the description disagrees with the server; each entry says why it is corrected. */
export const ERRATA = {
  /**
   * The description lists document deletion by ids at /indexes/{indexUid}/delete-batch;
   * the server's route and its documentation use /indexes/{indexUid}/documents/delete-batch
   * (the official client calls that one).
   */
  pathAliases: { "/indexes/{indexUid}/documents/delete-batch": "/indexes/{indexUid}/delete-batch" } as Record<string, string>,
  /**
   * `csvDelimiter` is marked required on document additions, but it only applies to a
   * CSV payload (Content-Type text/csv) and the documentation gives it a default.
   */
  optionalQuery: { replace_documents: ["csvDelimiter"], update_documents: ["csvDelimiter"] } as Record<string, string[]>,
  /**
   * The search body schema names its fields in snake_case (hits_per_page) and marks
   * fields with defaults as required; the server deserializes camelCase
   * (hitsPerPage, attributesToHighlight: the documented names) and defaults every one.
   */
  camelCaseBodies: ["SearchQuery"],
  /**
   * `AttributePatterns` is a transparent wrapper in the server (serde/deserr
   * `transparent`): on the wire `attributePatterns` is a plain list of strings, as the
   * documentation of localizedAttributes shows, not `{ "patterns": [...] }`.
   */
  transparentSchemas: { AttributePatterns: "patterns" } as Record<string, string>,
  /**
   * Operations that enqueue a task are described with a 200 answer; the server answers
   * 202 Accepted with a summarized task (documentation: asynchronous operations).
   */
  acceptedFor200: true,
};

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function applyErrata(doc: Document): Document {
  const copy = structuredClone(doc);
  for (const name of ERRATA.camelCaseBodies) {
    const schema = copy.components.schemas[name] as Record<string, unknown>;
    const properties = schema.properties as Record<string, Schema>;
    schema.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [camel(k), v]));
    delete schema.required;
  }
  for (const [name, field] of Object.entries(ERRATA.transparentSchemas)) {
    const schema = copy.components.schemas[name] as { properties: Record<string, Schema> };
    copy.components.schemas[name] = schema.properties[field]!;
  }
  for (const [actual, described] of Object.entries(ERRATA.pathAliases)) {
    if (copy.paths[described] && !copy.paths[actual]) copy.paths[actual] = copy.paths[described]!;
  }
  return copy;
}

export class OpenApiDescription {
  readonly version: string;
  private readonly doc: Document;
  private readonly validator: SchemaValidator;
  private readonly templates: { template: string; pattern: RegExp; names: string[] }[];

  constructor(file = OPENAPI_FILE) {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Document;
    this.version = raw.info.version;
    this.doc = applyErrata(raw);
    this.validator = new SchemaValidator(this.doc);
    this.templates = Object.keys(this.doc.paths).map((template) => {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      return { template, pattern: new RegExp(`^${pattern}$`), names };
    });
  }

  /** The operation a method and path name, with its path parameters. */
  find(method: string, pathname: string): { template: string; operation: Operation; params: Record<string, string> } | null {
    // A literal path (/indexes/{indexUid}/documents/delete) wins over a template that also matches it.
    const candidates = this.templates
      .map((t) => ({ t, match: t.pattern.exec(pathname) }))
      .filter((c) => c.match && this.doc.paths[c.t.template]?.[method.toLowerCase()])
      .sort((a, b) => a.t.names.length - b.t.names.length);
    const best = candidates[0];
    if (!best?.match) return null;
    const params = Object.fromEntries(best.t.names.map((n, i) => [n, decodeURIComponent(best.match![i + 1]!)]));
    return { template: best.t.template, operation: this.doc.paths[best.t.template]![method.toLowerCase()]!, params };
  }

  checkRequest(request: HttpRequest): RequestCheck {
    const found = this.find(request.method, request.path);
    if (!found) {
      return { operationId: null, template: null, errors: [`${request.method} ${request.path}: no such operation in Meilisearch ${this.version}`] };
    }
    const { operation, params, template } = found;
    const errors: string[] = [];
    const optional = ERRATA.optionalQuery[operation.operationId] ?? [];
    const declared = operation.parameters ?? [];
    for (const p of declared) {
      if (p.in === "path") {
        errors.push(...this.checkParameter(p, params[p.name], `path ${p.name}`));
      } else if (p.in === "query") {
        const values = request.query.getAll(p.name);
        if (values.length === 0) {
          if (p.required && !optional.includes(p.name)) errors.push(`query: missing required parameter ${p.name}`);
          continue;
        }
        errors.push(...this.checkParameter(p, values.join(","), `query ${p.name}`));
      }
    }
    for (const name of new Set(request.query.keys())) {
      if (!declared.some((p) => p.in === "query" && p.name === name)) errors.push(`query: unknown parameter ${name}`);
    }
    const content = operation.requestBody?.content;
    if (request.body === undefined) {
      if (operation.requestBody?.required) errors.push("body: required");
    } else if (!content) {
      errors.push("body: this operation takes none");
    } else {
      const schema = content["application/json"]?.schema;
      if (!schema) errors.push(`body: no JSON body in ${Object.keys(content).join(", ")}`);
      else errors.push(...this.validator.validate(schema, request.body, "body", { closed: true }));
    }
    return { operationId: operation.operationId, template, errors };
  }

  /** What is wrong with a response the fake server is about to send (it must look like Meilisearch's). */
  checkResponse(method: string, pathname: string, status: number, body: unknown): string[] {
    const found = this.find(method, pathname);
    if (!found) return status === 404 ? [] : [`no operation ${method} ${pathname}`];
    const responses = found.operation.responses ?? {};
    const response = responses[String(status)] ?? (status === 202 && ERRATA.acceptedFor200 ? responses["200"] : undefined);
    // Every error of the server has the one ResponseError shape, whichever statuses an operation lists.
    if (!response && status >= 400) return this.validator.validate(this.schema("ResponseError"), body, "response");
    if (!response) return [`${found.operation.operationId} declares no ${status} response`];
    const schema = response.content?.["application/json"]?.schema;
    return schema ? this.validator.validate(schema, body, "response") : [];
  }

  schema(name: string): Schema {
    return this.validator.resolve(`#/components/schemas/${name}`);
  }

  validate(schema: Schema, value: unknown): string[] {
    return this.validator.validate(schema, value, "$", { closed: true });
  }

  private checkParameter(p: Parameter, raw: string | undefined, where: string): string[] {
    if (raw === undefined) return p.required ? [`${where}: missing`] : [];
    const schema = (p.schema ?? true) as Schema;
    const resolved = typeof schema === "object" && typeof schema.$ref === "string" ? this.validator.resolve(schema.$ref) : schema;
    const type = typeof resolved === "object" ? resolved.type : undefined;
    let value: unknown = raw;
    if (type === "integer" || type === "number") value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else if (type === "boolean") value = raw === "true" ? true : raw === "false" ? false : raw;
    else if (type === "array") value = raw.split(",").map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    else if (typeof resolved === "object" && resolved.type === "string" && resolved.format === "u-int32") {
      // A path parameter typed as a string holding a u-int32 (task uids).
      return /^\d+$/.test(raw) && Number(raw) <= 4_294_967_295 ? [] : [`${where}: ${raw} is not a u-int32`];
    }
    return this.validator.validate(schema, value, where);
  }
}
