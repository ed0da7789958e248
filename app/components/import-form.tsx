import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { CsrfInput } from "./csrf-input";

type Column = { header: string; required: boolean };

/**
 * A page's own file import (CSV or XLSX) through the one import machinery: the file posts
 * with intent "import" to the page's action, which starts the import and leads to its
 * result page (/imports/:id) listing every bad line.
 */
export function ImportFileForm({ kind, label, columns, error }: { kind: string; label: string; columns: readonly Column[]; error?: string }) {
  const id = useId();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="panel stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>批量导入{label}</h2>
      <p className="muted">
        支持 CSV（UTF-8 或 GBK）和 Excel（.xlsx），第一行为表头：
        {columns.map((c) => `${c.header}${c.required ? "*" : ""}`).join("、")}（* 为必填）。任何一行有误，整个文件都不导入，并列出每一处错误的行号和原因。
      </p>
      <p>
        <a href={`/imports/template/${kind}`} download className="button">
          下载{label}导入模板（Excel）
        </a>{" "}
        <span className="muted">模板含表头、一行示例和每列的填写说明。</span>
      </p>
      <Form method="post" encType="multipart/form-data" className="actions" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="import" />
        <div className="field">
          <label htmlFor={`${id}-file`}>文件</label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-file-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`${id}-file-error`} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在上传…" : "开始导入"}
        </button>
      </Form>
    </section>
  );
}
