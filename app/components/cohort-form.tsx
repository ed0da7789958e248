import { Field } from "~/components/field";
import { SelectField, SkillLevelOptions } from "~/components/labour";
import { SCHOOL_LEVELS } from "~/domain/constants";

export type CohortValues = {
  majorCode: string;
  level: string;
  size: number;
  expectedGraduation: string;
  trainingBaseId: number | null;
  skillsTaught: string[];
  targetSkillLevel: number;
};

/** The fields of a cohort, blank for a new one or filled with a cohort's values to edit it. */
export function CohortFields({
  majors,
  bases,
  values,
  errors = {},
}: {
  majors: { code: string; name: string; level: string }[];
  bases: { id: number; name: string }[];
  values?: CohortValues;
  errors?: Record<string, string | undefined>;
}) {
  return (
    <>
      <div className="form-grid">
        <SelectField label="专业" name="majorCode" error={errors.majorCode} defaultValue={values?.majorCode ?? ""}>
          <option value="">请选择专业</option>
          {majors.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}（{m.code}，{m.level}）
            </option>
          ))}
        </SelectField>
        <SelectField label="层次" name="level" error={errors.level} defaultValue={values?.level ?? "高职"}>
          {SCHOOL_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </SelectField>
        <Field label="人数" name="size" type="number" min={1} max={2000} required defaultValue={values?.size} error={errors.size} />
        <Field
          label="预计毕业日期"
          name="expectedGraduation"
          type="date"
          required
          defaultValue={values?.expectedGraduation.slice(0, 10)}
          error={errors.expectedGraduation}
        />
        <SelectField label="实训基地（可选）" name="trainingBaseId" error={errors.trainingBaseId} defaultValue={values?.trainingBaseId ?? ""}>
          <option value="">不指定</option>
          {bases.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="目标技能等级" name="targetSkillLevel" error={errors.targetSkillLevel} defaultValue={values?.targetSkillLevel ?? 4}>
          <SkillLevelOptions />
        </SelectField>
      </div>
      <Field
        label="培训技能（用逗号或顿号分隔）"
        name="skillsTaught"
        placeholder="例如：数控车床、CAD、PLC"
        defaultValue={values?.skillsTaught.join("、")}
        error={errors.skillsTaught}
      />
    </>
  );
}
