/** Select options from one of the enumerations with Chinese labels in contracts/enums. */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The Chinese label of a stored key; an unknown key shows as is rather than as nothing. */
export const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? key;
