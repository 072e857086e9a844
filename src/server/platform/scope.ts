import { eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Where a jurisdiction sits in the tree, which decides the cheapest predicate that selects exactly
 * its subtree (docs/adr/0003-scope-in-every-query.md):
 * - "root": the province, the tree's only root: every row with a path lies under it;
 * - "leaf": a county (or a city-level unit without counties): rows sit only at leaves, so its
 *   subtree is its one path, and equality lets a (path, …) index hand over rows in order;
 * - "branch": anything between (a city): a prefix match on the path.
 */
export type TreePosition = "root" | "branch" | "leaf";

export interface JurisdictionScope {
  code: string;
  path: string;
  position: TreePosition;
}

/**
 * What part of the data a caller may touch. Every list and load takes one, so a query that
 * forgets the caller's scope does not compile.
 */
export type Scope = { kind: "all" } | ({ kind: "jurisdiction" } & JurisdictionScope) | { kind: "institution"; institutionId: string; path: string };

/** The two columns every scoped table carries: the jurisdiction path of the record and its institution. */
export interface ScopedColumns {
  path: AnyPgColumn;
  institutionId: AnyPgColumn;
}

/** Rows whose path lies under the jurisdiction, in the cheapest exact form; undefined means every row. */
export function underJurisdiction(jurisdiction: JurisdictionScope, path: AnyPgColumn): SQL | undefined {
  switch (jurisdiction.position) {
    case "root":
      // Rows without a path (system accounts) belong to no jurisdiction.
      return path.notNull ? undefined : isNotNull(path);
    case "leaf":
      return eq(path, jurisdiction.path);
    case "branch":
      return sql`${path} like ${`${jurisdiction.path}%`}`;
  }
}

/**
 * The one scope rule, for every scoped table: an authority sees the rows under its jurisdiction,
 * an institution's users see the rows of their institution, the system sees all. Undefined means
 * no restriction.
 */
export function inScope(scope: Scope, columns: ScopedColumns): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "jurisdiction":
      return underJurisdiction(scope, columns.path);
    case "institution":
      return eq(columns.institutionId, scope.institutionId);
  }
}

/** Whether a jurisdiction (by its path) lies in the scope; institution users own no jurisdiction. */
export function jurisdictionInScope(scope: Scope, path: string): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "jurisdiction") return path.startsWith(scope.path);
  return false;
}

/** The jurisdiction path a scope stands for (null for the whole system): where a record of its work belongs. */
export const scopePath = (scope: Scope): string | null => (scope.kind === "all" ? null : scope.path);
