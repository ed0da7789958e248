import { beforeAll, describe, expect, it } from "vitest";
import { action as jobAction, loader as jobLoader } from "~/routes/jobs.$id";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { startSession } from "~/utils/session.server";
import { createAccount, createGraduate } from "./fixtures";
import { buildJobMarket, postJob } from "./search-fixtures";

/** The job page (/jobs/{id}): who may read which job, and a graduate's application from it. */

let market: Awaited<ReturnType<typeof buildJobMarket>>;
let openJob: number;
let draftJob: number;
let graduateCookie: string;
let graduateId: number;
let enterpriseCookie: string;

const load = async (jobId: number, cookie: string) => {
  try {
    return (await jobLoader({ request: new Request(`http://app/jobs/${jobId}`, { headers: { Cookie: cookie } }), params: { id: String(jobId) }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

beforeAll(async () => {
  market = await buildJobMarket();
  openJob = (await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "数控车工", description: "两班倒，包食宿", majorClasses: ["4601", "4603"], level: 4 })).id;
  draftJob = (await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "未发布的岗位", status: "draft" })).id;
  graduateId = (await createGraduate(market.college.id)).id;
  const graduate = await createAccount("job-page-graduate", "graduate", { graduateId });
  graduateCookie = (await startSession(graduate.id)).split(";")[0]!;
  const enterprise = await createAccount("job-page-enterprise", "enterprise", { enterpriseId: market.enterprise.id });
  enterpriseCookie = (await startSession(enterprise.id)).split(";")[0]!;
});

describe("the job page", () => {
  it("shows a graduate the job with the accepted majors by name", async () => {
    const response = await load(openJob, graduateCookie);
    expect(response.status).toBe(200);
    const { job, mayApply } = (await response.json()) as { job: { title: string; majorClasses: { name: string }[]; myApplication: unknown }; mayApply: boolean };
    expect(job.title).toBe("数控车工");
    expect(job.majorClasses.map((c) => c.name)).toEqual(["机械设计制造类", "自动化类"]);
    expect(job.myApplication).toBeNull();
    expect(mayApply).toBe(true);
  });

  it("is 404 in Chinese to a graduate for another enterprise's draft job, and shown to its own enterprise", async () => {
    const response = await load(draftJob, graduateCookie);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("岗位不存在或您无权查看");
    expect((await load(draftJob, enterpriseCookie)).status).toBe(200);
    const province = await createAccount("job-page-province", "province");
    expect((await load(draftJob, (await startSession(province.id)).split(";")[0]!)).status).toBe(200);
  });

  it("a graduate applies from the page once; a second try is refused in Chinese and the page links the application", async () => {
    const csrf = await readOrIssueCsrfToken(new Request(`http://app/jobs/${openJob}`, { headers: { Cookie: graduateCookie } }));
    const submit = () =>
      jobAction({
        request: new Request(`http://app/jobs/${openJob}`, {
          method: "POST",
          headers: { Cookie: graduateCookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf.token }),
        }),
        params: { id: String(openJob) },
        context: {},
      }) as Promise<Response>;
    const first = await submit();
    // Post → redirect → get: back to the job's page, with the message for the next page (ADR 112).
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/jobs/${openJob}`);
    expect(first.headers.get("Set-Cookie")).toMatch(/^pb_flash=/);
    const applications = await prisma.application.findMany({ where: { graduateId, jobId: openJob }, select: { id: true, graduateId: true, jobId: true, status: true } });
    expect(applications).toEqual([{ id: expect.any(Number), graduateId, jobId: openJob, status: "submitted" }]);
    const applicationId = applications[0]!.id;
    const again = await submit();
    expect(again.status).toBe(409);
    expect(((await again.json()) as { formError: string }).formError).toBe("您已申请过该岗位，请勿重复申请");
    const page = (await (await load(openJob, graduateCookie)).json()) as { job: { myApplication: { id: number; status: string } } };
    expect(page.job.myApplication).toEqual({ id: applicationId, status: "submitted" });
  });

  it("refuses an application without the form's CSRF token", async () => {
    const response = await jobAction({
      request: new Request(`http://app/jobs/${openJob}`, {
        method: "POST",
        headers: { Cookie: graduateCookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({}),
      }),
      params: { id: String(openJob) },
      context: {},
    }).catch((thrown: unknown) => thrown as Response);
    expect((response as Response).status).toBe(403);
  });
});
