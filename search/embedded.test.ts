import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeSearchEngineContract } from "./contract";
import { EmbeddedSearchEngine } from "./embedded";

describeSearchEngineContract("embedded (SQLite FTS5)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-search-"));
  return new EmbeddedSearchEngine(path.join(dir, "search.db"));
});
