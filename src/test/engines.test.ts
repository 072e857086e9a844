import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
}

/** `npm ci` warns EBADENGINE for every installed package whose `engines.node` excludes the running Node. */
test("every installed package accepts the running Node version", () => {
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockedPackage> };
  const refused: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    // Old packages wrote engines as an array of strings; npm ignores those, and so does this check.
    const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    // Optional packages for other platforms are in the lockfile but not installed.
    if (!range || !existsSync(path.join(root, location))) continue;
    if (!semver.satisfies(process.version, range, { includePrerelease: true })) refused.push(`${location || "(project)"}@${entry.version}: node ${range}`);
  }
  expect(refused, `these packages do not accept Node ${process.version}`).toEqual([]);
});
