/**
 * Jiangxi's administrative divisions (GB/T 2260): the 11 cities with their GCJ-02
 * centres and the 100 county-level units in force, plus codes that have been
 * retired. Identity numbers keep the code of birth registration forever, so the
 * retired codes stay valid for identity checks (domain.md §2).
 */
export type CityDef = { code: string; name: string; lng: number; lat: number };
export type CountyDef = { code: string; name: string; cityCode: string };

export const PROVINCE_CODE = "360000";

export const CITIES: readonly CityDef[] = [
  { code: "360100", name: "南昌市", lng: 115.892, lat: 28.676 },
  { code: "360200", name: "景德镇市", lng: 117.215, lat: 29.293 },
  { code: "360300", name: "萍乡市", lng: 113.852, lat: 27.623 },
  { code: "360400", name: "九江市", lng: 115.993, lat: 29.712 },
  { code: "360500", name: "新余市", lng: 114.931, lat: 27.811 },
  { code: "360600", name: "鹰潭市", lng: 117.034, lat: 28.239 },
  { code: "360700", name: "赣州市", lng: 114.94, lat: 25.851 },
  { code: "360800", name: "吉安市", lng: 114.986, lat: 27.112 },
  { code: "360900", name: "宜春市", lng: 114.391, lat: 27.804 },
  { code: "361000", name: "抚州市", lng: 116.358, lat: 27.984 },
  { code: "361100", name: "上饶市", lng: 117.971, lat: 28.444 },
];

const COUNTY_TABLE: Record<string, string> = {
  "360100": "360102 东湖区,360103 西湖区,360104 青云谱区,360111 青山湖区,360112 新建区,360113 红谷滩区,360121 南昌县,360123 安义县,360124 进贤县",
  "360200": "360202 昌江区,360203 珠山区,360222 浮梁县,360281 乐平市",
  "360300": "360302 安源区,360313 湘东区,360321 莲花县,360322 上栗县,360323 芦溪县",
  "360400": "360402 濂溪区,360403 浔阳区,360404 柴桑区,360423 武宁县,360424 修水县,360425 永修县,360426 德安县,360428 都昌县,360429 湖口县,360430 彭泽县,360481 瑞昌市,360482 共青城市,360483 庐山市",
  "360500": "360502 渝水区,360521 分宜县",
  "360600": "360602 月湖区,360603 余江区,360681 贵溪市",
  "360700": "360702 章贡区,360703 南康区,360704 赣县区,360722 信丰县,360723 大余县,360724 上犹县,360725 崇义县,360726 安远县,360728 定南县,360729 全南县,360730 宁都县,360731 于都县,360732 兴国县,360733 会昌县,360734 寻乌县,360735 石城县,360781 瑞金市,360783 龙南市",
  "360800": "360802 吉州区,360803 青原区,360821 吉安县,360822 吉水县,360823 峡江县,360824 新干县,360825 永丰县,360826 泰和县,360827 遂川县,360828 万安县,360829 安福县,360830 永新县,360881 井冈山市",
  "360900": "360902 袁州区,360921 奉新县,360922 万载县,360923 上高县,360924 宜丰县,360925 靖安县,360926 铜鼓县,360981 丰城市,360982 樟树市,360983 高安市",
  "361000": "361002 临川区,361003 东乡区,361021 南城县,361022 黎川县,361023 南丰县,361024 崇仁县,361025 乐安县,361026 宜黄县,361027 金溪县,361028 资溪县,361030 广昌县",
  "361100": "361102 信州区,361103 广丰区,361104 广信区,361123 玉山县,361124 铅山县,361125 横峰县,361126 弋阳县,361127 余干县,361128 鄱阳县,361129 万年县,361130 婺源县,361181 德兴市",
};

export const COUNTIES: readonly CountyDef[] = Object.entries(COUNTY_TABLE).flatMap(
  ([cityCode, list]) =>
    list.split(",").map((entry) => {
      const [code, name] = entry.split(" ");
      return { code: code!, name: name!, cityCode };
    }),
);

/** Codes no longer in force that identity numbers still carry. */
export const RETIRED_COUNTY_CODES: Readonly<Record<string, string>> = {
  "360105": "湾里区",
  "360122": "新建县",
  "360421": "九江县",
  "360427": "星子县",
  "360622": "余江县",
  "360721": "赣县",
  "360727": "龙南县",
  "360782": "南康市",
  "361029": "东乡县",
  "361121": "上饶县",
  "361122": "广丰县",
};

/**
 * Province-level prefixes of GB/T 2260. Identity numbers from other provinces are
 * checked at this level only (docs/decisions/005-identifiers.md).
 */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
  "65", "71", "81", "82",
]);

const JIANGXI_KNOWN_CODES: ReadonlySet<string> = new Set([
  ...CITIES.map((c) => c.code),
  // 市辖区 codes (3601 01 …) appear on identity numbers registered at city level.
  ...CITIES.map((c) => `${c.code.slice(0, 4)}01`),
  ...COUNTIES.map((c) => c.code),
  ...Object.keys(RETIRED_COUNTY_CODES),
]);

/** Whether a six-digit division code may appear on an identity number. */
export function isKnownDivisionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (code.startsWith("36")) return JIANGXI_KNOWN_CODES.has(code);
  return PROVINCE_PREFIXES.has(code.slice(0, 2)) && code.slice(2) !== "0000";
}

