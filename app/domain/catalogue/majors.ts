/**
 * The vocational major catalogue (2021 edition) as far as this platform's fixture
 * needs it: the 19 高职 categories, the classes the province's chains recruit from,
 * and a set of majors per class. Codes of classes and majors are partly unverified
 * development fixtures (domain.md §4); a 中职 code is the 高职 code + 20 in its first
 * two digits, a vocational-bachelor code − 20.
 */
export type MajorLevel = "高职" | "中职" | "职业本科";
export type CategoryDef = { code: string; name: string };
export type ClassDef = { code: string; name: string };
export type MajorDef = { code: string; name: string };

export const HIGHER_VOCATIONAL_CATEGORIES: readonly CategoryDef[] = [
  { code: "41", name: "农林牧渔大类" },
  { code: "42", name: "资源环境与安全大类" },
  { code: "43", name: "能源动力与材料大类" },
  { code: "44", name: "土木建筑大类" },
  { code: "45", name: "水利大类" },
  { code: "46", name: "装备制造大类" },
  { code: "47", name: "生物与化工大类" },
  { code: "48", name: "轻工纺织大类" },
  { code: "49", name: "食品药品与粮食大类" },
  { code: "50", name: "交通运输大类" },
  { code: "51", name: "电子与信息大类" },
  { code: "52", name: "医药卫生大类" },
  { code: "53", name: "财经商贸大类" },
  { code: "54", name: "旅游大类" },
  { code: "55", name: "文化艺术大类" },
  { code: "56", name: "新闻传播大类" },
  { code: "57", name: "教育与体育大类" },
  { code: "58", name: "公安与司法大类" },
  { code: "59", name: "公共管理与服务大类" },
];

export const HIGHER_VOCATIONAL_CLASSES: readonly ClassDef[] = [
  { code: "4101", name: "农业类" },
  { code: "4301", name: "电力技术类" },
  { code: "4303", name: "新能源发电工程类" },
  { code: "4304", name: "黑色金属材料类" },
  { code: "4305", name: "有色金属材料类" },
  { code: "4306", name: "非金属材料类" },
  { code: "4401", name: "建筑设计类" },
  { code: "4601", name: "机械设计制造类" },
  { code: "4603", name: "自动化类" },
  { code: "4606", name: "航空装备类" },
  { code: "4607", name: "汽车制造类" },
  { code: "4702", name: "化工技术类" },
  { code: "4801", name: "轻化工类" },
  { code: "4804", name: "纺织服装类" },
  { code: "4901", name: "食品类" },
  { code: "4902", name: "药品与医疗器械类" },
  { code: "5002", name: "道路运输类" },
  { code: "5101", name: "电子信息类" },
  { code: "5102", name: "计算机类" },
  { code: "5103", name: "通信类" },
  { code: "5104", name: "集成电路类" },
  { code: "5202", name: "护理类" },
  { code: "5308", name: "物流类" },
];

export const HIGHER_VOCATIONAL_MAJORS: readonly MajorDef[] = [
  { code: "410101", name: "现代农业技术" },
  { code: "430101", name: "发电厂及电力系统" },
  { code: "430301", name: "风力发电工程技术" },
  { code: "430302", name: "光伏工程技术" },
  { code: "430401", name: "钢铁智能冶金技术" },
  { code: "430501", name: "有色金属智能冶金技术" },
  { code: "430502", name: "金属材料检测技术" },
  { code: "430601", name: "材料工程技术" },
  { code: "430603", name: "陶瓷材料工程技术" },
  { code: "440101", name: "建筑设计" },
  { code: "460101", name: "机械设计与制造" },
  { code: "460102", name: "机械制造及自动化" },
  { code: "460103", name: "数控技术" },
  { code: "460110", name: "智能焊接技术" },
  { code: "460301", name: "机电一体化技术" },
  { code: "460305", name: "工业机器人技术" },
  { code: "460306", name: "电气自动化技术" },
  { code: "460601", name: "飞行器数字化制造技术" },
  { code: "460603", name: "航空发动机制造技术" },
  { code: "460701", name: "汽车制造与试验技术" },
  { code: "460702", name: "新能源汽车技术" },
  { code: "470201", name: "应用化工技术" },
  { code: "470202", name: "石油化工技术" },
  { code: "470204", name: "精细化工技术" },
  { code: "480105", name: "家具设计与制造" },
  { code: "480401", name: "现代纺织技术" },
  { code: "480404", name: "服装设计与工艺" },
  { code: "490101", name: "食品智能加工技术" },
  { code: "490201", name: "药品生产技术" },
  { code: "500201", name: "汽车检测与维修技术" },
  { code: "510101", name: "电子信息工程技术" },
  { code: "510102", name: "物联网应用技术" },
  { code: "510103", name: "应用电子技术" },
  { code: "510104", name: "智能产品开发与应用" },
  { code: "510201", name: "计算机应用技术" },
  { code: "510202", name: "计算机网络技术" },
  { code: "510203", name: "软件技术" },
  { code: "510301", name: "现代通信技术" },
  { code: "510401", name: "集成电路技术" },
  { code: "520201", name: "护理" },
  { code: "530802", name: "现代物流管理" },
];

/** 中职 majors: category code = 高职 category + 20. */
export const SECONDARY_VOCATIONAL_MAJORS: readonly MajorDef[] = [
  { code: "660103", name: "数控技术应用" },
  { code: "660104", name: "机械加工技术" },
  { code: "660301", name: "机电技术应用" },
  { code: "660302", name: "电气设备运行与控制" },
  { code: "660701", name: "汽车制造与检测" },
  { code: "670201", name: "化学工艺" },
  { code: "680401", name: "纺织技术及营销" },
  { code: "690101", name: "食品加工工艺" },
  { code: "710101", name: "电子技术应用" },
  { code: "710201", name: "计算机应用" },
  { code: "720201", name: "护理" },
];

export function majorLevelOfCode(code: string): MajorLevel | null {
  const category = Number(code.slice(0, 2));
  if (category >= 41 && category <= 59) return "高职";
  if (category >= 61 && category <= 79) return "中职";
  if (category >= 21 && category <= 39) return "职业本科";
  return null;
}

/** Maps a 中职 or vocational-bachelor code onto the 高职 code space (domain.md §4). */
export function toHigherVocationalCode(code: string): string {
  const level = majorLevelOfCode(code);
  const category = Number(code.slice(0, 2));
  if (level === "中职") return `${category - 20}${code.slice(2)}`;
  if (level === "职业本科") return `${category + 20}${code.slice(2)}`;
  return code;
}

/** 4-digit class code of a major, in the 高职 code space. */
export function majorClassOf(code: string): string {
  return toHigherVocationalCode(code).slice(0, 4);
}

/** Classes each industrial chain recruits from (for demo data and defaults). */
export const CHAIN_MAJOR_CLASSES: Readonly<Record<string, readonly string[]>> = {
  电子信息: ["5101", "5102", "5103", "5104"],
  有色金属: ["4305", "4603"],
  装备制造: ["4601", "4603"],
  新能源: ["4303", "4607", "4301"],
  石化化工: ["4702"],
  建材: ["4306", "4401"],
  钢铁: ["4304", "4601"],
  航空: ["4606", "4601"],
  食品: ["4901"],
  纺织服装: ["4804"],
  医药: ["4902", "5202"],
  现代家具: ["4801", "4601"],
};

const MAJOR_NAMES: ReadonlyMap<string, string> = new Map([...HIGHER_VOCATIONAL_MAJORS, ...SECONDARY_VOCATIONAL_MAJORS].map((m) => [m.code, m.name]));

/** A major's name from its code (数控技术 for 460103); a vocational-bachelor code takes its 高职 twin's name; null when unknown. */
export function majorName(code: string): string | null {
  return MAJOR_NAMES.get(code) ?? (majorLevelOfCode(code) === "职业本科" ? (MAJOR_NAMES.get(toHigherVocationalCode(code)) ?? null) : null);
}

/** A major as people read it: 数控技术（460103）; a code not in the catalogue stays a code. */
export function majorText(code: string): string {
  const name = majorName(code);
  return name ? `${name}（${code}）` : code;
}
