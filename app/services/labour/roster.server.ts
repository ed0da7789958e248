import { pinyinSortKey } from "~/utils/pinyin-sort";
import { checkRoster, ROSTER_COLUMNS, type RosterField, type RowProblem } from "~/domain/labour/roster";
import { birthDateOfIdentityNumber, genderOfIdentityNumber, identityCheckChar, maskIdentityNumber } from "~/domain/ids/identity-number";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { encryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { readTableFile } from "./roster-file.server";
import { recordSearchChanges, requestSearchDelivery } from "~/services/search/sync.server";

/**
 * Graduate roster import (CSV/XLSX): all or nothing. Every row is checked
 * (app/domain/labour/roster.ts), identity numbers are compared by their HMAC with
 * each other and with the database, and only a file without a single bad row is
 * written, in one transaction. Progress is kept on the ImportJob row.
 */

export const ROSTER_IMPORT_KIND = "graduate_roster";
export const MAX_ROSTER_ROWS = 20_000;
const CHUNK = 500;

export type RosterImportResult = { importJobId: number; status: "done" | "refused"; imported: number; problems: RowProblem[] };

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function importRoster({
  principal, fileName, bytes, cohortId,
}: { principal: Principal; fileName: string; bytes: Uint8Array; cohortId?: number }): Promise<RosterImportResult> {
  const collegeId = requireActor(principal, "college", "只有院校账号可以导入毕业生名册");
  if (cohortId && !(await prisma.cohort.findFirst({ where: { id: cohortId, collegeId }, select: { id: true } }))) {
    throw new AppError({ message: "所选培训班不属于本校", field: "cohortId" });
  }
  const job = await prisma.importJob.create({
    data: { kind: ROSTER_IMPORT_KIND, fileName: fileName.slice(0, 200), status: "running", accountId: principal.accountId },
  });
  const finish = async (status: "done" | "refused", problems: RowProblem[], imported: number) => {
    await prisma.importJob.update({
      where: { id: job.id },
      data: { status, errors: problems.length ? JSON.stringify(problems) : null, doneRows: imported, finishedAt: new Date() },
    });
    return { importJobId: job.id, status, imported, problems };
  };

  let table;
  try {
    table = await readTableFile(fileName, bytes);
  } catch (error) {
    if (error instanceof AppError) return finish("refused", [{ line: 0, field: "文件", reason: error.message }], 0);
    throw error;
  }
  if (table.records.length > MAX_ROSTER_ROWS) {
    return finish("refused", [{ line: 0, field: "文件", reason: `一个文件最多 ${MAX_ROSTER_ROWS} 行，请拆分后导入` }], 0);
  }
  await prisma.importJob.update({ where: { id: job.id }, data: { totalRows: table.records.length } });

  const knownMajorCodes = new Set((await prisma.major.findMany({ select: { code: true } })).map((m) => m.code));
  const { rows, problems } = checkRoster(table.headers, table.records, { knownMajorCodes, today: new Date() });
  if (problems.length > 0) return finish("refused", problems, 0);

  const key = env().PII_KEY;
  const prepared: NewGraduate[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK).map((row) => ({ row, hash: hashIdNumber(row.idNumber, key) }));
    const existing = await prisma.graduate.findMany({ where: { idNumberHash: { in: chunk.map((c) => c.hash) } }, select: { idNumberHash: true } });
    const taken = new Set(existing.map((e) => e.idNumberHash));
    for (const { row, hash } of chunk) {
      if (taken.has(hash)) {
        problems.push({ line: row.line, field: "身份证号", reason: "该身份证号的毕业生已在平台登记，不能重复导入" });
        continue;
      }
      prepared.push({
        idNumberHash: hash,
        idNumberCipher: encryptIdNumber(row.idNumber, key),
        idNumberMasked: maskIdentityNumber(row.idNumber),
        name: row.name,
        gender: genderOfIdentityNumber(row.idNumber),
        birthDate: birthDateOfIdentityNumber(row.idNumber)!,
        phone: row.phone,
        collegeId,
        cohortId: cohortId ?? null,
        majorCode: row.majorCode,
        schoolLevel: row.schoolLevel,
        graduationDate: row.graduationDate,
        skillLevel: row.skillLevel,
        skillTags: JSON.stringify(row.skillTags),
        preferredCities: JSON.stringify(row.preferredCities),
      });
    }
    await prisma.importJob.update({ where: { id: job.id }, data: { doneRows: Math.min(start + CHUNK, rows.length) } });
    await yieldToOthers();
  }
  if (problems.length > 0) return finish("refused", problems, 0);

  try {
    await prisma.$transaction(async (tx) => {
      for (let start = 0; start < prepared.length; start += CHUNK) await insertGraduates(tx, prepared.slice(start, start + CHUNK));
    });
    await requestSearchDelivery();
  } catch (error) {
    // Another import registered one of these people between the check and the write.
    if (isUniqueViolation(error)) {
      return finish("refused", [{ line: 0, field: "身份证号", reason: "导入期间有相同身份证号的毕业生被登记，请重新导入" }], 0);
    }
    throw error;
  }
  return finish("done", [], prepared.length);
}

/** A unique-index violation, as Prisma reports it for a raw query (P2010 carrying the adapter's kind). */
function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation";
}

type NewGraduate = Omit<Prisma.GraduateCreateManyInput, "cohortId" | "skillLevel"> & { cohortId: number | null; skillLevel: number | null };

/**
 * One multi-row INSERT per chunk: Prisma's createMany spends most of a 5,000-row
 * import building its query (measured about 6 times slower here), a plain INSERT
 * with bound values does not. Standard SQL, so it runs on PostgreSQL unchanged.
 */
async function insertGraduates(tx: Prisma.TransactionClient, rows: readonly NewGraduate[]) {
  const now = new Date();
  const values = rows.map(
    (g) => Prisma.sql`(${g.idNumberHash}, ${g.idNumberCipher}, ${g.idNumberMasked}, ${g.name}, ${pinyinSortKey(g.name, "person")}, ${g.gender}, ${g.birthDate}, ${g.phone},
      ${g.collegeId}, ${g.cohortId}, ${g.majorCode}, ${g.schoolLevel}, ${g.graduationDate}, ${g.skillLevel}, ${g.skillTags},
      ${g.preferredCities}, 'available', ${now}, ${now})`,
  );
  const inserted = await tx.$queryRaw<{ id: number }[]>`INSERT INTO "Graduate" ("idNumberHash", "idNumberCipher", "idNumberMasked", "name", "nameSort", "gender", "birthDate",
    "phone", "collegeId", "cohortId", "majorCode", "schoolLevel", "graduationDate", "skillLevel", "skillTags", "preferredCities",
    "status", "createdAt", "updatedAt") VALUES ${Prisma.join(values)} RETURNING "id"`;
  await recordSearchChanges({ db: tx, index: "graduates", recordIds: inserted.map((row) => Number(row.id)), op: "upsert" });
}

/** The principal's most recent roster import, for the progress display. */
export async function latestRosterImport({ principal }: { principal: Principal }) {
  const job = await prisma.importJob.findFirst({
    where: { accountId: principal.accountId, kind: ROSTER_IMPORT_KIND },
    orderBy: { id: "desc" },
    select: { id: true, fileName: true, status: true, totalRows: true, doneRows: true, errors: true, createdAt: true, finishedAt: true },
  });
  if (!job) return null;
  const { errors, ...rest } = job;
  return { ...rest, problems: errors ? (JSON.parse(errors) as RowProblem[]) : [] };
}

/**
 * The roster template's columns and its example row: a person this college could import
 * as it is (an unregistered identity number, a major the college teaches, its school level).
 */
export async function rosterTemplate({ principal }: { principal: Principal }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以下载毕业生名册模板");
  const college = await prisma.college.findUniqueOrThrow({
    where: { id: collegeId },
    select: { level: true, majors: { select: { majorCode: true }, orderBy: { majorCode: "asc" }, take: 1 } },
  });
  const majorCode = college.majors[0]?.majorCode ?? (await prisma.major.findFirst({ orderBy: { code: "asc" }, select: { code: true } }))?.code ?? "";
  const key = env().PII_KEY;
  let idNumber = "";
  for (let serial = 1; serial < 1000; serial++) {
    const first17 = `36010220040615${String(serial).padStart(3, "0")}`;
    const candidate = first17 + identityCheckChar(first17);
    if (!(await prisma.graduate.findUnique({ where: { idNumberHash: hashIdNumber(candidate, key) }, select: { id: true } }))) {
      idNumber = candidate;
      break;
    }
  }
  const today = new Date();
  const graduationYear = today.getUTCMonth() < 6 ? today.getUTCFullYear() : today.getUTCFullYear() + 1;
  const example: Record<RosterField, string> = {
    name: "张三",
    idNumber,
    phone: "13800138000",
    majorCode,
    schoolLevel: college.level,
    graduationDate: `${graduationYear}-06-30`,
    skillLevel: "四级",
    skillTags: "钳工、电工",
    preferredCities: "南昌、九江",
  };
  const fields = Object.keys(ROSTER_COLUMNS) as RosterField[];
  return { columns: fields.map((f) => ROSTER_COLUMNS[f]), example: fields.map((f) => example[f]) };
}
