import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { FormField, FormValues } from "~/services/registry/types";

function Control({ field, id, value, invalid, describedBy }: { field: FormField; id: string; value: string | string[] | undefined; invalid: boolean; describedBy?: string }) {
  const common = { id, name: field.name, "aria-invalid": invalid || undefined, "aria-describedby": describedBy, "aria-required": field.required || undefined };
  if (field.type === "select" || field.type === "multiselect") {
    const multiple = field.type === "multiselect";
    // A required choice with a single option (a park administrator's own park) is made already.
    const only = field.required && field.options?.length === 1 ? field.options[0]!.value : "";
    return (
      <select {...common} multiple={multiple} size={multiple ? 6 : undefined} defaultValue={multiple ? (Array.isArray(value) ? value : []) : ((value as string) || only)}>
        {multiple ? null : <option value="">请选择</option>}
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={field.type === "number" ? "text" : field.type}
      inputMode={field.type === "number" ? "decimal" : undefined}
      defaultValue={Array.isArray(value) ? value.join("、") : (value ?? "")}
    />
  );
}

/** A registry form drawn from its field list, each error beside its field. */
export function RecordForm({ fields, values, errors, submitLabel }: { fields: readonly FormField[]; values: FormValues; errors: Record<string, string>; submitLabel: string }) {
  const id = useId();
  const navigation = useNavigation();
  return (
    <Form method="post" noValidate className="panel stack record-form">
      <CsrfInput />
      {errors._form ? (
        <p className="field-error" role="alert">
          {errors._form}
        </p>
      ) : null}
      <div className="form-grid">
        {fields.map((field) => {
          const controlId = `${id}-${field.name}`;
          const error = errors[field.name];
          const notes = [field.hint ? `${controlId}-hint` : "", error ? `${controlId}-error` : ""].filter(Boolean).join(" ");
          return (
            <div className="field" key={field.name}>
              <label htmlFor={controlId}>
                {field.label}
                {field.required ? <span className="required" aria-hidden="true"> *</span> : null}
              </label>
              <Control field={field} id={controlId} value={values[field.name]} invalid={Boolean(error)} describedBy={notes || undefined} />
              {field.hint ? (
                <p className="muted field-hint" id={`${controlId}-hint`}>
                  {field.hint}
                </p>
              ) : null}
              {error ? (
                <p className="field-error" id={`${controlId}-error`} role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <p>
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
