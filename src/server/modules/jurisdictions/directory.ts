import type { JurisdictionNode } from "../../../contracts/jurisdictions";
import { HENAN_JURISDICTIONS, type JurisdictionRecord, jurisdictionPaths } from "../../../db/reference/load";
import { jurisdictionInScope, type Scope } from "../../platform/access";

export interface Jurisdiction extends JurisdictionRecord {
  path: string;
  isLeaf: boolean;
}

/**
 * The jurisdiction tree in memory. It is reference data, upserted from the same JSON at every
 * start, so lookups on the hot path (list filters, names in lists) cost no query.
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

  /** Whether every jurisdiction lies under `code`: the province, the tree's only root. */
  coversAll(code: string): boolean {
    return this.rootCodes.length === 1 && this.rootCodes[0] === code;
  }

  get(code: string): Jurisdiction | undefined {
    return this.byCode.get(code);
  }

  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** Province down to the jurisdiction itself. */
  trail(code: string): Jurisdiction[] {
    const trail: Jurisdiction[] = [];
    for (let j = this.byCode.get(code); j; j = j.parentCode ? this.byCode.get(j.parentCode) : undefined) trail.unshift(j);
    return trail;
  }

  /** All leaves (counties, and city-level units without counties) under `code`, itself included. */
  leavesUnder(code: string): Jurisdiction[] {
    const root = this.byCode.get(code);
    if (!root) return [];
    return [...this.byCode.values()].filter((j) => j.isLeaf && j.path.startsWith(root.path));
  }

  /** The part of the tree the scope can see, as nested nodes. */
  treeFor(scope: Scope): JurisdictionNode[] {
    const build = (j: Jurisdiction): JurisdictionNode => ({
      code: j.code,
      name: j.name,
      level: j.level,
      codeKind: j.codeKind,
      authorityName: j.authorityName,
      children: (this.childrenOf.get(j.code) ?? []).map(build),
    });
    if (scope.kind === "institution") return [];
    const roots = scope.kind === "all" ? [...this.byCode.values()].filter((j) => !j.parentCode) : [this.byCode.get(scope.code)].filter((j) => j !== undefined);
    return roots.filter((j) => jurisdictionInScope(scope, j.path)).map(build);
  }
}
