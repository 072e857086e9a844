import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { chooseDataDir } from "./data-dir";
import { runsAsRoot, SYSTEM_DATA_ROOT, startEmbeddedPostgres } from "./embedded-postgres";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const made: string[] = [];
/** A pretend project root as `mktemp -d` makes it: mode 700. */
function privateFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "yian-private-"));
  chmodSync(dir, 0o700);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe("chooseDataDir", () => {
  test("an explicit DATA_DIR the postgres user cannot enter is refused, in Chinese, naming the path and the blocking folder", () => {
    const project = privateFolder();
    const requested = path.join(project, "db");
    expect(() => chooseDataDir({ requested, projectRoot: project, asRoot: true })).toThrow(
      new RegExp(`DATA_DIR=${requested}.*${project} 的权限为 700.*其他用户可进入的目录.*不设 DATA_DIR`),
    );
  });

  test("not root: DATA_DIR as given, or <project>/data[/<purpose>]", () => {
    const project = privateFolder();
    expect(chooseDataDir({ requested: path.join(project, "db"), projectRoot: project, asRoot: false })).toEqual({ dir: path.join(project, "db") });
    expect(chooseDataDir({ projectRoot: project, purpose: "e2e", asRoot: false })).toEqual({ dir: path.join(project, "data", "e2e") });
  });

  test("root: a reachable project keeps its data in <project>/data", () => {
    const project = privateFolder();
    chmodSync(project, 0o755);
    expect(chooseDataDir({ projectRoot: project, asRoot: true })).toEqual({ dir: path.join(project, "data") });
    expect(chooseDataDir({ projectRoot: project, purpose: "bench", asRoot: true })).toEqual({ dir: path.join(project, "data", "bench") });
  });

  test("root: an unreachable project gets a folder of its own under /var/lib/yian, with a notice", () => {
    const parent = privateFolder();
    const first = path.join(parent, "yian");
    const second = path.join(parent, "other", "yian");
    mkdirSync(first, { recursive: true });
    mkdirSync(second, { recursive: true });
    const a = chooseDataDir({ projectRoot: first, asRoot: true });
    const b = chooseDataDir({ projectRoot: second, asRoot: true });
    expect(a.dir).toMatch(/^\/var\/lib\/yian\/yian-[0-9a-f]{10}$/);
    expect(b.dir).toMatch(/^\/var\/lib\/yian\/yian-[0-9a-f]{10}$/);
    expect(a.dir).not.toBe(b.dir);
    expect(chooseDataDir({ projectRoot: first, asRoot: true })).toEqual(a);
    expect(chooseDataDir({ projectRoot: first, purpose: "e2e", asRoot: true }).dir).toBe(path.join(a.dir, "e2e"));
    expect(a.notice).toBe(`项目目录 ${first} 不允许 postgres 用户进入（${parent} 的权限为 700），内嵌数据库的数据改存于 ${a.dir}`);
  });
});

test("the embedded cluster starts from a project in a mode-700 folder", async () => {
  const project = path.join(privateFolder(), "yian");
  mkdirSync(project);
  const { dir } = chooseDataDir({ projectRoot: project, purpose: "runner-test" });
  if (runsAsRoot()) {
    expect(path.relative(realpathSync(path.dirname(project)), dir).startsWith("..")).toBe(true);
    expect(dir.startsWith(`${SYSTEM_DATA_ROOT}/yian-`)).toBe(true);
  }

  const cluster = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  try {
    const client = new pg.Client({ connectionString: cluster.connectionString("postgres") });
    await client.connect();
    try {
      const { rows } = await client.query("select 1 as one, datctype as ctype from pg_database where datname = current_database()");
      expect(rows).toEqual([{ one: 1, ctype: "C.UTF-8" }]);
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
    // Under root the throwaway project's folder is /var/lib/yian/yian-<hash>: remove it whole.
    rmSync(runsAsRoot() ? path.dirname(dir) : dir, { recursive: true, force: true });
  }
  expect(() => process.kill(cluster.pid, 0)).toThrow();
}, 120_000);
