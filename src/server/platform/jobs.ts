import PgBoss from "pg-boss";
import { type Db, poolOf, SQLSTATE, sqlStateOf } from "./db";

/** A job's handler: given the data it was sent with; throwing fails the job (pg-boss keeps the error). */
export type JobHandler<Data> = (data: Data) => Promise<void>;

/**
 * The app's one background queue: pg-boss 10 in the app's own PostgreSQL database (schema
 * "pgboss"), over the app's connection pool. Areas register their workers and schedules when the
 * app is built; `start` (at server start, or at the first job sent) creates the queues and runs
 * them. Queues are shared by every server process on the database: a job runs once, in whichever
 * process fetches it, and a cron schedule fires once per slot however many processes run it.
 */
export interface JobQueue {
  /** Runs each job sent to `name` through `handler`, one at a time per process. */
  work<Data extends object>(name: string, handler: JobHandler<Data>): void;
  /** Sends a job to `name` on a cron schedule, in China time; `name` also needs a worker. */
  schedule(name: string, cron: string, data?: object): void;
  /** Queues a job; starts the queue first if nothing has yet. Answers the job's id. */
  send(name: string, data: object): Promise<string>;
  start(): Promise<void>;
  /** Lets running jobs finish (up to 30 s), then stops polling. */
  stop(): Promise<void>;
}

const CHINA = "Asia/Shanghai";

export function createJobQueue(db: Db, options: { pollingIntervalSeconds?: number } = {}): JobQueue {
  const pool = poolOf(db);
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) } });
  boss.on("error", (error) => console.error(`后台任务出错：${error.message}`));
  const workers = new Map<string, JobHandler<object>>();
  const schedules: { name: string; cron: string; data?: object }[] = [];
  let starting: Promise<void> | undefined;
  let stopped = false;

  /**
   * Two processes starting together both create each queue. pg-boss's create_queue attaches a
   * partition to its job table, and two of those at once can deadlock: PostgreSQL aborts one,
   * whose retry finds the queue the other made and does nothing.
   */
  async function createQueue(name: string, attempt = 1): Promise<void> {
    try {
      await boss.createQueue(name);
    } catch (error) {
      if (attempt >= 5 || sqlStateOf(error) !== SQLSTATE.deadlockDetected) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      await createQueue(name, attempt + 1);
    }
  }

  async function run() {
    await boss.start();
    for (const [name, handler] of workers) {
      await createQueue(name);
      await boss.work<object>(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    }
    for (const { name, cron, data } of schedules) await boss.schedule(name, cron, data ?? {}, { tz: CHINA });
  }

  return {
    work(name, handler) {
      if (starting) throw new Error(`worker ${name} registered after the job queue started`);
      workers.set(name, handler as JobHandler<object>);
    },
    schedule(name, cron, data) {
      if (starting) throw new Error(`schedule ${name} registered after the job queue started`);
      schedules.push({ name, cron, data });
    },
    async send(name, data) {
      await this.start();
      const id = await boss.send(name, data);
      if (!id) throw new Error(`the job queue refused a job for ${name}`);
      return id;
    },
    start() {
      if (stopped) return Promise.reject(new Error("the job queue has stopped"));
      starting ??= run();
      return starting;
    },
    async stop() {
      stopped = true;
      if (!starting) return;
      await starting.catch(() => {});
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
