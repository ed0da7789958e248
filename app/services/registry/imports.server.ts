import fs from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { matchHeaders, rowValues } from "~/domain/registry/import-headers";
import { type Principal, operatorPrincipal, principalOfAccount } from "~/utils/principal.server";
import { hasRole, importJobScope } from "~/utils/scopes.server";
import { type Prisma, prisma } from "~/utils/db.server";
import { AppError, forbidden, notFound } from "~/utils/errors.server";
import { validateFields } from "~/utils/forms";
import { QUEUES, enqueueOrDefer } from "~/utils/queue.server";
import { FUND_IMPORTERS, FUND_IMPORT_KINDS } from "~/services/fund/imports.server";
import { SUBSIDY_IMPORTERS, SUBSIDY_IMPORT_KINDS } from "~/services/subsidy/worker-training-import.server";
import { importableRegistry } from "./registry.server";
import { type ImportDefinition, type ImportKind, IMPORT_KINDS } from "./types";
import { type Table, formatOfFile, readTable } from "~/utils/tabular.server";

/**
 * Imports of table files — the registries', the fund's payments and ledger entries, and
 * enterprises' worker-training claims (issue 19): every row is resolved (names → records), validated with the form's own
 * schema, checked for duplicates in the file and in the
 * database and against the importer's scope; one bad row refuses the whole file, and
 * a good file is written in one transaction (docs/decisions/011-imports.md).
 */
export type RowError = { line: number; field?: string; reason: string };
export type ImportOutcome = { status: "done"; created: number } | { status: "refused"; errors: RowError[] };

/** Files up to this size are imported while the person waits; bigger ones go to the worker with progress. */
export const INLINE_IMPORT_BYTES = 256 * 1024;
const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
const PROGRESS_EVERY = 1_000;
export const IMPORT_DIR = path.resolve("var/imports");

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  parks: "工业园区",
  enterprises: "园区企业",
  colleges: "职业院校",
  pairings: "园校对接",
  bases: "实训基地",
};

/**
 * What the machinery needs of an import kind: its label, the row schema (the form's
 * own), the import definition, and the page a finished import leads back to.
 */
export type Importer = { kind: string; label: string; schema: z.ZodType; import: ImportDefinition<unknown>; backTo: string };

/** Imports that live on their own pages (an enterprise's, a college's), beside the registries'. */
const PAGE_IMPORTERS: Record<string, Importer> = { ...FUND_IMPORTERS, ...SUBSIDY_IMPORTERS };
const ALL_IMPORT_KINDS: readonly string[] = [...IMPORT_KINDS, ...FUND_IMPORT_KINDS, ...SUBSIDY_IMPORT_KINDS];

export function importerOf(kind: string | undefined): Importer {
  const onItsPage = Object.hasOwn(PAGE_IMPORTERS, kind ?? "") ? PAGE_IMPORTERS[kind!] : undefined;
  if (onItsPage) return onItsPage;
  const def = importableRegistry(kind);
  return { kind: def.kind, label: IMPORT_KIND_LABELS[def.kind], schema: def.schema as z.ZodType, import: def.import!, backTo: "/imports" };
}

const mayUse = (principal: Principal, importer: Importer) => hasRole(principal, ...importer.import.roles);
const labelOf = (kind: string) => (ALL_IMPORT_KINDS.includes(kind) ? importerOf(kind).label : kind);

export async function importTable({
  principal,
  kind,
  table,
  onProgress,
  onCommit,
}: {
  principal: Principal;
  kind: string;
  table: Table;
  onProgress?: (doneRows: number) => Promise<void>;
  onCommit?: (tx: Prisma.TransactionClient, created: number) => Promise<void>;
}): Promise<ImportOutcome> {
  const importer = importerOf(kind);
  const spec = importer.import;
  if (!mayUse(principal, importer)) throw forbidden(`您没有导入${importer.label}的权限`);
  const headers = matchHeaders(table.header, spec.columns);
  if (!headers.ok) return { status: "refused", errors: headers.reasons.map((reason) => ({ line: table.headerLine, reason })) };
  if (table.rows.length === 0) return { status: "refused", errors: [{ line: table.headerLine + 1, reason: "文件中没有数据行" }] };

  const labelOf = (key: string) => spec.columns.find((c) => c.key === key)?.header;
  const checker = await spec.prepare(principal);
  const firstLineOf = new Map<string, number>();
  const inputs: unknown[] = [];
  const errors: RowError[] = [];
  for (const [i, row] of table.rows.entries()) {
    const cells = rowValues(row.cells, headers.positions);
    const { values, problems } = checker.resolve(cells);
    const rowErrors: RowError[] = problems.map((p) => ({ line: row.line, ...p }));
    const parsed = validateFields(importer.schema, values);
    if (!parsed.ok) {
      for (const [path, reason] of Object.entries(parsed.fieldErrors)) {
        const key = path.split(".")[0]!;
        // A field looked up from a name that could not be found has been reported already, in the words of its column.
        if (problems.length && values[key] !== cells[key]) continue;
        rowErrors.push({ line: row.line, field: labelOf(key), reason });
      }
    } else if (!problems.length) {
      for (const { label, key } of checker.keys(parsed.data)) {
        const first = firstLineOf.get(key);
        if (first !== undefined) rowErrors.push({ line: row.line, field: label, reason: `${label}与第 ${first} 行重复` });
        else if (checker.exists(key)) rowErrors.push({ line: row.line, field: label, reason: `${label}已登记，不能重复导入` });
        else firstLineOf.set(key, row.line);
      }
      const refusal = await checker.refusal(parsed.data);
      if (refusal) rowErrors.push({ line: row.line, reason: refusal });
      if (!rowErrors.length) inputs.push(parsed.data);
    }
    errors.push(...rowErrors);
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) await onProgress(i + 1);
  }
  if (errors.length) return { status: "refused", errors };
  await prisma.$transaction(
    async (tx) => {
      await spec.insert(tx, inputs, principal);
      await onCommit?.(tx, inputs.length);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return { status: "done", created: inputs.length };
}

/**
 * Runs a queued import. A retry after a finished import does nothing (runImportJob
 * leaves done and refused imports alone), and the file is removed only once the
 * import has reached its end. Null when the import record does not exist.
 */
export async function runQueuedImport({ importJobId, filePath }: { importJobId: number; filePath: string }): Promise<{ status: string } | null> {
  const job = await prisma.importJob.findUnique({ where: { id: importJobId }, select: { status: true } });
  if (!job) return null;
  if (job.status !== "done" && job.status !== "refused") {
    await runImportJob({ importJobId, buffer: await fs.readFile(filePath) });
  }
  await fs.rm(filePath, { force: true });
  const after = await prisma.importJob.findUnique({ where: { id: importJobId }, select: { status: true } });
  return { status: after?.status ?? "missing" };
}

/** Runs one recorded import to its end; a finished one is left as it is (safe to retry). */
export async function runImportJob({ importJobId, buffer }: { importJobId: number; buffer: Buffer }): Promise<void> {
  const job = await prisma.importJob.findUnique({ where: { id: importJobId } });
  if (!job || job.status === "done" || job.status === "refused") return;
  const principal = await principalOfAccount(job.accountId);
  const finish = (data: Prisma.ImportJobUpdateInput) => prisma.importJob.update({ where: { id: importJobId }, data: { ...data, finishedAt: new Date() } });
  if (!principal) {
    await finish({ status: "refused", errors: JSON.stringify([{ line: 0, reason: "导入账号已停用" }]) });
    return;
  }
  await prisma.importJob.update({ where: { id: importJobId }, data: { status: "running", doneRows: 0 } });
  try {
    const table = await readTable(buffer, job.fileName);
    await prisma.importJob.update({ where: { id: importJobId }, data: { totalRows: table.rows.length } });
    const outcome = await importTable({
      principal,
      kind: job.kind,
      table,
      onProgress: async (doneRows) => {
        await prisma.importJob.update({ where: { id: importJobId }, data: { doneRows } });
      },
      onCommit: async (tx) => {
        await tx.importJob.update({ where: { id: importJobId }, data: { status: "done", doneRows: table.rows.length, finishedAt: new Date() } });
      },
    });
    if (outcome.status === "refused") await finish({ status: "refused", errors: JSON.stringify(outcome.errors) });
  } catch (error) {
    if (error instanceof AppError) {
      await finish({ status: "refused", errors: JSON.stringify([{ line: 0, reason: error.message }]) });
      return;
    }
    await finish({ status: "failed", errors: JSON.stringify([{ line: 0, reason: "导入时发生系统错误，请稍后重试" }]) });
    throw error;
  }
}

/**
 * Records an import and runs it: a small file at once, a big one in the worker,
 * whose progress the import's page follows.
 */
export async function startImport({ principal, kind, file }: { principal: Principal; kind: string; file: File }): Promise<number> {
  if (!ALL_IMPORT_KINDS.includes(kind)) throw new AppError({ message: "请选择导入内容", field: "kind" });
  const importer = importerOf(kind);
  if (!mayUse(principal, importer)) throw forbidden(`您没有导入${importer.label}的权限`);
  if (!file.name || file.size === 0) throw new AppError({ message: "请选择要导入的文件", field: "file" });
  if (file.size > MAX_IMPORT_BYTES) throw new AppError({ message: "文件不能超过 30 MB，请分批导入", field: "file" });
  const format = formatOfFile(file.name);
  const buffer = Buffer.from(await file.arrayBuffer());
  const job = await prisma.importJob.create({
    data: { kind, fileName: file.name.slice(0, 200), accountId: principal.accountId },
    select: { id: true },
  });
  if (buffer.length <= INLINE_IMPORT_BYTES) {
    await runImportJob({ importJobId: job.id, buffer });
    return job.id;
  }
  await fs.mkdir(IMPORT_DIR, { recursive: true });
  const filePath = path.join(IMPORT_DIR, `${job.id}.${format}`);
  await fs.writeFile(filePath, buffer);
  await enqueueImport({ importJobId: job.id, filePath });
  return job.id;
}

/** An import started from a page's own form (a `file` field): the import's id, or a 400 naming the file field. */
export async function startImportFromForm({ principal, kind, form }: { principal: Principal; kind: string; form: FormData }): Promise<number> {
  const file = form.get("file");
  if (!(file instanceof File) || !file.name) throw new AppError({ message: "请选择要导入的文件", field: "file" });
  return startImport({ principal, kind, file });
}

/** The worker runs the import; while Redis is down it waits in the database (PendingJob) and the page shows it queued. */
async function enqueueImport(data: { importJobId: number; filePath: string }) {
  await enqueueOrDefer({ queue: QUEUES.imports, name: "run-import", data, jobId: `import-${data.importJobId}` });
}

const ERRORS_SHOWN = 500;

export async function readImportJob({ principal, id }: { principal: Principal; id: number }) {
  const job = await prisma.importJob.findFirst({
    where: { AND: [{ id }, importJobScope(principal)] },
  });
  if (!job) throw notFound("导入记录");
  const errors = job.errors ? (JSON.parse(job.errors) as RowError[]) : [];
  return {
    id: job.id,
    kind: job.kind,
    kindLabel: labelOf(job.kind),
    backTo: ALL_IMPORT_KINDS.includes(job.kind) ? importerOf(job.kind).backTo : "/imports",
    fileName: job.fileName,
    status: job.status,
    totalRows: job.totalRows,
    doneRows: job.doneRows,
    errorCount: errors.length,
    errors: errors.slice(0, ERRORS_SHOWN),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function listImportJobs({ principal }: { principal: Principal }) {
  const jobs = await prisma.importJob.findMany({
    where: importJobScope(principal),
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, kind: true, fileName: true, status: true, totalRows: true, createdAt: true, account: { select: { displayName: true } } },
  });
  return jobs.map((j) => ({ ...j, kindLabel: labelOf(j.kind), createdAt: j.createdAt.toISOString(), by: j.account.displayName }));
}

/** The import kinds a principal may use, for the upload form. */
export function importKindsFor(principal: Principal) {
  return IMPORT_KINDS.map(importerOf)
    .filter((importer) => mayUse(principal, importer))
    .map((importer) => ({ kind: importer.kind, label: importer.label, columns: importColumnsOf(importer) }));
}

/** The columns of an import kind as its upload form lists them. */
export function importColumnsOf(importer: Importer | string) {
  const { import: spec } = typeof importer === "string" ? importerOf(importer) : importer;
  return spec.columns.map((c) => ({ header: c.header, required: c.required }));
}

/** An operator's import from the command line: same checks, no ImportJob record, progress to the caller. */
export async function importRegistryFile({
  kind,
  fileName,
  buffer,
  onProgress,
}: {
  kind: string;
  fileName: string;
  buffer: Buffer;
  onProgress?: (doneRows: number, totalRows: number) => Promise<void>;
}): Promise<ImportOutcome> {
  const table = await readTable(buffer, fileName);
  return importTable({
    principal: operatorPrincipal(),
    kind,
    table,
    onProgress: onProgress ? (done) => onProgress(done, table.rows.length) : undefined,
  });
}

/** An import kind's template for the principal: its columns (with their notes) and an example row it could import as it is. */
export async function importTemplateFor({ principal, kind }: { principal: Principal; kind: string }) {
  const importer = importerOf(kind);
  if (!mayUse(principal, importer)) throw forbidden(`您没有导入${importer.label}的权限`);
  const spec = importer.import;
  const example = await spec.example(principal);
  return {
    fileName: `${importer.label}导入模板`,
    columns: spec.columns,
    example: spec.columns.map((c) => example[c.key] ?? ""),
  };
}
