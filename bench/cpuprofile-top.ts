/**
 * Sums a V8 .cpuprofile's self time per function (name, file, line) and prints the top
 * entries with their share: `npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [count]`.
 */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/cpuprofile-top.ts <file.cpuprofile> [count]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totals = new Map<string, number>();
let all = 0;
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)!.callFrame;
  const where = frame.url ? `${frame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "")}:${frame.lineNumber + 1}` : "";
  const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
  totals.set(key, (totals.get(key) ?? 0) + micros);
  all += micros;
}
console.log(`${file}: ${(all / 1000).toFixed(0)} ms sampled`);
for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25))) {
  console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / all).toFixed(1).padStart(5)} %  ${key}`);
}
