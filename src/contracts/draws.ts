import { z } from "zod";
import { GROUP_ROLES } from "../domain/inspections";
import { optionalText, Pagination, pageOf, QueryBoolean, requiredText, sortingOf } from "./common";
import { defineRoute, PUBLIC, requires } from "./route";
import { choice, labelled, references } from "./validation";

/**
 * The expert pool (专家库), a campaign's working groups (工作组) and its random draw (双随机、一公开):
 * regulations.md "双随机、一公开", domain.md §2. The draw itself is domain/random-draw.ts.
 */

export const ExpertIdParams = z.object({ id: references(z.uuid(), "expert", "专家编号") });
export const CampaignIdParams = z.object({ id: references(z.uuid(), "campaign", "检查工作编号") });
export const GroupIdParams = z.object({ id: references(z.uuid(), "group", "工作组编号") });
export const DrawIdParams = z.object({ id: references(z.uuid(), "draw", "抽取记录编号") });

const Named = z.object({ id: z.uuid(), name: z.string() });

// ——— 专家库 ———

/** The most conflicts one expert declares in the form; more belong in the note. */
export const MAX_CONFLICTS = 50;

export const ExpertBody = z.object({
  name: requiredText("姓名", 50),
  unit: optionalText("工作单位", 100),
  /** "" when the expert works in no institution of the register (an update replaces every field, so none is left out). */
  institutionId: references(z.union([z.uuid(), z.literal("")]), "institution", "所在机构（在册）"),
  speciality: optionalText("专业领域", 100),
  phone: labelled(
    z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{0,30}$/, "应为电话号码"),
    "联系电话",
  ),
  conflictInstitutionIds: labelled(z.array(references(z.uuid(), "institution", "回避机构")).max(MAX_CONFLICTS), "回避机构"),
  conflictNote: optionalText("回避说明", 500),
  active: labelled(z.boolean(), "是否在库"),
});
export type ExpertBody = z.infer<typeof ExpertBody>;

export const ExpertSummary = z.object({
  id: z.uuid(),
  authorityCode: z.string(),
  authorityName: z.string(),
  name: z.string(),
  unit: z.string(),
  institution: Named.nullable(),
  speciality: z.string(),
  phone: z.string(),
  conflictInstitutions: z.array(Named),
  conflictNote: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type ExpertSummary = z.infer<typeof ExpertSummary>;

export const ExpertFilters = z.object({
  name: labelled(z.string().trim().max(50), "姓名").optional(),
  speciality: labelled(z.string().trim().max(100), "专业领域").optional(),
  active: labelled(QueryBoolean, "是否在库").optional(),
});
export type ExpertFilters = z.infer<typeof ExpertFilters>;
export const EXPERT_SORTS = { name: "姓名", speciality: "专业领域", updatedAt: "更新时间" } as const;
export const ExpertListQuery = ExpertFilters.extend(Pagination.shape).extend(sortingOf(EXPERT_SORTS).shape);
export type ExpertListQuery = z.infer<typeof ExpertListQuery>;

const EXPERT_EXAMPLE: z.input<typeof ExpertBody> = {
  name: "王建国",
  unit: "开封市消防救援支队",
  institutionId: "",
  speciality: "消防安全",
  phone: "13800000000",
  conflictInstitutionIds: [],
  conflictNote: "",
  active: true,
};

// ——— 工作组 ———

export const MemberInput = z.object({
  kind: choice({ user: "本部门人员", expert: "专家库专家" }, "成员类别"),
  id: labelled(z.uuid(), "成员"),
  role: choice(GROUP_ROLES, "成员身份"),
  leader: labelled(z.boolean(), "组长"),
});

export const GroupBody = z.object({ name: requiredText("工作组名称", 50) });
export type GroupBody = z.infer<typeof GroupBody>;

/** The whole member list, replaced (ADR 8): a group with members has exactly one leader. */
export const GroupMembersBody = z.object({
  members: labelled(
    z
      .array(MemberInput)
      .max(100)
      .refine((members) => members.length === 0 || members.filter((m) => m.leader).length === 1, "须有且只有一名组长"),
    "成员",
  ),
});
export type GroupMembersBody = z.infer<typeof GroupMembersBody>;

export const GroupMember = z.object({
  kind: z.enum(["user", "expert"]),
  id: z.uuid(),
  name: z.string(),
  /** The member's unit: the authority for its users, the expert's unit. */
  unit: z.string(),
  speciality: z.string(),
  role: choice(GROUP_ROLES, "成员身份"),
  leader: z.boolean(),
});

export const WorkingGroup = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  name: z.string(),
  ordinal: z.number().int(),
  members: z.array(GroupMember),
  institutionCount: z.number().int(),
});
export type WorkingGroup = z.infer<typeof WorkingGroup>;

export const CampaignGroups = z.object({
  campaign: z.object({ id: z.uuid(), name: z.string(), authorityName: z.string(), selection: z.string(), unannounced: z.boolean() }),
  groups: z.array(WorkingGroup),
  /** Institutions of the campaign no group has yet. */
  unassignedCount: z.number().int(),
});
export type CampaignGroups = z.infer<typeof CampaignGroups>;

/** Who can join a campaign's groups: the users of its authority and the experts of its pool. */
export const MemberCandidate = z.object({
  kind: z.enum(["user", "expert"]),
  id: z.uuid(),
  name: z.string(),
  unit: z.string(),
  speciality: z.string(),
});
export type MemberCandidate = z.infer<typeof MemberCandidate>;

export const MAX_ASSIGNED_AT_ONCE = 1000;

export const AssignGroupBody = z.object({
  groupId: references(z.uuid(), "group", "工作组").nullable(),
  institutionIds: labelled(
    z
      .array(references(z.uuid(), "institution", "机构"))
      .min(1)
      .max(MAX_ASSIGNED_AT_ONCE),
    "机构",
  ),
});
export type AssignGroupBody = z.infer<typeof AssignGroupBody>;

export const SpreadGroupsBody = z.object({
  onlyUnassigned: labelled(z.boolean(), "只分配尚无工作组的机构"),
  seed: optionalText("随机种子", 100).optional(),
});
export type SpreadGroupsBody = z.infer<typeof SpreadGroupsBody>;

export const SpreadResult = z.object({
  seed: z.string(),
  assigned: z.number().int(),
  /** Institutions every group must keep away from (回避): left without a group, to be assigned by hand. */
  unplaced: z.number().int(),
  groups: z.array(WorkingGroup),
});

export const GroupInstitutionsQuery = Pagination;
export const GroupInstitution = z.object({ id: z.uuid(), name: z.string(), jurisdictionName: z.string(), state: z.string() });

// ——— 随机抽取 ———

export const DrawQuantityInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("count"), count: labelled(z.number().int().min(1).max(100_000), "抽取家数") }),
  z.object({ kind: z.literal("ratio"), percent: labelled(z.number().min(0.01).max(100).multipleOf(0.01), "抽取比例（%）") }),
]);

export const DrawBody = z.object({
  quantity: labelled(DrawQuantityInput, "抽取数量"),
  inspectorsPerInstitution: labelled(z.number().int().min(2).max(10), "每家检查人员数"),
  witness: requiredText("见证人", 50),
  /** Left out, the server makes one from a cryptographic random source and records it. */
  seed: optionalText("随机种子", 100).optional(),
});
export type DrawBody = z.infer<typeof DrawBody>;

const Inspector = z.object({ id: z.uuid(), kind: z.enum(["user", "expert"]), name: z.string() });

export const DrawnInstitutionView = z.object({
  institution: Named,
  inspectors: z.array(Inspector),
  recusals: z.array(Inspector.extend({ reason: z.string() })),
});

export const DrawSummary = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  algorithm: z.string(),
  algorithmVersion: z.number().int(),
  seed: z.string(),
  poolSize: z.number().int(),
  inspectorPoolSize: z.number().int(),
  drawnCount: z.number().int(),
  operatorName: z.string(),
  witness: z.string(),
  drawnAt: z.string(),
  publishedAt: z.string().nullable(),
  /** The public page (一公开), once published. */
  publicPath: z.string().nullable(),
});
export type DrawSummary = z.infer<typeof DrawSummary>;

export const DrawDetail = DrawSummary.extend({
  parameters: z.object({
    quantity: z.union([z.object({ kind: z.literal("count"), count: z.number() }), z.object({ kind: z.literal("ratio"), percent: z.number() })]),
    inspectorsPerInstitution: z.number().int(),
  }),
  drawn: z.array(DrawnInstitutionView),
});
export type DrawDetail = z.infer<typeof DrawDetail>;

export const RERUN_POOLS = { recorded: "按记录的抽取池", today: "按当前的抽取池" } as const;
export const RerunQuery = z.object({ pool: choice(RERUN_POOLS, "抽取池") });

export const RerunReport = z.object({
  pool: choice(RERUN_POOLS, "抽取池"),
  poolSize: z.number().int(),
  /** The draw over that pool with the recorded seed and parameters gives exactly the recorded result. */
  sameResult: z.boolean(),
  /** Why the draw cannot be made over that pool; null when it can. */
  failure: z.string().nullable(),
  institutionsAdded: z.array(Named),
  institutionsRemoved: z.array(Named),
  inspectorsAdded: z.array(Named),
  inspectorsRemoved: z.array(Named),
  drawnAdded: z.array(Named),
  drawnRemoved: z.array(Named),
});
export type RerunReport = z.infer<typeof RerunReport>;

/** What the public page (一公开) may say: the campaign, its authority, the drawn institutions and their outcome — nothing else. */
export const PublicDraw = z.object({
  campaignName: z.string(),
  authorityName: z.string(),
  institutions: z.array(
    z.object({
      name: z.string(),
      inspected: z.boolean(),
      /** Hazards the inspection found; null until it is recorded. */
      hazardCount: z.number().int().nullable(),
    }),
  ),
});
export type PublicDraw = z.infer<typeof PublicDraw>;

export const PublicCodeParams = z.object({ code: labelled(z.string().trim().min(1).max(100), "公示码") });

const DRAW_EXAMPLE: z.input<typeof DrawBody> = {
  quantity: { kind: "ratio", percent: 5 },
  inspectorsPerInstitution: 2,
  witness: "县纪委监委驻卫健委纪检组 李红",
  seed: "2026Q2-兰考-001",
};

const manageExperts = requires("expert:manage");
const manageCampaigns = requires("campaign:manage");
const readCampaigns = requires("campaign:read");

export const expertRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/experts",
    summary: "专家库（管辖范围内各监管部门的专家）",
    access: manageExperts,
    query: ExpertListQuery,
    response: pageOf(ExpertSummary),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/experts/export",
    summary: "导出筛选后的专家库（.xlsx）",
    access: manageExperts,
    query: ExpertFilters.extend(sortingOf(EXPERT_SORTS).shape),
    response: "file",
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/experts",
    summary: "向本部门专家库增加专家",
    description: "所在机构和回避机构须为管辖范围内在册的机构；抽取时专家不会被派往其所在机构或回避机构。",
    access: manageExperts,
    body: ExpertBody,
    example: EXPERT_EXAMPLE,
    response: ExpertSummary,
    status: 201,
  }),
  update: defineRoute({
    method: "PUT",
    path: "/api/experts/:id",
    summary: "修改专家（替换全部字段）",
    access: manageExperts,
    params: ExpertIdParams,
    body: ExpertBody,
    example: EXPERT_EXAMPLE,
    response: ExpertSummary,
  }),
};

export const groupRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id/groups",
    summary: "检查工作的工作组、成员及分配的机构数",
    access: readCampaigns,
    params: CampaignIdParams,
    response: CampaignGroups,
  }),
  candidates: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id/member-candidates",
    summary: "可加入工作组的人员：检查工作所属部门的用户和专家库专家",
    access: manageCampaigns,
    params: CampaignIdParams,
    response: z.array(MemberCandidate),
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/campaigns/:id/groups",
    summary: "新建工作组",
    access: manageCampaigns,
    params: CampaignIdParams,
    body: GroupBody,
    example: { name: "第一工作组" },
    response: WorkingGroup,
    status: 201,
  }),
  rename: defineRoute({
    method: "PUT",
    path: "/api/groups/:id",
    summary: "重命名工作组",
    access: manageCampaigns,
    params: GroupIdParams,
    body: GroupBody,
    example: { name: "第二工作组" },
    response: WorkingGroup,
  }),
  members: defineRoute({
    method: "PUT",
    path: "/api/groups/:id/members",
    summary: "设置工作组成员（替换全部成员；须有且只有一名组长）",
    description: "成员为检查工作所属监管部门的用户或其专家库中的专家，身份为领导、专家或专班。",
    access: manageCampaigns,
    params: GroupIdParams,
    body: GroupMembersBody,
    example: { members: [] },
    response: WorkingGroup,
  }),
  institutions: defineRoute({
    method: "GET",
    path: "/api/groups/:id/institutions",
    summary: "工作组负责的机构",
    access: readCampaigns,
    params: GroupIdParams,
    query: GroupInstitutionsQuery,
    response: pageOf(GroupInstitution),
  }),
  assign: defineRoute({
    method: "POST",
    path: "/api/campaigns/:id/groups/assign",
    summary: "把检查工作的机构分配给工作组（工作组为空则取消分配）",
    access: manageCampaigns,
    params: CampaignIdParams,
    body: AssignGroupBody,
    example: { groupId: null, institutionIds: ["00000000-0000-4000-8000-000000000000"] },
    response: CampaignGroups,
  }),
  spread: defineRoute({
    method: "POST",
    path: "/api/campaigns/:id/groups/spread",
    summary: "随机把检查工作的机构平均分配给各工作组",
    description: "机构按编号排序后以种子洗牌，再依次轮流分给各组（各组数量相差不超过 1）；种子记入审计日志，可复现。",
    access: manageCampaigns,
    params: CampaignIdParams,
    body: SpreadGroupsBody,
    example: { onlyUnassigned: true },
    response: SpreadResult,
  }),
};

export const drawRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id/draws",
    summary: "检查工作的随机抽取记录",
    access: readCampaigns,
    params: CampaignIdParams,
    response: z.array(DrawSummary),
  }),
  run: defineRoute({
    method: "POST",
    path: "/api/campaigns/:id/draws",
    summary: "随机抽取检查对象并匹配检查人员（双随机）",
    description:
      "从检查工作的抽取池（随机抽取的检查工作为其范围内在册机构，其他为尚未检查的机构）按数量或比例（向上取整）抽取机构，每家随机匹配不少于 2 名检查人员（检查工作所属部门的用户和在库专家），本单位人员和申报回避的专家不派。抽取池、参数、算法及版本、种子、操作人、见证人和时间一并记录；每项检查工作只抽取一次。",
    access: manageCampaigns,
    params: CampaignIdParams,
    body: DrawBody,
    example: DRAW_EXAMPLE,
    response: DrawDetail,
    status: 201,
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/draws/:id",
    summary: "抽取记录：抽取池规模、种子、算法、结果、人员匹配和回避",
    access: readCampaigns,
    params: DrawIdParams,
    response: DrawDetail,
  }),
  rerun: defineRoute({
    method: "GET",
    path: "/api/draws/:id/rerun",
    summary: "复核抽取：按记录的抽取池重新运行应得到相同结果；按当前的抽取池则报告差异",
    access: readCampaigns,
    params: DrawIdParams,
    query: RerunQuery,
    response: RerunReport,
  }),
  publish: defineRoute({
    method: "POST",
    path: "/api/draws/:id/publish",
    summary: "公示抽取结果（一公开）：生成无需登录的公示页",
    access: manageCampaigns,
    params: DrawIdParams,
    response: DrawDetail,
  }),
  public: defineRoute({
    method: "GET",
    path: "/api/public/draws/:code",
    summary: "抽取结果公示（无需登录）",
    description: "只列出检查工作名称、组织部门、抽中的机构及其检查结果（是否已检查、发现隐患数）；未知的公示码返回 404。",
    access: PUBLIC,
    params: PublicCodeParams,
    response: PublicDraw,
  }),
};
