import { z } from "zod";
import { SCHOOL_LEVELS } from "~/domain/constants";
import { CITIES } from "~/domain/geo/divisions";
import { editableCollegeScope, secondmentScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { cityLookup, cityOptions, currentPairingWhere, fieldError, freeName, labelledOptions, lookUp, pairingSection, period } from "./common.server";
import { enumField, latField, lngField, schoolCodeField, textListField } from "./fields";
import type { Problem, RegistryDefinition } from "./types";
import { recordRegistrySearchChanges, requestSearchDelivery } from "~/services/search/sync.server";

const CITY_CODES = CITIES.map((c) => c.code);

export const CollegeSchema = z.object({
  name: requiredText("院校名称", 60),
  schoolCode: schoolCodeField,
  level: enumField("办学层次", SCHOOL_LEVELS),
  cityCode: z.string({ error: "请选择所在城市" }).refine((c) => CITY_CODES.includes(c), { error: "请选择所在城市" }),
  lng: lngField,
  lat: latField,
  majors: textListField("开设专业", 300).pipe(
    z.array(z.string().regex(/^\d{6}$/, { error: "专业代码应为6位数字，多个用“、”分隔" })),
  ),
});
export type CollegeInput = z.infer<typeof CollegeSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.CollegeOrderByWithRelationInput> = {
  name: (d) => ({ nameSort: d }),
  schoolCode: (d) => ({ schoolCode: d }),
  level: (d) => ({ level: d }),
  city: (d) => ({ cityCode: d }),
};

async function checkCollege(input: CollegeInput, exceptId = -1) {
  const clash = await prisma.college.findFirst({
    where: { OR: [{ name: input.name }, { schoolCode: input.schoolCode }], NOT: { id: exceptId } },
    select: { name: true, schoolCode: true },
  });
  if (clash?.schoolCode === input.schoolCode) throw fieldError("schoolCode", `该学校标识码已由“${clash.name}”登记`);
  if (clash) throw fieldError("name", "已有同名院校");
  const known = await prisma.major.count({ where: { code: { in: input.majors } } });
  if (known !== new Set(input.majors).size) throw fieldError("majors", "有专业代码不在专业目录中");
}

const majorRows = (codes: string[]) => [...new Set(codes)].map((majorCode) => ({ majorCode }));

export const colleges: RegistryDefinition<CollegeInput> = {
  kind: "colleges",
  title: "职业院校",
  noun: "院校",
  creators: ["province"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "name", defaultDirection: "asc", filters: ["q", "level", "city"] },
  columns: [
    { key: "name", label: "院校名称", sortable: true },
    { key: "schoolCode", label: "学校标识码", sortable: true },
    { key: "level", label: "办学层次", sortable: true },
    { key: "city", label: "所在城市", sortable: true },
    { key: "pairings", label: "在期对接园区" },
    { key: "bases", label: "实训基地" },
  ],
  async filters() {
    return [
      { key: "q", label: "名称", type: "text" },
      { key: "level", label: "办学层次", type: "select", options: labelledOptions(SCHOOL_LEVELS) },
      { key: "city", label: "城市", type: "select", options: cityOptions() },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const where: Prisma.CollegeWhereInput = {
      ...(f.q ? { name: containsText(f.q) } : {}),
      ...(f.level ? { level: f.level } : {}),
      ...(f.city ? { cityCode: f.city } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.college.count({ where }),
      prisma.college.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: {
          id: true,
          name: true,
          schoolCode: true,
          level: true,
          city: { select: { name: true } },
          _count: { select: { pairings: { where: currentPairingWhere() }, bases: true } },
        },
      }),
    ]);
    return {
      total,
      rows: rows.map((c) => ({
        id: c.id,
        href: `/registries/colleges/${c.id}`,
        cells: { name: c.name, schoolCode: c.schoolCode, level: c.level, city: c.city.name, pairings: c._count.pairings, bases: c._count.bases },
      })),
    };
  },
  async detail(principal, id) {
    const c = await prisma.college.findUnique({
      where: { id },
      select: {
        name: true,
        schoolCode: true,
        level: true,
        lng: true,
        lat: true,
        city: { select: { name: true } },
        majors: { select: { major: { select: { code: true, name: true } } }, orderBy: { majorCode: "asc" } },
        pairings: { select: { id: true, startDate: true, endDate: true, park: { select: { name: true } } }, orderBy: { startDate: "desc" } },
        bases: { select: { base: { select: { id: true, name: true, capacity: true, park: { select: { name: true } } } } } },
      },
    });
    if (!c) throw notFound("院校");
    const secondments = await prisma.secondment.findMany({
      where: { AND: [{ collegeId: id }, secondmentScope(principal)] },
      select: { id: true, personName: true, position: true, startDate: true, endDate: true, enterprise: { select: { name: true } } },
      orderBy: { startDate: "desc" },
    });
    return {
      title: c.name,
      facts: [
        { label: "学校标识码", value: c.schoolCode },
        { label: "办学层次", value: c.level },
        { label: "所在城市", value: c.city.name },
        { label: "坐标", value: `${c.lng}, ${c.lat}` },
        { label: "开设专业", value: c.majors.length ? c.majors.map((m) => `${m.major.code} ${m.major.name}`).join("、") : "—" },
      ],
      sections: [
        pairingSection({ key: "park", label: "园区" }, c.pairings.map((x) => ({ ...x, name: x.park.name }))),
        {
          title: "参与的实训基地",
          empty: "暂无实训基地",
          columns: [
            { key: "name", label: "基地" },
            { key: "park", label: "园区" },
            { key: "capacity", label: "容纳人数" },
          ],
          rows: c.bases.map(({ base }) => ({ id: base.id, href: `/registries/bases/${base.id}`, cells: { name: base.name, park: base.park.name, capacity: base.capacity } })),
        },
        {
          title: "双向挂职",
          empty: "暂无挂职记录",
          columns: [
            { key: "person", label: "人员" },
            { key: "position", label: "挂职岗位" },
            { key: "enterprise", label: "企业" },
            { key: "period", label: "期限" },
          ],
          rows: secondments.map((s) => ({
            id: s.id,
            href: `/registries/secondments/${s.id}`,
            cells: { person: s.personName, position: s.position, enterprise: s.enterprise.name, period: period(s.startDate, s.endDate) },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.college.count({ where: { AND: [{ id }, editableCollegeScope(principal)] } })) > 0;
  },
  schema: CollegeSchema,
  async fields() {
    return [
      { name: "name", label: "院校名称", type: "text", required: true },
      { name: "schoolCode", label: "学校标识码", type: "text", required: true, hint: "10位数字，如 4136000001" },
      { name: "level", label: "办学层次", type: "select", options: labelledOptions(SCHOOL_LEVELS), required: true },
      { name: "cityCode", label: "所在城市", type: "select", options: cityOptions(), required: true },
      { name: "lng", label: "经度", type: "number", required: true },
      { name: "lat", label: "纬度", type: "number", required: true },
      { name: "majors", label: "开设专业代码", type: "text", hint: "6位专业代码，多个用“、”分隔" },
    ];
  },
  async values(principal, id) {
    const c = await prisma.college.findFirst({ where: { AND: [{ id }, editableCollegeScope(principal)] }, include: { majors: true } });
    if (!c) throw notFound("院校");
    return {
      name: c.name,
      schoolCode: c.schoolCode,
      level: c.level,
      cityCode: c.cityCode,
      lng: String(c.lng),
      lat: String(c.lat),
      majors: c.majors.map((m) => m.majorCode).join("、"),
    };
  },
  async create(_principal, input) {
    await checkCollege(input);
    const { majors, ...data } = input;
    return (await prisma.college.create({ data: { ...data, majors: { create: majorRows(majors) } }, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await colleges.mayEdit(principal, id))) throw forbidden("您只能修改本校的信息");
    await checkCollege(input, id);
    const { majors, ...data } = input;
    await prisma.$transaction(async (tx) => {
      await tx.collegeMajor.deleteMany({ where: { collegeId: id } });
      await tx.college.update({ where: { id }, data: { ...data, majors: { create: majorRows(majors) } } });
      await recordRegistrySearchChanges({ db: tx, change: { kind: "college", id } });
    });
    await requestSearchDelivery();
  },
  import: {
    roles: ["province"],
    columns: [
      { key: "name", header: "名称", aliases: ["院校名称", "学校名称"], required: true, note: "院校全称，全省唯一" },
      { key: "schoolCode", header: "学校标识码", aliases: ["标识码", "学校代码"], required: true, note: "10 位学校标识码（36 开头为中职，41 开头为高校），全省唯一" },
      { key: "level", header: "办学层次", aliases: ["层次"], required: true, note: "高职、中职、职业本科 或 技工院校" },
      { key: "cityCode", header: "所在城市", aliases: ["城市", "设区市", "city"], required: true, note: "设区市名称（如 九江市、九江）或行政区划代码" },
      { key: "lng", header: "经度", aliases: ["longitude"], required: true, note: "校区经度，十进制度数" },
      { key: "lat", header: "纬度", aliases: ["latitude"], required: true, note: "校区纬度，十进制度数" },
      { key: "majors", header: "开设专业", aliases: ["专业代码", "专业"], required: false, note: "6 位专业代码，多个用 、 或 , 分隔；须在专业目录中，可留空" },
    ],
    async example() {
      const [existing, majors] = await Promise.all([
        prisma.college.findMany({ select: { name: true, schoolCode: true } }),
        prisma.major.findMany({ where: { level: "高职" }, select: { code: true }, orderBy: { code: "asc" }, take: 2 }),
      ]);
      const codes = new Set(existing.map((c) => c.schoolCode));
      let schoolCode = "";
      for (let i = 1; !schoolCode || codes.has(schoolCode); i++) schoolCode = `4136${String(900000 + i)}`;
      return {
        name: freeName("示例职业技术学院", new Set(existing.map((c) => c.name))),
        schoolCode,
        level: "高职",
        cityCode: "九江市",
        lng: "115.99",
        lat: "29.71",
        majors: majors.map((m) => m.code).join("、"),
      };
    },
    async prepare() {
      const [existing, majors] = await Promise.all([
        prisma.college.findMany({ select: { name: true, schoolCode: true } }),
        prisma.major.findMany({ select: { code: true } }),
      ]);
      const taken = new Set(existing.flatMap((c) => [`name:${c.name}`, `code:${c.schoolCode}`]));
      const majorCodes = new Set(majors.map((m) => m.code));
      const cities = cityLookup();
      return {
        resolve(cells) {
          const problems: Problem[] = [];
          const cityCode = lookUp(cities, cells.cityCode, "城市", problems, "所在城市");
          const unknown = (cells.majors ?? "").split(/[、,，;；\s]+/).filter((m) => /^\d{6}$/.test(m) && !majorCodes.has(m));
          if (unknown.length) problems.push({ field: "开设专业", reason: `专业代码“${unknown.join("、")}”不在专业目录中` });
          return { values: { ...cells, cityCode: cityCode ?? "" }, problems };
        },
        keys: (c) => [
          { label: "学校标识码", key: `code:${c.schoolCode}` },
          { label: "院校名称", key: `name:${c.name}` },
        ],
        exists: (key) => taken.has(key),
        refusal: () => null,
      };
    },
    async insert(tx, inputs) {
      for (const { majors, ...data } of inputs) await tx.college.create({ data: { ...data, majors: { create: majorRows(majors) } } });
    },
  },
};
