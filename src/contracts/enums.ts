/**
 * Enumerations shared by server and web, each value with the Chinese label the UI shows. The rules
 * that depend on them live in domain/, which owns them; this module re-exports them for the API.
 */
export {
  INSTITUTION_GRADES,
  INSTITUTION_STATUSES,
  type InstitutionGrade,
  type InstitutionStatus,
  OWNERSHIPS,
  type Ownership,
} from "../domain/institution-grades";
export {
  INSTITUTION_TYPE_CATALOGUE,
  INSTITUTION_TYPE_GROUPS,
  INSTITUTION_TYPES,
  type InstitutionType,
  type InstitutionTypeGroup,
} from "../domain/institution-types";
export { AUTHORITY_ROLES, INSTITUTION_ROLES, JURISDICTION_LEVELS, type JurisdictionLevel, ROLES, type Role } from "../domain/roles";

export const keysOf = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];
