import { checkCalendarDate, checkGraduationDate } from "../calendar-date";
import { chinaDate } from "../china-time";
import { SCHOOL_LEVELS, type SchoolLevel } from "../constants";
import { dateOf } from "../subsidy/calendar";
import { CITIES } from "../geo/divisions";
import { checkIdentityNumber } from "../ids/identity-number";
import { checkMobilePhone, normalizeMobilePhone } from "../ids/mobile-phone";

/**
 * A college's graduate roster as people keep it in Excel: Chinese headers with
 * English aliases. Every rule here is pure; duplicates against the database are the
 * importing service's part.
 */
export const ROSTER_COLUMNS = {
  name: { header: "姓名", aliases: ["name", "姓名"], required: true, note: "毕业生姓名，最多 30 个字符" },
  idNumber: { header: "身份证号", aliases: ["id_number", "idnumber", "身份证号码", "身份证"], required: true, note: "18 位居民身份证号（末位可为 X），平台内唯一；请将该列设为文本，避免被 Excel 改写" },
  phone: { header: "手机号", aliases: ["phone", "mobile", "手机号码", "手机"], required: true, note: "11 位手机号，以 13–19 开头" },
  majorCode: { header: "专业代码", aliases: ["major_code", "majorcode", "major"], required: true, note: "6 位专业代码（如 460103），须在专业目录中" },
  schoolLevel: { header: "学历层次", aliases: ["school_level", "level", "层次"], required: true, note: "高职、中职、职业本科 或 技工院校（也接受 大专、中专 等常用说法）" },
  graduationDate: { header: "毕业日期", aliases: ["graduation_date", "graduation", "毕业时间"], required: true, note: "毕业日期，如 2026-06-30，在 2000 年到 5 年后之间" },
  skillLevel: { header: "技能等级", aliases: ["skill_level", "技能等级证书"], required: false, note: "1–5 或 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师；可留空" },
  skillTags: { header: "技能标签", aliases: ["skill_tags", "skills", "技能"], required: false, note: "技能标签，多个用 、 或 , 分隔，最多 20 个；可留空" },
  preferredCities: { header: "意向城市", aliases: ["preferred_cities", "cities", "意向就业城市"], required: false, note: "意向就业的本省设区市，多个用 、 分隔（如 南昌、九江）；可留空" },
} as const;
export type RosterField = keyof typeof ROSTER_COLUMNS;
const FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[];

export type RowProblem = { line: number; field: string; reason: string };

const normalizeHeader = (h: string) => h.replace(/[\s\u3000*＊]/g, "").toLowerCase();

/** Which column holds each field; headers that are missing are problems on line 1. */
export function mapRosterHeaders(headers: readonly string[]): { columns: Partial<Record<RosterField, number>>; problems: RowProblem[] } {
  const columns: Partial<Record<RosterField, number>> = {};
  headers.forEach((raw, index) => {
    const h = normalizeHeader(raw);
    const field = FIELDS.find((f) => {
      const def = ROSTER_COLUMNS[f];
      return normalizeHeader(def.header) === h || def.aliases.some((a) => normalizeHeader(a) === h);
    });
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const problems = FIELDS.filter((f) => ROSTER_COLUMNS[f].required && columns[f] === undefined).map((f) => ({
    line: 1,
    field: ROSTER_COLUMNS[f].header,
    reason: `缺少“${ROSTER_COLUMNS[f].header}”列`,
  }));
  return { columns, problems };
}

export type RosterRow = {
  line: number;
  name: string;
  idNumber: string;
  phone: string;
  majorCode: string;
  schoolLevel: SchoolLevel;
  graduationDate: Date;
  skillLevel: number | null;
  skillTags: string[];
  preferredCities: string[];
};

export type RosterContext = { knownMajorCodes: ReadonlySet<string>; today: Date };

const LEVEL_ALIASES: Record<string, SchoolLevel> = {
  高职: "高职",
  高职专科: "高职",
  专科: "高职",
  大专: "高职",
  中职: "中职",
  中专: "中职",
  职高: "中职",
  职业本科: "职业本科",
  本科: "职业本科",
  技工院校: "技工院校",
  技工: "技工院校",
};

const SKILL_LEVEL_WORDS: Record<string, number> = {
  五级: 5, 初级工: 5, 初级: 5,
  四级: 4, 中级工: 4, 中级: 4,
  三级: 3, 高级工: 3, 高级: 3,
  二级: 2, 技师: 2,
  一级: 1, 高级技师: 1,
};

/** 技能等级 as written (3, 三级, 高级工, 三级/高级工) → 5 … 1; blank is null; undefined when unreadable. */
export function parseSkillLevel(raw: string): number | null | undefined {
  const text = raw.trim();
  if (!text) return null;
  if (/^[1-5]$/.test(text)) return Number(text);
  const parts = text.split(/[/／]/).map((p) => p.trim());
  const levels = parts.map((p) => SKILL_LEVEL_WORDS[p]);
  if (levels.some((l) => l === undefined) || new Set(levels).size !== 1) return undefined;
  return levels[0];
}

/** A list cell: items separated by commas, semicolons, 顿号, vertical bars or spaces. */
export function splitList(raw: string): string[] {
  return [...new Set(raw.split(/[,，;；、|\s]+/).map((s) => s.trim()).filter(Boolean))];
}

/** A city written as a code (360100) or a name (南昌, 南昌市) → its code; undefined when unknown. */
export function cityCodeOf(raw: string): string | undefined {
  const text = raw.trim();
  return CITIES.find((c) => c.code === text || c.name === text || c.name === `${text}市`)?.code;
}

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 20;

/** Validates one data row; every problem of the row is returned, not just the first. */
export function checkRosterRow(
  line: number,
  cell: (field: RosterField) => string,
  ctx: RosterContext,
): { row: RosterRow; problems: [] } | { row: null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fail = (field: RosterField, reason: string) => problems.push({ line, field: ROSTER_COLUMNS[field].header, reason });

  const name = cell("name").trim();
  if (!name) fail("name", "姓名不能为空");
  else if (name.length > 30) fail("name", "姓名不能超过 30 个字符");

  const idNumber = cell("idNumber").trim().toUpperCase();
  const idCheck = checkIdentityNumber(idNumber, ctx.today);
  if (!idNumber) fail("idNumber", "身份证号不能为空");
  else if (!idCheck.ok) fail("idNumber", idCheck.reason);

  const phone = normalizeMobilePhone(cell("phone").trim());
  const phoneCheck = checkMobilePhone(phone);
  if (!phoneCheck.ok) fail("phone", phoneCheck.reason);

  const majorCode = cell("majorCode").trim();
  if (!/^\d{6}$/.test(majorCode)) fail("majorCode", "专业代码应为6位数字");
  else if (!ctx.knownMajorCodes.has(majorCode)) fail("majorCode", `专业代码 ${majorCode} 不在专业目录中`);

  const schoolLevel = LEVEL_ALIASES[cell("schoolLevel").trim()];
  if (!schoolLevel) fail("schoolLevel", `学历层次应为 ${SCHOOL_LEVELS.join("、")} 之一`);

  // The one strict date parser (2026-06-30, 2026/6/30, 2026年6月30日, 20260630), then the graduation window.
  const graduationDay = checkCalendarDate(cell("graduationDate"), "毕业日期");
  const graduationWindow = graduationDay.ok ? checkGraduationDate(graduationDay.date, chinaDate(ctx.today)) : graduationDay;
  if (!graduationWindow.ok) fail("graduationDate", graduationWindow.reason);
  const graduationDate = graduationDay.ok ? dateOf(graduationDay.date) : null;

  const skillLevel = parseSkillLevel(cell("skillLevel"));
  if (skillLevel === undefined) fail("skillLevel", "技能等级应为 1–5 或 五级/初级工 … 一级/高级技师");

  const skillTags = splitList(cell("skillTags"));
  if (skillTags.length > MAX_TAGS) fail("skillTags", `技能标签最多 ${MAX_TAGS} 个`);
  if (skillTags.some((t) => t.length > MAX_TAG_LENGTH)) fail("skillTags", `每个技能标签不能超过 ${MAX_TAG_LENGTH} 个字符`);

  const cityNames = splitList(cell("preferredCities"));
  const unknownCities = cityNames.filter((c) => !cityCodeOf(c));
  if (unknownCities.length) fail("preferredCities", `意向城市不是本省设区市：${unknownCities.join("、")}`);

  if (problems.length > 0) return { row: null, problems };
  return {
    row: {
      line,
      name,
      idNumber,
      phone,
      majorCode,
      schoolLevel: schoolLevel!,
      graduationDate: graduationDate!,
      skillLevel: skillLevel ?? null,
      skillTags,
      preferredCities: cityNames.map((c) => cityCodeOf(c)!),
    },
    problems: [],
  };
}

/** Validates a whole roster: header problems, row problems, and identity numbers repeated within the file. */
export function checkRoster(
  headers: readonly string[],
  records: readonly (readonly string[])[],
  ctx: RosterContext,
): { rows: RosterRow[]; problems: RowProblem[] } {
  const { columns, problems } = mapRosterHeaders(headers);
  if (problems.length > 0) return { rows: [], problems };
  if (records.length === 0) return { rows: [], problems: [{ line: 2, field: "", reason: "文件中没有数据行" }] };
  const rows: RosterRow[] = [];
  const firstLineOf = new Map<string, number>();
  records.forEach((record, i) => {
    const line = i + 2;
    const cell = (f: RosterField) => {
      const index = columns[f];
      return index === undefined ? "" : (record[index] ?? "");
    };
    const checked = checkRosterRow(line, cell, ctx);
    if (!checked.row) {
      problems.push(...checked.problems);
      return;
    }
    const seen = firstLineOf.get(checked.row.idNumber);
    if (seen !== undefined) {
      problems.push({ line, field: ROSTER_COLUMNS.idNumber.header, reason: `身份证号与第 ${seen} 行重复` });
      return;
    }
    firstLineOf.set(checked.row.idNumber, line);
    rows.push(checked.row);
  });
  return { rows: problems.length ? [] : rows, problems };
}
