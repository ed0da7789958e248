import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RecordFormPage } from "~/components/registry/record-form-page";
import { recordForm, saveRecord } from "~/services/registry/registry.server";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `登记${data?.noun ?? ""} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json(await recordForm({ principal, kind: params.kind }));
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request);
    const result = await saveRecord({ principal, kind: params.kind, form });
    if (result.ok) return redirectWithFlash(request, "已登记", { to: `/registries/${params.kind}/${result.id}` });
    return json(result, { status: 400 });
  });
}

export default function NewRecordPage() {
  return <RecordFormPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} editing={false} />;
}
