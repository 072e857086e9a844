import type { Config } from "./config";
import type { JurisdictionDirectory } from "./modules/jurisdictions/directory";
import type { Clock } from "./platform/clock";
import type { Db } from "./platform/db";
import type { FileStore } from "./platform/files/file-store";

/**
 * What the use cases depend on, passed as one object from the composition root (app.ts). A use
 * case names the part it needs (`Pick<AppDeps, "db" | "directory">`), so its dependencies stay visible.
 */
export interface AppDeps {
  db: Db;
  directory: JurisdictionDirectory;
  clock: Clock;
  config: Config;
  files: FileStore;
}
