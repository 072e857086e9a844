import { describe, expect, it } from "vitest";
import { setUpTestApp } from "../../test/harness";
import { createJobQueue } from "./jobs";

const ctx = setUpTestApp();

describe("the job queue", () => {
  it("starts in several processes at once on one database, each creating the same new queues, and runs every job sent once", async () => {
    const names = Array.from({ length: 6 }, (_, index) => `start-together-${index}`);
    const processes = Array.from({ length: 4 }, () => createJobQueue(ctx.db, { pollingIntervalSeconds: 0.5 }));
    const ran: string[] = [];
    for (const jobs of processes) {
      for (const name of names) jobs.work<{ tag: string }>(name, async ({ tag }) => void ran.push(tag));
    }
    try {
      await Promise.all(processes.map((jobs) => jobs.start()));
      await Promise.all(names.map((name, index) => processes[index % processes.length]?.send(name, { tag: name })));
      await expect.poll(() => ran.length, { timeout: 20_000 }).toBe(names.length);
      expect(ran.toSorted()).toEqual(names.toSorted());
    } finally {
      await Promise.all(processes.map((jobs) => jobs.stop()));
    }
  });
});
