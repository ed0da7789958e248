import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors, notFound } from "~/utils/errors.server";
import { NAVIGATION, roleOfArea } from "~/utils/navigation";

/**
 * A role's work area whose page a later issue builds: role-checked like every
 * page, and a 建设中 notice instead of content.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const role = roleOfArea(params.area ?? "");
    const item = role ? NAVIGATION[role].find((n) => n.to === `/${params.area}/${params.section}`) : undefined;
    if (!role || !item) throw notFound("页面");
    await requirePrincipal(request, [role]);
    return json({ label: item.label });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "建设中"} · 园校通` }];

export default function BuildingPage() {
  const { label } = useLoaderData<typeof loader>();
  return (
    <section className="panel">
      <h1>{label}</h1>
      <p className="tag">建设中</p>
      <p className="muted">此功能正在建设中，即将上线。</p>
      <Link to="/home">返回首页</Link>
    </section>
  );
}
