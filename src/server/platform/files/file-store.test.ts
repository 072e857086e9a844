import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { diskFileStore, fileStoreRoot, sha256Of } from "./file-store";

const root = await mkdtemp(path.join(tmpdir(), "yian-files-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the disk file store", () => {
  const store = diskFileStore(root);

  it("keeps the same bytes once, under their SHA-256, and gives them back", async () => {
    const bytes = Buffer.from("整改后照片的内容");
    const first = await store.put(bytes);
    const again = await Promise.all([store.put(Buffer.from(bytes)), store.put(Buffer.from(bytes))]);
    expect(first).toBe(sha256Of(bytes));
    expect(again).toEqual([first, first]);
    expect(await readdir(path.join(root, "originals", first.slice(0, 2)))).toEqual([first]);
    expect(await store.has(first)).toBe(true);
    expect(await buffer(await store.get(first))).toEqual(bytes);
  });

  it("keeps a thumbnail beside the original, and fails for one it never got", async () => {
    const sha256 = await store.put(Buffer.from("原图"));
    await expect(store.thumbnail(sha256)).rejects.toThrow();
    await store.putThumbnail(sha256, Buffer.from("缩略图"));
    expect((await buffer(await store.thumbnail(sha256))).toString()).toBe("缩略图");
  });

  it("removes the bytes and their thumbnail, and takes a second removal calmly", async () => {
    const sha256 = await store.put(Buffer.from("无人使用的照片"));
    await store.putThumbnail(sha256, Buffer.from("它的缩略图"));
    await store.remove(sha256);
    expect(await store.has(sha256)).toBe(false);
    await expect(store.thumbnail(sha256)).rejects.toThrow();
    await expect(store.remove(sha256)).resolves.toBeUndefined();
  });

  it("answers has() false for bytes it does not hold, and never takes a path for a hash", async () => {
    expect(await store.has("0".repeat(64))).toBe(false);
    expect(() => store.get("../../etc/passwd")).toThrow(/not a SHA-256/);
  });

  it("lives in the data directory beside the embedded cluster", () => {
    expect(fileStoreRoot({ DATA_DIR: "/srv/yian", DATABASE_URL: "postgres://db.example/yian" })).toBe("/srv/yian/files");
  });
});
