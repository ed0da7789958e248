import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { EXCLUSION_LABELS, rankCandidates } from "~/domain/matching/score";
import { matchingPolicyOn } from "~/services/matching/matching.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, errorResponse } from "~/utils/errors.server";
import { readJsonBody } from "~/utils/json-body.server";

const majorCode = z.string({ error: "专业代码必须是 6 位数字" }).regex(/^\d{6}$/, { error: "专业代码必须是 6 位数字" });
const tags = (label: string) =>
  z.array(z.string({ error: `${label}必须是字符串数组` }).max(40, { error: `${label}每项不超过 40 个字符` }), { error: `${label}必须是字符串数组` }).max(50, { error: `${label}最多 50 项` });
const level = z
  .number({ error: "技能等级必须是 1–5 的整数（5 初级工 … 1 高级技师）" })
  .int({ error: "技能等级必须是 1–5 的整数（5 初级工 … 1 高级技师）" })
  .min(1, { error: "技能等级必须是 1–5 的整数（5 初级工 … 1 高级技师）" })
  .max(5, { error: "技能等级必须是 1–5 的整数（5 初级工 … 1 高级技师）" })
  .nullable()
  .optional();
const city = z.string({ error: "城市代码必须是 6 位数字" }).regex(/^\d{6}$/, { error: "城市代码必须是 6 位数字" });

const BodySchema = z.object({
  target: z.object(
    {
      majorCode: majorCode.optional(),
      majorClasses: z.array(z.string().regex(/^\d{4}$/, { error: "专业类代码必须是 4 位数字" })).max(50).optional(),
      skills: tags("技能要求").default([]),
      level,
      city: city.nullable().optional(),
      parkPairedCollegeCodes: tags("对接院校代码").default([]),
    },
    { error: "target 必须是对象" },
  ),
  candidates: z
    .array(
      z.object(
        {
          id: z.union([z.string().min(1).max(60), z.number().int()], { error: "id 必须是字符串或整数" }),
          majorCode,
          skills: tags("技能标签").default([]),
          certificateLevel: level,
          /** The highest verified certificate's level; absent: none verified, so the certificate counts half (ADR 165). */
          verifiedCertificateLevel: level,
          preferredCities: z.array(city).max(20, { error: "意向城市最多 20 个" }).default([]),
          willingToRelocate: z.boolean({ error: "willingToRelocate 必须是 true 或 false" }).default(false),
          collegeCode: z.string().max(20).nullable().optional(),
        },
        { error: "每个候选人必须是对象" },
      ),
      { error: "candidates 必须是数组" },
    )
    .max(5_000, { error: "一次最多 5000 个候选人" }),
});

/**
 * POST /api/v1/match/rank — a dry run of the match score on records given in the
 * body, under the matching policy in force today. Nothing is read or stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    await requirePrincipal(request);
    const body = await readJsonBody(request, BodySchema);
    if (!body.target.majorCode && !body.target.majorClasses?.length) {
      throw new AppError({ code: "invalid_body", field: "target.majorCode", message: "target 须给出 majorCode（订单）或 majorClasses（岗位）" });
    }
    const ids = new Set(body.candidates.map((c) => c.id));
    if (ids.size !== body.candidates.length) throw new AppError({ code: "invalid_body", field: "candidates", message: "候选人 id 不能重复" });
    const { policy, version } = await matchingPolicyOn(new Date());
    const { ranked, excluded } = rankCandidates(
      {
        majorCode: body.target.majorCode,
        majorClasses: body.target.majorClasses,
        skills: body.target.skills,
        level: body.target.level,
        city: body.target.city,
        parkPairedColleges: body.target.parkPairedCollegeCodes,
      },
      body.candidates.map((c) => ({ ...c, college: c.collegeCode ?? null })),
      policy,
    );
    return json({
      ranked: ranked.map((r) => ({ id: r.candidate.id, score: r.score, components: r.components, missingSkills: r.missingSkills })),
      excluded: excluded.map((e) => ({ id: e.candidate.id, reasons: e.reasons.map((code) => ({ code, message: EXCLUSION_LABELS[code] })) })),
      policyVersion: version,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    await requirePrincipal(request);
    throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 提交待评分的记录" });
  } catch (error) {
    return errorResponse(error);
  }
}
