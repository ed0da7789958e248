import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GraduateRecord } from "~/components/graduate-record";
import { getGraduate } from "~/services/labour/graduates.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors, notFound } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.graduate.name ?? "毕业生"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const graduateId = Number(params.id);
    if (!Number.isSafeInteger(graduateId) || graduateId <= 0) throw notFound("毕业生");
    return json({ graduate: await getGraduate({ principal, graduateId }) });
  });
}

export default function CollegeGraduatePage() {
  const { graduate } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/college/graduates">← 毕业生名册</Link>
      </p>
      <h1>{graduate.name}</h1>
      <GraduateRecord graduate={graduate} />
    </div>
  );
}
