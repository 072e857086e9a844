import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, max, ne, sql } from "drizzle-orm";
import type { AssignGroupBody, CampaignGroups, GroupBody, GroupMembersBody, MemberCandidate, SpreadGroupsBody, WorkingGroup } from "../../../contracts/draws";
import { appUser, campaign, campaignAssignment, expert, institution, jurisdiction, workingGroup, workingGroupMember } from "../../../db/schema";
import type { GroupRole } from "../../../domain/inspections";
import { DRAW_ALGORITHM, spreadOverGroups } from "../../../domain/random-draw";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Db, DbOrTx } from "../../platform/db";
import { badRequest, conflict, notFound } from "../../platform/http/errors";
import type { Scope } from "../../platform/scope";
import { type CampaignRow, requireCampaign } from "../campaigns/queries";
import { visibleCampaigns } from "../campaigns/visibility";
import { campaignToChange, refuseUnlessManager } from "./campaign-change";
import { inspectorsOf } from "./pool";

const GROUP_NOT_FOUND = "工作组不存在";

/** A campaign's random seed when the operator gives none: 128 bits from the system's cryptographic source. */
export const newSeed = () => randomBytes(16).toString("hex");

async function membersOf(db: DbOrTx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({
      groupId: workingGroupMember.groupId,
      userId: workingGroupMember.userId,
      expertId: workingGroupMember.expertId,
      role: workingGroupMember.role,
      leader: workingGroupMember.isLeader,
      name: sql<string>`coalesce(${appUser.displayName}, ${expert.name})`,
      unit: sql<string>`coalesce(${jurisdiction.authorityName}, ${expert.unit}, '')`,
      speciality: sql<string>`coalesce(${expert.speciality}, '')`,
    })
    .from(workingGroupMember)
    .leftJoin(appUser, eq(appUser.id, workingGroupMember.userId))
    .leftJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
    .leftJoin(expert, eq(expert.id, workingGroupMember.expertId))
    .where(inArray(workingGroupMember.groupId, groupIds))
    .orderBy(sql`${workingGroupMember.isLeader} desc`, asc(workingGroupMember.role), asc(workingGroupMember.id));
}

/**
 * What each group's members must keep away from (回避, the rule the draw keeps): an expert's own
 * institution and those the expert declared a conflict with, each with who and why. Authority users
 * work in no institution.
 */
async function recusalsOf(db: DbOrTx, groupIds: string[]): Promise<Map<string, Map<string, string>>> {
  const byGroup = new Map<string, Map<string, string>>(groupIds.map((id) => [id, new Map()]));
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({ groupId: workingGroupMember.groupId, name: expert.name, own: expert.institutionId, declared: expert.conflictInstitutionIds })
    .from(workingGroupMember)
    .innerJoin(expert, eq(expert.id, workingGroupMember.expertId))
    .where(inArray(workingGroupMember.groupId, groupIds));
  for (const row of rows) {
    const recusals = byGroup.get(row.groupId);
    for (const id of row.declared) recusals?.set(id, `成员 ${row.name} 申报须回避`);
    if (row.own) recusals?.set(row.own, `成员 ${row.name} 为该机构人员`);
  }
  return byGroup;
}

/** A refusal (409) naming the first institution a group may not take and the member it must be kept from, or nothing. */
async function refuseRecusedInstitutions(tx: DbOrTx, group: { id: string; name: string }, institutionIds: string[], field: string) {
  const recusals = (await recusalsOf(tx, [group.id])).get(group.id);
  const recused = institutionIds.find((id) => recusals?.has(id));
  if (!recused) return;
  const [named] = await tx.select({ name: institution.name }).from(institution).where(eq(institution.id, recused));
  throw conflict(`${named?.name ?? "机构"}：${recusals?.get(recused)}，不能由工作组“${group.name}”检查，请分配给其他工作组`, field);
}

/** The campaign's groups in their order, each with its members and how many institutions it has. */
export async function groupsOf(db: DbOrTx, found: CampaignRow, authorityName: string): Promise<CampaignGroups> {
  const groups = await db.select().from(workingGroup).where(eq(workingGroup.campaignId, found.id)).orderBy(asc(workingGroup.ordinal));
  const members = await membersOf(
    db,
    groups.map((g) => g.id),
  );
  const counts = await db
    .select({ groupId: campaignAssignment.groupId, total: count() })
    .from(campaignAssignment)
    .where(eq(campaignAssignment.campaignId, found.id))
    .groupBy(campaignAssignment.groupId);
  const countOf = new Map(counts.map((row) => [row.groupId, row.total]));
  return {
    campaign: { id: found.id, name: found.name, authorityName, selection: found.selection, unannounced: found.unannounced },
    groups: groups.map((group) => ({
      id: group.id,
      campaignId: group.campaignId,
      name: group.name,
      ordinal: group.ordinal,
      institutionCount: countOf.get(group.id) ?? 0,
      members: members
        .filter((m) => m.groupId === group.id)
        .map((m) => ({
          kind: m.userId ? ("user" as const) : ("expert" as const),
          id: (m.userId ?? m.expertId) as string,
          name: m.name,
          unit: m.unit,
          speciality: m.speciality,
          role: m.role as GroupRole,
          leader: m.leader,
        })),
    })),
    unassignedCount: countOf.get(null) ?? 0,
  };
}

const authorityNameOf = async (db: DbOrTx, found: CampaignRow) => {
  const [row] = await db.select({ name: jurisdiction.authorityName }).from(jurisdiction).where(eq(jurisdiction.code, found.authorityCode));
  return row?.name ?? "";
};

export async function campaignGroups(db: DbOrTx, scope: Scope, campaignId: string) {
  const found = await requireCampaign(db, scope, campaignId);
  return groupsOf(db, found, await authorityNameOf(db, found));
}

async function oneGroup(db: DbOrTx, found: CampaignRow, groupId: string): Promise<WorkingGroup> {
  const all = await groupsOf(db, found, "");
  const group = all.groups.find((g) => g.id === groupId);
  if (!group) throw notFound(GROUP_NOT_FOUND);
  return group;
}

/** A group and its campaign through the caller's scope, the group locked when it is to change. */
async function groupFor(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ group: workingGroup, campaign })
    .from(workingGroup)
    .innerJoin(campaign, eq(campaign.id, workingGroup.campaignId))
    .where(and(eq(workingGroup.id, id), visibleCampaigns(scope)));
  const [found] = options.lock ? await query.for("update", { of: workingGroup }) : await query;
  if (!found) throw notFound(GROUP_NOT_FOUND);
  return found;
}

export async function memberCandidates(db: DbOrTx, scope: Scope, campaignId: string): Promise<MemberCandidate[]> {
  const found = await requireCampaign(db, scope, campaignId);
  return (await inspectorsOf(db, found.authorityCode)).map(({ id, kind, name, unit, speciality }) => ({ id, kind, name, unit, speciality }));
}

async function refuseTakenName(db: DbOrTx, campaignId: string, name: string, except?: string) {
  const [taken] = await db
    .select({ id: workingGroup.id })
    .from(workingGroup)
    .where(and(eq(workingGroup.campaignId, campaignId), eq(workingGroup.name, name), except ? ne(workingGroup.id, except) : undefined));
  if (taken) throw conflict(`工作组名称：本检查工作已有“${name}”`, "name");
}

export async function createGroup(db: Db, actor: UserActor, campaignId: string, body: GroupBody) {
  return db.transaction(async (tx) => {
    const found = await campaignToChange(tx, actor, campaignId, "新建工作组");
    await refuseTakenName(tx, found.id, body.name);
    const [last] = await tx
      .select({ ordinal: max(workingGroup.ordinal) })
      .from(workingGroup)
      .where(eq(workingGroup.campaignId, found.id));
    const [row] = await tx
      .insert(workingGroup)
      .values({ campaignId: found.id, name: body.name, ordinal: (last?.ordinal ?? 0) + 1 })
      .returning({ id: workingGroup.id });
    if (!row) throw new Error("the group insert returned no row");
    await writeAudit(tx, actor, {
      action: "group.create",
      target: { type: "working_group", id: row.id, path: found.authorityPath, name: body.name },
      detail: { name: body.name, campaign: found.name },
    });
    return oneGroup(tx, found, row.id);
  });
}

export async function renameGroup(db: Db, actor: UserActor, groupId: string, body: GroupBody) {
  return db.transaction(async (tx) => {
    const found = await groupFor(tx, actor.scope, groupId, { lock: true });
    refuseUnlessManager(actor, found.campaign, "调整工作组");
    await refuseTakenName(tx, found.campaign.id, body.name, groupId);
    await tx.update(workingGroup).set({ name: body.name }).where(eq(workingGroup.id, groupId));
    await writeAudit(tx, actor, {
      action: "group.rename",
      target: { type: "working_group", id: groupId, path: found.campaign.authorityPath, name: body.name },
      detail: { name: body.name, campaign: found.campaign.name, changes: { name: { from: found.group.name, to: body.name } } },
    });
    return oneGroup(tx, found.campaign, groupId);
  });
}

/**
 * Replaces a group's members: each one a user of the campaign's authority or an expert of its pool
 * (refused otherwise, naming the member's place in the list), each at most once, one of them the leader.
 */
export async function setGroupMembers(db: Db, actor: UserActor, groupId: string, body: GroupMembersBody) {
  return db.transaction(async (tx) => {
    const found = await groupFor(tx, actor.scope, groupId, { lock: true });
    refuseUnlessManager(actor, found.campaign, "调整工作组");
    const eligible = new Map((await inspectorsOf(tx, found.campaign.authorityCode)).map((one) => [`${one.kind}:${one.id}`, one]));
    const seen = new Set<string>();
    for (const [index, member] of body.members.entries()) {
      const key = `${member.kind}:${member.id}`;
      if (!eligible.has(key)) throw badRequest(`第 ${index + 1} 项的成员：须为检查工作所属部门的在职用户或其专家库中的在库专家`, `members.${index}.id`);
      if (seen.has(key)) throw badRequest(`第 ${index + 1} 项的成员：同一人不能重复加入`, `members.${index}.id`);
      seen.add(key);
    }
    await tx.delete(workingGroupMember).where(eq(workingGroupMember.groupId, groupId));
    if (body.members.length > 0) {
      await tx.insert(workingGroupMember).values(
        body.members.map((member) => ({
          groupId,
          userId: member.kind === "user" ? member.id : null,
          expertId: member.kind === "expert" ? member.id : null,
          role: member.role,
          isLeader: member.leader,
        })),
      );
    }
    const assigned = await tx.select({ id: campaignAssignment.institutionId }).from(campaignAssignment).where(eq(campaignAssignment.groupId, groupId));
    await refuseRecusedInstitutions(
      tx,
      found.group,
      assigned.map((one) => one.id),
      "members",
    );
    const nameOf = (member: { kind: string; id: string }) => eligible.get(`${member.kind}:${member.id}`)?.name ?? member.id;
    const leader = body.members.find((m) => m.leader);
    await writeAudit(tx, actor, {
      action: "group.members",
      target: { type: "working_group", id: groupId, path: found.campaign.authorityPath, name: found.group.name },
      detail: { name: found.group.name, campaign: found.campaign.name, members: body.members.map(nameOf), leader: leader ? nameOf(leader) : null },
    });
    return oneGroup(tx, found.campaign, groupId);
  });
}

export async function groupInstitutions(db: DbOrTx, scope: Scope, groupId: string, page: { page: number; pageSize: number }) {
  const found = await groupFor(db, scope, groupId);
  const where = and(eq(campaignAssignment.campaignId, found.campaign.id), eq(campaignAssignment.groupId, groupId));
  const [rows, [counted]] = await Promise.all([
    db
      .select({ id: institution.id, name: institution.name, jurisdictionName: jurisdiction.name, state: campaignAssignment.state })
      .from(campaignAssignment)
      .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
      .innerJoin(jurisdiction, eq(jurisdiction.code, institution.jurisdictionCode))
      .where(where)
      .orderBy(sql`${institution.name} collate "zh-x-icu"`, asc(institution.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(campaignAssignment).where(where),
  ]);
  return { items: rows, total: counted?.total ?? 0, page: page.page, pageSize: page.pageSize };
}

/** Assigns institutions of the campaign to one of its groups (or to none), in one statement. */
export async function assignGroup(db: Db, actor: UserActor, campaignId: string, body: AssignGroupBody) {
  return db.transaction(async (tx) => {
    const found = await campaignToChange(tx, actor, campaignId, "分配工作组");
    let groupName: string | null = null;
    if (body.groupId) {
      const [group] = await tx
        .select({ name: workingGroup.name })
        .from(workingGroup)
        .where(and(eq(workingGroup.id, body.groupId), eq(workingGroup.campaignId, found.id)));
      if (!group) throw badRequest("工作组：不是本检查工作的工作组", "groupId");
      groupName = group.name;
      await refuseRecusedInstitutions(tx, { id: body.groupId, name: group.name }, body.institutionIds, "institutionIds");
    }
    const ids = [...new Set(body.institutionIds)];
    const updated = await tx
      .update(campaignAssignment)
      .set({ groupId: body.groupId, updatedAt: new Date() })
      .where(and(eq(campaignAssignment.campaignId, found.id), inArray(campaignAssignment.institutionId, ids)))
      .returning({ id: campaignAssignment.institutionId });
    if (updated.length !== ids.length) throw badRequest(`机构：有 ${ids.length - updated.length} 家不在本检查工作中`, "institutionIds");
    await writeAudit(tx, actor, {
      action: "group.assign",
      target: { type: "campaign", id: found.id, path: found.authorityPath, name: found.name },
      detail: { name: groupName, campaign: found.name, institutions: ids.length },
    });
    return groupsOf(tx, found, await authorityNameOf(tx, found));
  });
}

/**
 * Deals the campaign's institutions not yet inspected (or only those without a group) over its groups
 * at random (domain/random-draw.ts spreadOverGroups), written in one statement; the seed is audited.
 */
export async function spreadGroups(db: Db, actor: UserActor, campaignId: string, body: SpreadGroupsBody) {
  const seed = body.seed || newSeed();
  return db.transaction(async (tx) => {
    const found = await campaignToChange(tx, actor, campaignId, "分配工作组");
    const groups = await tx.select().from(workingGroup).where(eq(workingGroup.campaignId, found.id)).orderBy(asc(workingGroup.ordinal));
    if (groups.length === 0) throw conflict("本检查工作还没有工作组，请先新建工作组");
    const rows = await tx
      .select({ id: campaignAssignment.institutionId })
      .from(campaignAssignment)
      .where(
        and(
          eq(campaignAssignment.campaignId, found.id),
          eq(campaignAssignment.state, "pending"),
          body.onlyUnassigned ? isNull(campaignAssignment.groupId) : undefined,
        ),
      );
    const recusals = await recusalsOf(
      tx,
      groups.map((group) => group.id),
    );
    const { placed, unplaced } = spreadOverGroups(
      rows.map((row) => row.id),
      groups.map((group) => ({ id: group.id, barred: new Set(recusals.get(group.id)?.keys()) })),
      seed,
    );
    // One every group must keep away from keeps no group (a dealt one of an earlier spread would break the recusal).
    const cleared = [...placed.entries(), ...unplaced.map((id) => [id, null] as const)];
    if (cleared.length > 0) {
      await tx.execute(sql`
        update ${campaignAssignment} set group_id = s.group_id, updated_at = now()
        from unnest(${sql.param(cleared.map(([id]) => id))}::uuid[], ${sql.param(cleared.map(([, group]) => group))}::uuid[]) as s(institution_id, group_id)
        where ${campaignAssignment.campaignId} = ${found.id} and ${campaignAssignment.institutionId} = s.institution_id`);
    }
    await writeAudit(tx, actor, {
      action: "group.spread",
      target: { type: "campaign", id: found.id, path: found.authorityPath, name: found.name },
      detail: {
        campaign: found.name,
        seed,
        algorithm: `${DRAW_ALGORITHM}/groups`,
        institutions: placed.size,
        unplaced: unplaced.length,
        groups: groups.map((g) => g.name),
      },
    });
    const { groups: after } = await groupsOf(tx, found, "");
    return { seed, assigned: placed.size, unplaced: unplaced.length, groups: after };
  });
}
