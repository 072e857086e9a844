import type { JurisdictionNode, JurisdictionRecord } from "../../../contracts/jurisdictions";
import { HENAN_JURISDICTIONS, jurisdictionPaths } from "../../../db/reference/load";
import { type JurisdictionScope, jurisdictionInScope, type Scope } from "../../platform/scope";

export interface Jurisdiction extends JurisdictionRecord {
  path: string;
  isLeaf: boolean;
}

/**
 * The jurisdiction tree in memory. It is reference data, upserted from the same JSON at every
 * start, so lookups on the hot path (scopes, list filters, names in lists) cost no query.
 */
export class JurisdictionDirectory {
  private readonly byCode: Map<string, Jurisdiction>;
  private readonly childrenOf = new Map<string, Jurisdiction[]>();
  private readonly rootCodes: string[];

  constructor(records: JurisdictionRecord[] = HENAN_JURISDICTIONS) {
    const paths = jurisdictionPaths(records);
    const parents = new Set(records.map((r) => r.parentCode));
    this.byCode = new Map(records.map((r) => [r.code, { ...r, path: paths.get(r.code) as string, isLeaf: !parents.has(r.code) }]));
    for (const j of this.byCode.values()) {
      if (!j.parentCode) continue;
      const siblings = this.childrenOf.get(j.parentCode) ?? [];
      siblings.push(j);
      this.childrenOf.set(j.parentCode, siblings);
    }
    this.rootCodes = records.filter((r) => !r.parentCode).map((r) => r.code);
  }

  get(code: string): Jurisdiction | undefined {
    return this.byCode.get(code);
  }

  /** The tree's root when it has exactly one (the province). */
  rootCode(): string | undefined {
    return this.rootCodes.length === 1 ? this.rootCodes[0] : undefined;
  }

  /** The first jurisdiction with exactly this name, if any. */
  findByName(name: string): Jurisdiction | undefined {
    for (const j of this.byCode.values()) if (j.name === name) return j;
    return undefined;
  }

  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** The jurisdiction as a scope: its path and where it sits, which decides the predicate (platform/scope.ts). */
  positionOf = (code: string): JurisdictionScope | undefined => {
    const j = this.byCode.get(code);
    if (!j) return undefined;
    // The only root holds every row; with several roots a root is an ordinary branch.
    const position = this.rootCodes.length === 1 && this.rootCodes[0] === code ? "root" : j.isLeaf ? "leaf" : "branch";
    return { code: j.code, path: j.path, position };
  };

  /** Province down to the jurisdiction itself. */
  trail(code: string): Jurisdiction[] {
    const trail: Jurisdiction[] = [];
    for (let j = this.byCode.get(code); j; j = j.parentCode ? this.byCode.get(j.parentCode) : undefined) trail.unshift(j);
    return trail;
  }

  /** The city-level unit a jurisdiction belongs to (itself for a city); undefined for the province. */
  cityOf(code: string): Jurisdiction | undefined {
    return this.trail(code).find((j) => j.level === "city");
  }

  /** The jurisdictions directly under `code`. */
  children(code: string): Jurisdiction[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** All leaves (counties, and city-level units without counties) under `code`, itself included. */
  leavesUnder(code: string): Jurisdiction[] {
    const root = this.byCode.get(code);
    if (!root) return [];
    return [...this.byCode.values()].filter((j) => j.isLeaf && j.path.startsWith(root.path));
  }

  /** The leaves a scope may place institutions in; none for an institution's own users. */
  leavesIn(scope: Scope): Jurisdiction[] {
    if (scope.kind === "institution") return [];
    return [...this.byCode.values()].filter((j) => j.isLeaf && jurisdictionInScope(scope, j.path));
  }

  /** The part of the tree the scope can see, as nested nodes. */
  treeFor(scope: Scope): JurisdictionNode[] {
    const build = (j: Jurisdiction): JurisdictionNode => ({
      code: j.code,
      name: j.name,
      level: j.level,
      codeKind: j.codeKind,
      authorityName: j.authorityName,
      children: this.children(j.code).map(build),
    });
    if (scope.kind === "institution") return [];
    const roots = scope.kind === "all" ? this.rootCodes.map((code) => this.byCode.get(code)) : [this.byCode.get(scope.code)];
    return roots.filter((j): j is Jurisdiction => j !== undefined).map(build);
  }
}
