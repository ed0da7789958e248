import type { z } from "zod";
import { pageCount, PAGE_SIZE, parseListQuery } from "~/utils/list-query";
import type { Principal } from "~/utils/principal.server";
import { hasRole } from "~/utils/scopes.server";
import { AppError, forbidden, notFound } from "~/utils/errors.server";
import type { FieldErrors, FormResult } from "~/utils/forms";
import { validateFields } from "~/utils/forms";
import { bases } from "./bases.server";
import { clusters } from "./clusters.server";
import { colleges } from "./colleges.server";
import { enterprises } from "./enterprises.server";
import { pairings } from "./pairings.server";
import { parks } from "./parks.server";
import { secondments } from "./secondments.server";
import type { FormField, FormValues, ImportKind, RegistryDefinition, RegistryKind } from "./types";
import { IMPORT_KINDS, REGISTRY_KINDS } from "./types";
import { refusal } from "~/utils/action-result.server";

/**
 * The one list/detail/form machinery behind the seven registries: every page and
 * export reads its definition from here, so filters, sorting, paging, scope and
 * validation behave the same everywhere (docs/decisions/010-registry-machinery.md).
 */
const REGISTRIES: Record<RegistryKind, RegistryDefinition<unknown>> = {
  parks,
  clusters,
  enterprises,
  colleges,
  pairings,
  bases,
  secondments,
} as Record<RegistryKind, RegistryDefinition<unknown>>;

export function registryOf(kind: string | undefined): RegistryDefinition<unknown> {
  if (!(REGISTRY_KINDS as readonly string[]).includes(kind ?? "")) throw notFound("名录");
  return REGISTRIES[kind as RegistryKind];
}

export function importableRegistry(kind: string | undefined): RegistryDefinition<unknown> & { kind: ImportKind } {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind ?? "")) {
    throw new AppError({ message: `不支持导入“${kind ?? ""}”，可导入：${IMPORT_KINDS.join("、")}`, code: "bad_kind" });
  }
  return REGISTRIES[kind as ImportKind] as RegistryDefinition<unknown> & { kind: ImportKind };
}

/** Each registry with the number of records the principal sees in it. */
export async function registryCounts(principal: Principal) {
  return Promise.all(
    REGISTRY_KINDS.map(async (kind) => {
      const def = REGISTRIES[kind];
      const { total } = await def.load({ principal, query: parseListQuery(new URLSearchParams(), def.spec), take: 0 });
      return { kind, title: def.title, count: total };
    }),
  );
}

export const mayCreate = (principal: Principal, def: RegistryDefinition<unknown>) => hasRole(principal, ...def.creators);
export const mayImport = (principal: Principal, def: RegistryDefinition<unknown>) =>
  Boolean(def.import && hasRole(principal, ...def.import.roles));

/** A page of a registry list, filtered and sorted as the URL says. */
export async function listRegistry({ principal, kind, params }: { principal: Principal; kind: string | undefined; params: URLSearchParams }) {
  const def = registryOf(kind);
  const query = parseListQuery(params, def.spec);
  const { total, rows } = await def.load({ principal, query, take: PAGE_SIZE, skip: (query.page - 1) * PAGE_SIZE });
  return {
    kind: def.kind,
    title: def.title,
    columns: def.columns,
    filters: await def.filters(principal),
    query,
    total,
    pageSize: PAGE_SIZE,
    pageCount: pageCount(total),
    rows,
    mayCreate: mayCreate(principal, def),
    mayImport: mayImport(principal, def),
  };
}

/** Every row of a registry list under the same filters and sort, for export. */
export async function exportRows({ principal, kind, params }: { principal: Principal; kind: string | undefined; params: URLSearchParams }) {
  const def = registryOf(kind);
  const query = parseListQuery(params, def.spec);
  const { rows } = await def.load({ principal, query });
  return { kind: def.kind, title: def.title, columns: def.columns, rows };
}

export async function readRecord({ principal, kind, id }: { principal: Principal; kind: string | undefined; id: number }) {
  const def = registryOf(kind);
  const [detail, mayEdit] = await Promise.all([def.detail(principal, id), def.mayEdit(principal, id)]);
  return { kind: def.kind, registryTitle: def.title, noun: def.noun, ...detail, mayEdit };
}

/** The form of a new record (`id` absent) or of an existing one the principal may edit. */
export async function recordForm({ principal, kind, id }: { principal: Principal; kind: string | undefined; id?: number }) {
  const def = registryOf(kind);
  if (id === undefined && !mayCreate(principal, def)) throw forbidden(`您没有登记${def.noun}的权限`);
  if (id !== undefined && !(await def.mayEdit(principal, id))) throw forbidden(`您没有修改此${def.noun}的权限`);
  const fields: FormField[] = await def.fields(principal);
  const values: FormValues = id === undefined ? {} : await def.values(principal, id);
  return { kind: def.kind, registryTitle: def.title, noun: def.noun, fields, values };
}

function formValues(form: FormData, fields: readonly FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const all = form.getAll(field.name).filter((v): v is string => typeof v === "string");
    if (field.type === "multiselect") values[field.name] = all;
    else if (all.length) values[field.name] = all[all.length - 1]!;
  }
  return values;
}

/**
 * Validates and saves a submitted form: field errors (Chinese, one per field) come
 * back for display beside the fields; a rule broken on the server (a duplicate
 * name, a park out of scope) is reported on its field too.
 */
export async function saveRecord({
  principal,
  kind,
  id,
  form,
}: {
  principal: Principal;
  kind: string | undefined;
  id?: number;
  form: FormData;
}): Promise<{ ok: true; id: number } | { ok: false; fieldErrors: FieldErrors; values: FormValues }> {
  const def = registryOf(kind);
  if (id === undefined && !mayCreate(principal, def)) throw forbidden(`您没有登记${def.noun}的权限`);
  if (id !== undefined && !(await def.mayEdit(principal, id))) throw forbidden(`您没有修改此${def.noun}的权限`);
  const fields = await def.fields(principal);
  const values = formValues(form, fields);
  const parsed: FormResult<unknown> = validateFields(def.schema as z.ZodType, values);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, values };
  try {
    if (id === undefined) return { ok: true, id: await def.create(principal, parsed.data) };
    await def.update(principal, id, parsed.data);
    return { ok: true, id };
  } catch (error) {
    const refused = refusal(error, { when: (e) => Boolean(e.field) });
    if (refused) return { ok: false, fieldErrors: refused.fieldErrors, values };
    throw error;
  }
}
