import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";

/**
 * A search form's filters apply as soon as one is chosen (a select, a checkbox or a
 * radio changes); typed fields wait for the button or Enter. Without JavaScript the
 * form's own submit button does it all. Put the returned handler on the form's onChange.
 */
export function useSubmitOnChoice() {
  const submit = useSubmit();
  return (event: FormEvent<HTMLFormElement>) => {
    const target = event.target;
    const chosen =
      target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"));
    if (chosen) submit(event.currentTarget, { replace: true });
  };
}
