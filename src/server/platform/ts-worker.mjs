// The entry of the app's worker threads (piscina loads it and calls its default export per task).
// The server's TypeScript runs under tsx (npm start, the dev command, the e2e server) or Vitest,
// but Node 20 hands neither's module hooks to a worker thread, which would refuse a .ts file: the
// worker registers tsx itself, then loads the TypeScript module its pool names in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const task = await import(workerData.module);

export default task.default;
