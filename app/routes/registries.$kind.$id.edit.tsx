import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RecordFormPage } from "~/components/registry/record-form-page";
import { recordForm, saveRecord } from "~/services/registry/registry.server";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `修改${data?.noun ?? ""} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json(await recordForm({ principal, kind: params.kind, id: idParam(params.id) }));
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request);
    const id = idParam(params.id);
    const result = await saveRecord({ principal, kind: params.kind, id, form });
    if (result.ok) return redirectWithFlash(request, "修改已保存", { to: `/registries/${params.kind}/${id}` });
    return json(result, { status: 400 });
  });
}

export default function EditRecordPage() {
  return <RecordFormPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} editing />;
}
