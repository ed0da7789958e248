import { useId } from "react";

type Option = { value: string; label: string };

/** A labelled select with an 「all」 first option (empty value) and its error beside it. */
export function SelectField({
  label,
  name,
  options,
  defaultValue,
  allLabel = "全部",
  error,
}: {
  label: string;
  name: string;
  options: readonly Option[];
  defaultValue?: string;
  allLabel?: string;
  error?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
