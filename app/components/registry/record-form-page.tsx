import { Link } from "@remix-run/react";
import type { FormField, FormValues } from "~/services/registry/types";
import { RecordForm } from "./record-form";

type FormPageData = { kind: string; registryTitle: string; noun: string; fields: FormField[]; values: FormValues };

/** The page around a registry form, for a new record or an existing one. */
export function RecordFormPage({ data, result, editing }: { data: FormPageData; result?: { fieldErrors: Record<string, string>; values: FormValues }; editing: boolean }) {
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to={`/registries/${data.kind}`}>{data.registryTitle}</Link>
        </p>
        <h1>{editing ? `修改${data.noun}` : `登记${data.noun}`}</h1>
      </header>
      <RecordForm fields={data.fields} values={result?.values ?? data.values} errors={result?.fieldErrors ?? {}} submitLabel={editing ? "保存修改" : "登记"} />
    </div>
  );
}
