import { chinaDate } from "~/domain/china-time";
import { identityCheckChar } from "~/domain/ids/identity-number";
import { parseSkillLevel } from "~/domain/labour/roster";
import { addMonths, LEVEL_NAMES } from "~/domain/subsidy/worker-training";
import type { ImportDefinition, Problem } from "~/services/registry/types";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { hashIdNumber } from "~/utils/pii.server";
import { requireActor } from "~/utils/scopes.server";
import {
  type CheckedFiling,
  type Claimant,
  checkWorkerTrainingFiling,
  claimantOf,
  fileWorkerTrainingClaim,
  hasOpenClaim,
  OPEN_CLAIM_REFUSAL,
  trainingBasesByName,
  type WorkerTrainingInput,
  workerTrainingInputSchema,
} from "./worker-training.server";

/**
 * An enterprise's worker-training claims from a table file (issue 19, item 7), run by the one
 * import machinery of app/services/registry/imports.server.ts. Each row is a filing as the
 * form makes it: the form's schema, the same rules under the policy in force on the
 * certificate's day (checkWorkerTrainingFiling), the same refusals in the same words, the same
 * write (fileWorkerTrainingClaim). One bad row refuses the whole file.
 */

const REFUSED_BY = "只有企业可以导入职工技能提升补贴申请";

/**
 * Each checked row's filing, noted by the checker for the writer: the writer runs inside the
 * import's transaction, where reads through the shared client must not run. Keyed by the
 * row's own parsed object.
 */
const filingOfRow = new WeakMap<WorkerTrainingInput, { claimant: Claimant; filing: CheckedFiling }>();

const LEVEL_CHOICES = [5, 4, 3, 2, 1].map((l) => LEVEL_NAMES[l]).join(" / ");

/** An identity number that passes its check and has no worker-training claim yet: the template's example person. */
async function unusedIdNumber(): Promise<string> {
  const key = env().PII_KEY;
  for (let serial = 1; serial < 1000; serial++) {
    const first17 = `36010219900615${String(serial).padStart(3, "0")}`;
    const candidate = first17 + identityCheckChar(first17);
    if (!(await prisma.workerTrainee.findFirst({ where: { idNumberHash: hashIdNumber(candidate, key) }, select: { id: true } }))) return candidate;
  }
  return "";
}

export const workerTrainingClaims: ImportDefinition<WorkerTrainingInput> = {
  roles: ["enterprise"],
  columns: [
    { key: "name", header: "职工姓名", aliases: ["姓名", "name"], required: true, note: "在本企业参保的职工姓名，不超过 40 字" },
    { key: "idNumber", header: "身份证号", aliases: ["身份证号码", "idNumber"], required: true, note: "18 位居民身份证号，校验位须正确" },
    { key: "insuredFrom", header: "本企业参保起始日期", aliases: ["参保起始日期", "参保日期", "insuredFrom"], required: true, note: "在本企业参加社会保险的起始日期，如 2025-01-01" },
    { key: "insuredMonths", header: "连续缴纳社保月数", aliases: ["参保月数", "社保月数", "insuredMonths"], required: true, note: "自起始日期起连续缴纳的月数（整数）；发证日须在参保期内" },
    { key: "baseId", header: "实训基地", aliases: ["培训基地", "baseName", "base"], required: true, note: "园校对接实训基地的名称，须与平台上的名称一致" },
    { key: "trainingEndedOn", header: "培训结束日期", aliases: ["结业日期", "trainingEndedOn"], required: true, note: "在实训基地培训结束的日期，不能晚于发证日期" },
    { key: "certificateName", header: "证书名称", aliases: ["证书名称（职业/工种）", "职业工种", "certificateName"], required: true, note: "职业技能等级证书上的职业（工种），如 电工" },
    { key: "certificateLevel", header: "证书等级", aliases: ["技能等级", "certificateLevel"], required: true, note: `${LEVEL_CHOICES} 之一，也可写 五级…一级 或 5…1；补贴金额以政策为准` },
    { key: "certificateIssuedOn", header: "发证日期", aliases: ["取证日期", "certificateIssuedOn"], required: true, note: "证书的发证日期；按该日生效的补贴政策核定，每人每年最多三次按此年份计" },
    { key: "certificateIssuer", header: "发证机构", aliases: ["评价机构", "certificateIssuer"], required: true, note: "证书上的发证（评价）机构，人社局审核时据此核验" },
    { key: "certificateNumber", header: "证书编号", aliases: ["certificateNumber"], required: true, note: "证书编号，人社局审核时据此核验" },
  ],
  async example(principal) {
    requireActor(principal, "enterprise", REFUSED_BY);
    const base = await prisma.trainingBase.findFirst({ orderBy: [{ nameSort: "asc" }, { id: "asc" }], select: { name: true } });
    const issuedOn = addMonths(chinaDate(new Date()), -1);
    return {
      name: "示例职工",
      idNumber: await unusedIdNumber(),
      insuredFrom: addMonths(issuedOn, -12),
      insuredMonths: "24",
      baseId: base?.name ?? "",
      trainingEndedOn: addMonths(issuedOn, -1),
      certificateName: "电工",
      certificateLevel: LEVEL_NAMES[4]!,
      certificateIssuedOn: issuedOn,
      certificateIssuer: "示例职业技能等级认定中心",
      certificateNumber: `示例-${Date.now() % 1_000_000}`,
    };
  },
  async prepare(principal) {
    const enterpriseId = requireActor(principal, "enterprise", REFUSED_BY);
    // The paying bureau is the enterprise's, for every row: without one the whole file is refused (as the form refuses every filing).
    const claimant = await claimantOf(enterpriseId);
    const bases = await trainingBasesByName();
    const baseById = new Map([...bases.values()].map((b) => [b.id, b]));
    const key = env().PII_KEY;
    return {
      resolve(cells) {
        const problems: Problem[] = [];
        const values: Record<string, string> = { ...cells };
        // Number cells the form always fills (a select, a required box): an empty one is named here, not read as 0.
        for (const [key, header] of [["insuredMonths", "连续缴纳社保月数"], ["baseId", "实训基地"], ["certificateLevel", "证书等级"]] as const) {
          if ((cells[key] ?? "").trim() === "") {
            problems.push({ field: header, reason: `请填写${header}` });
            values[key] = "?";
          }
        }
        const baseName = (cells.baseId ?? "").trim();
        const base = bases.get(baseName);
        if (base) values.baseId = String(base.id);
        else if (baseName) {
          problems.push({ field: "实训基地", reason: `实训基地“${baseName}”不存在，请填写平台上的实训基地名称` });
          values.baseId = "?";
        }
        const levelText = (cells.certificateLevel ?? "").trim();
        const level = parseSkillLevel(levelText);
        if (level) values.certificateLevel = String(level);
        else if (levelText) {
          problems.push({ field: "证书等级", reason: `证书等级“${levelText}”应为 ${LEVEL_CHOICES} 之一` });
          values.certificateLevel = "?";
        }
        // A cell reported here (changed to "?") is not reported again by the schema.
        return { values, problems };
      },
      keys: (input) => [{ label: "身份证号和证书等级", key: `${hashIdNumber(input.idNumber, key)}:${input.certificateLevel}` }],
      // An open or granted claim is refused in the form's words, by refusal below.
      exists: () => false,
      async refusal(input) {
        try {
          const filing = await checkWorkerTrainingFiling(input, baseById.get(input.baseId)!);
          if (filing.refusal) return filing.refusal;
          if (await hasOpenClaim(filing.idNumberHash, input.certificateLevel)) return OPEN_CLAIM_REFUSAL;
          filingOfRow.set(input, { claimant, filing });
          return null;
        } catch (error) {
          // No subsidy policy in force on the certificate's day: this row's refusal, not the file's.
          if (error instanceof AppError && error.status === 422) return error.message;
          throw error;
        }
      },
    };
  },
  async insert(tx, inputs, principal) {
    requireActor(principal, "enterprise", REFUSED_BY);
    const now = new Date();
    for (const input of inputs) await fileWorkerTrainingClaim(tx, { principal, now, ...filingOfRow.get(input)! });
  },
};

export const SUBSIDY_IMPORT_KINDS = ["worker_training_claims"] as const;

export const SUBSIDY_IMPORTERS = {
  worker_training_claims: {
    kind: "worker_training_claims",
    label: "职工技能提升补贴申请",
    schema: workerTrainingInputSchema({ form: true }),
    import: workerTrainingClaims,
    backTo: "/enterprise/training-subsidies",
  },
} as const;
