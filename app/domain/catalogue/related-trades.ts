/**
 * Trades a job seeker may call by another name, beside the major catalogue: when a
 * search finds nothing, the page offers the other names of a group as related searches
 * (电焊 → 焊工). Unlike the search synonyms (search/settings.ts), these never widen a
 * search by themselves; each is only offered when it finds something. Pure data.
 */
export const RELATED_TRADES: readonly (readonly string[])[] = [
  ["电焊", "焊工", "焊接", "电焊工", "气保焊"],
  ["维修电工", "电工", "电气维修工", "电气"],
  ["机修", "机修工", "设备维护", "设备点检", "钳工"],
  ["车工", "数控车床", "加工中心", "数控"],
  ["普工", "操作工", "装配工"],
  ["质检", "品质检验", "质检员", "检验员"],
  ["仓管", "仓库管理员", "物流"],
  ["护工", "护士", "护理"],
  ["裁缝", "缝纫工", "裁剪工", "服装制版师"],
  ["电子厂", "电子装配工", "SMT操作员", "电路板测试"],
  ["天车工", "行车工", "叉车"],
  ["油漆", "油漆工", "涂装"],
  ["化验员", "化验分析员", "检测员"],
  ["电池", "动力电池", "锂电池", "电芯"],
];

/** The other names of every group holding this word (compared as typed, Latin without case). */
export function relatedTrades(word: string): string[] {
  const key = word.trim().toLowerCase();
  const related: string[] = [];
  for (const group of RELATED_TRADES) {
    if (!group.some((name) => name.toLowerCase() === key)) continue;
    for (const name of group) if (name.toLowerCase() !== key && !related.includes(name)) related.push(name);
  }
  return related;
}
