import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useNonce } from "./nonce";

/**
 * Gives every body cell of every table the label of its column (`data-label`, from the
 * last header row, sort marks dropped). Below 640 px app.css lays each row out as a
 * card and shows that label before the value, so a table needs nothing of its own to
 * work on a phone. Self-contained: it is also sent as an inline script.
 */
export function labelTableCells(root: ParentNode) {
  for (const table of Array.from(root.querySelectorAll("table"))) {
    const head = table.tHead?.rows[table.tHead.rows.length - 1];
    if (!head) continue;
    const labels: string[] = [];
    for (const th of Array.from(head.cells)) {
      const text = (th.textContent ?? "").replace(/[▲▼↕]/g, "").trim();
      for (let i = 0; i < th.colSpan; i++) labels.push(text);
    }
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) {
        let column = 0;
        for (const cell of Array.from(row.cells)) {
          const label = labels[column];
          if (cell.colSpan === 1 && label && cell.getAttribute("data-label") !== label) cell.setAttribute("data-label", label);
          column += cell.colSpan;
        }
      }
    }
  }
}

/**
 * The server-rendered page gets its labels before the first paint (an inline script at
 * the end of the body); pages rendered in the browser after a navigation or a form
 * post get them from the effect.
 */
export function TableCardLabels() {
  const nonce = useNonce();
  const location = useLocation();
  const navigation = useNavigation();
  useEffect(() => {
    labelTableCells(document);
  });
  void location;
  void navigation.state;
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: `(${labelTableCells.toString()})(document)` }} />;
}
