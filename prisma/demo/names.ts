/**
 * Name pools of the demo data: people, companies, colleges and parks. Plain word
 * lists; the generator combines them (generate.ts).
 */
import { WeightedTable, type Random } from "./random";

// ───────────────────────────── People ─────────────────────────────

/** Common surnames, most frequent first. */
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/** Surnames noticeably more common in Jiangxi than nationally. */
const JIANGXI_SURNAMES = new Set("刘胡熊曾邹万黄罗吴彭钟徐");

/** Weight falls with national rank; Jiangxi's own common surnames are boosted. */
const SURNAME_TABLE = new WeightedTable(
  [...SURNAMES].map((surname, rank) => [surname, (JIANGXI_SURNAMES.has(surname) ? 1.8 : 1) / (rank + 3) ** 0.9] as const),
);

const MALE_GIVEN = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋阳亮成峰建文博晨昊轩然哲睿泽宏志坤航翔毅锋彬兵海东豪瑞天振立新荣兴家国庆";
const FEMALE_GIVEN = "芳娜敏静丽艳娟霞燕玲婷倩雪琳颖欣怡佳慧莉晶蕾萍红璐瑶琪雯妍梦薇洁月悦馨婧晗彤诗雨秀英兰凤琴云露菲琦楠";
const SHARED_GIVEN = "子文嘉思宇晨一安若清心乐依可铭俊嘉雅书";

export type Gender = "M" | "F";

/** A Chinese name: a surname and one or two given-name characters fitting the gender. */
export function personName(random: Random, gender: Gender): string {
  const own = gender === "M" ? MALE_GIVEN : FEMALE_GIVEN;
  const givenChar = () => (random.chance(0.2) ? random.pick([...SHARED_GIVEN]) : random.pick([...own]));
  const surname = SURNAME_TABLE.pick(random);
  if (random.chance(0.3)) return surname + givenChar();
  let second = givenChar();
  const first = givenChar();
  while (second === first && random.chance(0.8)) second = givenChar();
  return surname + first + second;
}

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158",
  "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189",
  "191", "198", "199",
];

/** An 11-digit mainland mobile number, 1[3-9]xxxxxxxxx. */
export function mobilePhone(random: Random): string {
  let number = random.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) number += random.int(0, 9);
  return number;
}

// ───────────────────────────── Places ─────────────────────────────

/** "南昌市" → "南昌", "进贤县" → "进贤", "共青城市" → "共青城"; two-character names stay. */
export function shortPlaceName(name: string): string {
  return name.length > 2 && /[市县区]$/.test(name) ? name.slice(0, -1) : name;
}

/** Suffixes of provincial parks named after their county: 修水工业园区, 进贤产业园. */
export const PROVINCIAL_PARK_SUFFIXES: readonly (readonly [string, number])[] = [
  ["工业园区", 50],
  ["经济开发区", 20],
  ["高新技术产业园区", 15],
  ["产业园", 15],
];

// ───────────────────────────── Enterprises ─────────────────────────────

const BRAND_FIRST = "恒华瑞宏金鑫博天鼎嘉正永盛德兴泰新友中汇晨众佳益创合凯腾锦明源赣洪庐章昌江鄱宇";
const BRAND_SECOND = "达泰丰源通诚信远盛和安润科晟辉煌航宇昊鑫邦业瑞峰驰拓越恒联益";

/** A two-character brand (字号) such as 恒泰 or 晨航. */
export function brandName(random: Random): string {
  let first = random.pick([...BRAND_FIRST]);
  const second = random.pick([...BRAND_SECOND]);
  while (first === second) first = random.pick([...BRAND_FIRST]);
  return first + second;
}

export const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ["有限公司", 80],
  ["股份有限公司", 12],
  ["有限责任公司", 8],
];

// ───────────────────────────── Colleges ─────────────────────────────

/**
 * Themes of college names with the 高职-space classes they teach. 江西机电职业技术学院
 * teaches 4601 and 4603; the classes choose the majors a college offers.
 */
export const HIGHER_COLLEGE_THEMES: readonly (readonly [string, readonly string[]])[] = [
  ["机电", ["4601", "4603"]],
  ["工业", ["4601", "4603", "4702"]],
  ["制造", ["4601", "4603", "4607"]],
  ["电子信息", ["5101", "5102", "5104"]],
  ["信息", ["5101", "5102", "5103"]],
  ["新能源", ["4303", "4301", "4607"]],
  ["航空", ["4606", "4601"]],
  ["有色冶金", ["4305", "4304"]],
  ["化工", ["4702"]],
  ["陶瓷", ["4306", "4401"]],
  ["纺织服装", ["4804"]],
  ["医药", ["4902", "5202"]],
  ["建设", ["4401", "4306"]],
  ["交通", ["5002", "4607"]],
  ["农业工程", ["4101", "4901"]],
  ["轻工", ["4801", "4901"]],
  ["应用技术", ["4601", "5101", "5308"]],
  ["科技", ["5102", "4603"]],
  ["现代", ["4603", "5308", "5102"]],
  ["工程", ["4601", "4401", "4603"]],
  ["环境工程", ["4702", "4401"]],
  ["软件", ["5102", "5103"]],
  ["电力", ["4301", "4603"]],
  ["冶金", ["4304", "4305"]],
];

/** Themes of 中职 and 技工 school names, with the classes of the 中职 majors they teach. */
export const SECONDARY_COLLEGE_THEMES: readonly (readonly [string, readonly string[]])[] = [
  ["工业", ["4601", "4603"]],
  ["机电", ["4601", "4603"]],
  ["信息", ["5101", "5102"]],
  ["电子", ["5101"]],
  ["交通", ["4607"]],
  ["化工", ["4702"]],
  ["纺织", ["4804"]],
  ["卫生", ["5202"]],
  ["商贸", ["5102"]],
  ["食品", ["4901"]],
  ["科技", ["4603", "5102"]],
  ["汽车", ["4607", "4603"]],
];

export const HIGHER_COLLEGE_SUFFIXES: readonly (readonly [string, number])[] = [
  ["职业技术学院", 70],
  ["职业学院", 30],
];

// ───────────────────────────── Secondments ─────────────────────────────

/** Positions of a college leader posted to an enterprise. */
export const POSITIONS_IN_ENTERPRISE = ["挂职副总经理", "挂职总经理助理", "挂职技术副总", "挂职人力资源副总监"];
/** Positions of an enterprise manager posted to a 高职 or 职业本科 college. */
export const POSITIONS_IN_HIGHER_COLLEGE = ["挂职副院长", "产业教授", "挂职专业带头人"];
/** Positions of an enterprise manager posted to a 中职 or 技工 school. */
export const POSITIONS_IN_SECONDARY_SCHOOL = ["挂职副校长", "产业导师", "挂职专业带头人"];
