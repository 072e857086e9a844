import { sql } from "drizzle-orm";
import { DEFAULT_HAZARD_SETTINGS } from "../../../domain/hazard-listing";
import type { Db } from "../../platform/db";

/** How many hazards a digest lists by name; the counts cover them all. */
export const DIGEST_ITEMS = 20;

/**
 * The daily reminder (issue #7 "Reminders"): every open hazard past its deadline or due within
 * the supervising authority's `dueSoonDays`, gathered into one message per user and day — for the
 * users of the institution that must fix it and the inspectors of the authority it sits under
 * (the institution's own jurisdiction). Set-based: one statement for the whole province.
 *
 * A user's digest of a day is keyed (user, kind, day), so a second run that day — another server
 * process, a retried job — delivers nothing twice. Answers how many digests were delivered.
 */
export async function deliverHazardDigests(db: Db, day: string): Promise<number> {
  const result = await db.execute(sql`
    with due as (
      select h.id, h.number, h.institution_id, i.name as institution_name, i.jurisdiction_code, h.deadline, h.deadline < ${day}::date as overdue
      from hazard h
      join institution i on i.id = h.institution_id
      left join authority_setting s on s.authority_code = i.jurisdiction_code
      where h.state in ('pending', 'rectifying')
        and h.deadline is not null
        and h.deadline <= ${day}::date + coalesce(s.due_soon_days, ${DEFAULT_HAZARD_SETTINGS.dueSoonDays})::int
    ),
    addressed as (
      select u.id as user_id, due.* from due join app_user u
        on u.institution_id = due.institution_id and u.active and u.role in ('institution_admin', 'institution_staff')
      union all
      select u.id as user_id, due.* from due join app_user u
        on u.jurisdiction_code = due.jurisdiction_code and u.active and u.role = 'authority_inspector'
    ),
    ranked as (
      select addressed.*, row_number() over (partition by user_id order by overdue desc, deadline, number) as rank from addressed
    ),
    digest as (
      select user_id,
        count(*) filter (where overdue) as overdue,
        count(*) filter (where not overdue) as due_soon,
        jsonb_agg(
          jsonb_build_object('hazardId', id, 'number', number, 'institutionName', institution_name, 'deadline', deadline, 'overdue', overdue)
          order by rank
        ) filter (where rank <= ${DIGEST_ITEMS}) as items
      from ranked group by user_id
    )
    insert into notification (user_id, kind, day, title, body)
    select user_id, 'hazard_digest', ${day}::date,
      '隐患提醒：' || concat_ws('，', case when overdue > 0 then overdue || ' 项已逾期' end, case when due_soon > 0 then due_soon || ' 项即将到期' end),
      jsonb_build_object('overdue', overdue, 'dueSoon', due_soon, 'items', items)
    from digest
    on conflict (user_id, kind, day) do nothing
  `);
  return result.rowCount ?? 0;
}
