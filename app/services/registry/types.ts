import type { ImportColumn } from "~/domain/registry/import-headers";
import type { ListQuery, ListSpec } from "~/utils/list-query";
import type { z } from "zod";
import type { Role } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import type { Prisma } from "~/utils/db.server";

/** What the registry pages render: plain data, the same shape for all seven registries. */
export type Option = { value: string; label: string };
export type Column = { key: string; label: string; sortable?: boolean };
export type Cell = string | number | null;
/** A row of a table; `href` (the record's page) links its first cell. */
export type DisplayRow = { id: number; href?: string; cells: Record<string, Cell>; warning?: string };
export type FilterDef = { key: string; label: string; type: "text" | "select"; options?: Option[] };
export type FormField = {
  name: string;
  label: string;
  type: "text" | "number" | "date" | "select" | "multiselect";
  options?: Option[];
  required?: boolean;
  hint?: string;
};
export type FormValues = Record<string, string | string[]>;
export type Fact = { label: string; value: string; href?: string; warning?: boolean };
export type Section = { title: string; columns: Column[]; rows: DisplayRow[]; empty: string };
export type RecordDetail = { title: string; facts: Fact[]; sections: Section[]; mapHref?: string };

export const REGISTRY_KINDS = ["parks", "clusters", "enterprises", "colleges", "pairings", "bases", "secondments"] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];
export const IMPORT_KINDS = ["parks", "enterprises", "colleges", "pairings", "bases"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type Problem = { field?: string; reason: string };

/** One import file's rows checked against the database and the principal's scope. */
export type RowChecker<Input> = {
  /** Cell texts (by column key) → form values, names looked up as ids; unknown names are problems. */
  resolve(cells: Record<string, string>): { values: FormValues; problems: Problem[] };
  /** Identity keys of a valid row with their labels: seen twice in the file, or already stored, refuses it. */
  keys(input: Input): { label: string; key: string }[];
  exists(key: string): boolean;
  /** Why the principal may not write this row, or null (asked in file order; may ask the database). */
  refusal(input: Input): string | null | Promise<string | null>;
};

export type ImportDefinition<Input> = {
  columns: readonly ImportColumn[];
  roles: readonly Role[];
  prepare(principal: Principal): Promise<RowChecker<Input>>;
  /** Writes the checked rows, in file order, inside the import's one transaction. */
  insert(tx: Prisma.TransactionClient, inputs: Input[], principal: Principal): Promise<void>;
  /** One row, by column key, that this principal could import as it is: the template's example. */
  example(principal: Principal): Promise<Record<string, string>>;
};

/**
 * A registry: its list (filters, sort columns, columns), its detail page, its form
 * (one Zod schema for the form and for imported rows) and, for five of them, imports.
 * Methods (not arrow properties) so that definitions of different inputs share one map.
 */
export type RegistryDefinition<Input> = {
  kind: RegistryKind;
  title: string;
  noun: string;
  creators: readonly Role[];
  spec: ListSpec;
  columns: readonly Column[];
  filters(principal: Principal): Promise<FilterDef[]>;
  load(args: { principal: Principal; query: ListQuery; take?: number; skip?: number }): Promise<{ total: number; rows: DisplayRow[] }>;
  detail(principal: Principal, id: number): Promise<RecordDetail>;
  mayEdit(principal: Principal, id: number): Promise<boolean>;
  schema: z.ZodType<Input>;
  fields(principal: Principal): Promise<FormField[]>;
  values(principal: Principal, id: number): Promise<FormValues>;
  create(principal: Principal, input: Input): Promise<number>;
  update(principal: Principal, id: number, input: Input): Promise<void>;
  import?: ImportDefinition<Input>;
};
