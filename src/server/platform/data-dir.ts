/**
 * Where the embedded PostgreSQL keeps its data — one rule for `npm start`, `npm run seed`, the
 * Vitest cluster, the Playwright server and the bench (docs/adr/0006-embedded-postgres-runner.md).
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { blockingDirectory, modeOf, runsAsRoot, SYSTEM_DATA_ROOT } from "./embedded-postgres";

/** The folder holding package.json. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface DataDirChoice {
  /** Absolute folder for `startEmbeddedPostgres`. */
  dir: string;
  /** Set when the data went elsewhere than asked: one line (Chinese) for the caller to print. */
  notice?: string;
}

export interface DataDirRequest {
  /** DATA_DIR as the user set it; undefined when unset. Relative paths are taken from the working directory. */
  requested?: string;
  /** Defaults to this checkout. */
  projectRoot?: string;
  /** Subfolder of the default location for a separate cluster: "e2e", "bench", `test-<pid>`. */
  purpose?: string;
  /** Defaults to whether this process runs as root (then PostgreSQL runs as the postgres user). */
  asRoot?: boolean;
}

/**
 * - not root: DATA_DIR, or `<project>/data[/<purpose>]`;
 * - root: the same when the postgres user can enter every directory on the way; otherwise an unset
 *   DATA_DIR moves to `/var/lib/yian/<project folder>-<hash of its real path>[/<purpose>]` (one per
 *   clone, with a notice) and an explicit DATA_DIR is an error.
 */
export function chooseDataDir(request: DataDirRequest = {}): DataDirChoice {
  const asRoot = request.asRoot ?? runsAsRoot();
  const projectRoot = path.resolve(request.projectRoot ?? PROJECT_ROOT);
  const sub = request.purpose ? [request.purpose] : [];

  if (request.requested) {
    const dir = path.resolve(request.requested);
    const blocking = asRoot ? blockingDirectory(dir) : undefined;
    if (blocking) {
      throw new Error(
        `DATA_DIR=${request.requested}${dir === request.requested ? "" : `（${dir}）`} 不可用：以 root 运行时内嵌 PostgreSQL 以 postgres 用户运行，而 ${blocking} 的权限为 ${modeOf(blocking)}，postgres 用户无法进入。` +
          "请把 DATA_DIR 设为其他用户可进入的目录（例如 /var/lib 或 /srv 下的目录），或不设 DATA_DIR，由程序自行选择。",
      );
    }
    return { dir };
  }

  const dir = path.join(projectRoot, "data", ...sub);
  const blocking = asRoot ? blockingDirectory(dir) : undefined;
  if (!blocking) return { dir };

  const real = realpathSync(projectRoot);
  const hash = createHash("sha256").update(real).digest("hex").slice(0, 10);
  const relocated = path.join(SYSTEM_DATA_ROOT, `${path.basename(real)}-${hash}`, ...sub);
  return {
    dir: relocated,
    notice: `项目目录 ${projectRoot} 不允许 postgres 用户进入（${blocking} 的权限为 ${modeOf(blocking)}），内嵌数据库的数据改存于 ${relocated}`,
  };
}
