import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "../../config";
import { chooseDataDir } from "../data-dir";

/**
 * Where uploaded bytes live, each file once by its SHA-256. One small interface so that a shared
 * store (object storage, a network folder) can replace the disk when several servers run; who may
 * read a file is decided elsewhere (modules/files), never here.
 */
export interface FileStore {
  /** Keeps the bytes (once: the same bytes again are not written twice) and returns their SHA-256 in hex. */
  put(bytes: Buffer): Promise<string>;
  /** Keeps the thumbnail of the file with this SHA-256. */
  putThumbnail(sha256: string, bytes: Buffer): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** The stored bytes; fails when there are none. */
  get(sha256: string): Promise<Readable>;
  /** The stored thumbnail; fails when there is none. */
  thumbnail(sha256: string): Promise<Readable>;
  /** Removes the bytes and their thumbnail; bytes it does not hold are no error (a removal tried again). */
  remove(sha256: string): Promise<void>;
}

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The default store: `<root>/originals/ab/<sha256>` and `<root>/thumbnails/ab/<sha256>.jpg`
 * (a two-character fan-out keeps folders small). Each file is written to a temporary name and
 * renamed, so a crash or two uploads of the same bytes at once never leave half a file.
 */
export function diskFileStore(root: string): FileStore {
  const fileOf = (kind: "originals" | "thumbnails", sha256: string) => {
    // The hash is ours (sha256Of) or read from the database; anything else is a programming error, never a path.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, kind, sha256.slice(0, 2), kind === "thumbnails" ? `${sha256}.jpg` : sha256);
  };
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  async function write(file: string, bytes: Buffer) {
    if (await exists(file)) return;
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: "wx" });
      await rename(temporary, file);
    } finally {
      await rm(temporary, { force: true });
    }
  }
  const open = async (file: string) => {
    await access(file);
    return createReadStream(file);
  };
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      await write(fileOf("originals", sha256), bytes);
      return sha256;
    },
    putThumbnail: (sha256, bytes) => write(fileOf("thumbnails", sha256), bytes),
    has: (sha256) => exists(fileOf("originals", sha256)),
    get: (sha256) => open(fileOf("originals", sha256)),
    thumbnail: (sha256) => open(fileOf("thumbnails", sha256)),
    async remove(sha256) {
      await rm(fileOf("originals", sha256), { force: true });
      await rm(fileOf("thumbnails", sha256), { force: true });
    },
  };
}

/**
 * `<data directory>/files`: beside the embedded cluster (`<data directory>/pg`), chosen by the same
 * rule as DATA_DIR (platform/data-dir.ts), so one folder holds everything to back up. With an
 * external DATABASE_URL the folder is still the data directory, and only this process writes it.
 */
export function fileStoreRoot(config: Pick<Config, "DATA_DIR" | "DATABASE_URL">): string {
  const { dir } = chooseDataDir({ requested: config.DATA_DIR, ...(config.DATABASE_URL ? { asRoot: false } : {}) });
  return path.join(dir, "files");
}
