import { beforeAll, describe, expect, it } from "vitest";
import { createCohort, getCohort, updateCohort } from "~/services/labour/cohorts.server";
import { listGraduates } from "~/services/labour/graduates.server";
import type { CohortInput } from "~/services/labour/schemas";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { parseListQuery } from "~/utils/list-query";
import { GRADUATE_SORTS } from "~/services/labour/graduates.server";
import { buildRegistry, createGraduate } from "./fixtures";
import { principalOf, seedMajors, thrown } from "./labour-fixtures";

let college: Principal;
let otherCollege: Principal;
let cohortId: number;

const input = (overrides: Partial<CohortInput> = {}): CohortInput => ({
  majorCode: "460103",
  level: "高职",
  size: 30,
  expectedGraduation: new Date("2027-06-30T00:00:00Z"),
  trainingBaseId: undefined,
  skillsTaught: ["数控车床"],
  targetSkillLevel: 4,
  ...overrides,
});

beforeAll(async () => {
  const registry = await buildRegistry();
  await seedMajors();
  college = await principalOf("cohort-college", "college", { collegeId: registry.college.id });
  otherCollege = await principalOf("cohort-other", "college", { collegeId: registry.otherCollege.id });
  cohortId = (await createCohort({ principal: college, input: input() })).id;
  for (const name of ["甲", "乙"]) {
    const g = await createGraduate(registry.college.id, name);
    await prisma.graduate.update({ where: { id: g.id }, data: { cohortId } });
  }
  await createGraduate(registry.college.id, "丙");
});

describe("a cohort's page and edit", () => {
  it("shows the cohort with its graduates counted, and only to its own college", async () => {
    await expect(getCohort({ principal: college, id: cohortId })).resolves.toMatchObject({ majorCode: "460103", size: 30, graduates: 2, placed: 0 });
    await expect(thrown(getCohort({ principal: otherCollege, id: cohortId }))).resolves.toMatchObject({ status: 404 });
  });

  it("saves a change, and refuses a size below the graduates already in the cohort", async () => {
    await updateCohort({ principal: college, id: cohortId, input: input({ majorCode: "510203", size: 40, skillsTaught: ["Java", "SQL"] }) });
    await expect(getCohort({ principal: college, id: cohortId })).resolves.toMatchObject({ majorCode: "510203", size: 40, skillsTaught: ["Java", "SQL"] });
    await expect(thrown(updateCohort({ principal: college, id: cohortId, input: input({ size: 1 }) }))).resolves.toMatchObject({
      field: "size",
      message: "人数不能少于已归入本班的 2 名毕业生",
    });
    await expect(thrown(updateCohort({ principal: otherCollege, id: cohortId, input: input() }))).resolves.toMatchObject({ status: 404 });
  });

  it("filters the college's graduates by cohort", async () => {
    const query = parseListQuery(new URL("http://x/college/graduates"), { sorts: GRADUATE_SORTS, defaultSort: "name", defaultDirection: "asc" });
    const inCohort = await listGraduates({ principal: college, query, cohortId });
    expect(inCohort.rows.map((g) => g.name).sort()).toEqual(["乙", "甲"]);
    expect((await listGraduates({ principal: college, query })).total).toBe(3);
  });
});
