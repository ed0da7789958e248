import fs from "node:fs";
const file = process.argv[2];
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; const samples = p.samples;
const counts = new Map();
for (let i = 0; i < samples.length; i++) counts.set(samples[i], (counts.get(samples[i]) ?? 0) + (dt[i] ?? 0));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
const selfBy = new Map(), totalBy = new Map(), modBy = new Map();
for (const [id, t] of counts) {
  const n = byId.get(id);
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
  const m = n.callFrame.url.replace(/.*node_modules\//, "nm:").split("/").slice(0, 3).join("/");
  modBy.set(m, (modBy.get(m) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue; seen.add(l);
    totalBy.set(l, (totalBy.get(l) ?? 0) + t);
  }
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms  ${l}`).join("\n");
console.log("== self\n" + top(selfBy, 30));
console.log("== total\n" + top(totalBy, Number(process.argv[3] ?? 40)));
console.log("== modules\n" + top(modBy, 15));
