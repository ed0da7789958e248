#!/usr/bin/env bash
# npm run mutation [-- domain|access|money ...]: Stryker (vitest runner) per area, issue 21.
# Slow and not part of CI; on a shared machine run it as `flock /tmp/heavy.lock nice npm run mutation`.
# Incremental: results are kept in reports/mutation/<area>.incremental.json and reused for
# unchanged code and tests. The tests of each area (all of the unit tier for app/domain, whose
# rules are pure functions; the unit tier and the area's own integration files otherwise):
set -euo pipefail
cd "$(dirname "$0")/.."
areas=("$@")
[ ${#areas[@]} -eq 0 ] && areas=(domain access money)
for area in "${areas[@]}"; do
  case "$area" in
    domain) tiers=unit; integration="" ;;
    access) tiers=unit,integration; integration="scope-table.test.ts,scopes.test.ts,route-roles.test.ts,auth.test.ts,access-edges.test.ts" ;;
    money) tiers=unit,integration; integration="subsidy*.test.ts,training-fund.test.ts,fund-imports.test.ts,fund-settlement.test.ts,worker-training.test.ts,worker-training-report.test.ts,city-bureau.test.ts,separations.test.ts" ;;
    *) echo "unknown area: $area (domain, access or money)" >&2; exit 2 ;;
  esac
  echo "── mutation: $area"
  MUTATION_AREA="$area" MUTATION_TIERS="$tiers" MUTATION_INTEGRATION="$integration" npx stryker run
done
