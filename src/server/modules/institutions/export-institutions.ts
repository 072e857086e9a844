import type { z } from "zod";
import type { institutionRoutes } from "../../../contracts/institutions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { FileReply } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { institutionExportColumns } from "./excel-columns";
import { institutionBatches, institutionListCondition } from "./queries";

type ExportQuery = z.output<(typeof institutionRoutes.export)["query"]>;

/**
 * The caller's filtered institution list as .xlsx, in the list's order: the same condition as the
 * list endpoint, so an export never holds more than the caller can see.
 */
export function exportInstitutions({ db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">, actor: UserActor, query: ExportQuery): FileReply {
  return exportList(db, actor, {
    action: "institution.export",
    targetType: "institution",
    filters: query,
    fileName: `机构名录-${clock.today()}.xlsx`,
    sheetName: "机构",
    columns: institutionExportColumns(directory),
    batches: institutionBatches(db, institutionListCondition(directory, actor.scope, query), query),
  });
}
