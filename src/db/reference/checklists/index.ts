import { ChecklistContent } from "../../../contracts/checklists";
import { checklistProblems } from "../../../domain/checklists";
import type { ShippedChecklist } from "./build";
import { HOSPITAL_SECURITY } from "./hospital-security";
import { SAFETY_SUPERVISION } from "./safety-supervision";
import { CHILDCARE_FIRE, HEALTH_PROMOTION_REVIEW, MEDICAL_PRACTICE, PUBLIC_PLACE_HYGIENE } from "./seed-004";

export type { ShippedChecklist } from "./build";

/**
 * The templates every authority is offered (issue 8), checked against the content schema and the
 * checklist rules as they load: a hand edit that breaks one stops the start.
 */
export const SHIPPED_CHECKLISTS: ShippedChecklist[] = [
  SAFETY_SUPERVISION,
  HOSPITAL_SECURITY,
  CHILDCARE_FIRE,
  PUBLIC_PLACE_HYGIENE,
  MEDICAL_PRACTICE,
  HEALTH_PROMOTION_REVIEW,
].map((shipped) => {
  const content = ChecklistContent.parse(shipped.content);
  const problems = checklistProblems(content);
  if (problems.length > 0) throw new Error(`shipped checklist ${shipped.shippedKey}: ${problems.map((p) => p.message).join("; ")}`);
  return { ...shipped, content };
});
