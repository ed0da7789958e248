/**
 * `npm run bench [-- name…]`: runs every benchmark, or the named ones. Each module
 * builds what it needs once (the province database: bench/province.ts) and prints
 * its figures.
 */
import { benchSearch } from "./search";
import { benchSearchCandidates } from "./search-candidates";

const BENCHES: Record<string, () => Promise<void>> = {
  search: benchSearch,
  "search-candidates": benchSearchCandidates,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
