// Fills the ids a command creates, once, when the command is created (see CommandDef.newIds).
// Paths: `householdId` (a field of the root), `guardians[].guardianId` (a field of each element of an array),
// `guardian.guardianId` (a field of an object of the root).
// Only absent ids are filled: a caller may choose its ids (tests, the sync replay) and they are kept.

export function fillNewIds(args: unknown, paths: readonly string[], newId: () => string): unknown {
  if (!isRecord(args)) return args;
  const copy: Record<string, unknown> = { ...args };
  for (const path of paths) {
    const match = /^(\w+)\[\]\.(\w+)$/.exec(path);
    if (match) {
      const [, list, field] = match as unknown as [string, string, string];
      const items = copy[list];
      if (Array.isArray(items))
        copy[list] = items.map((item) => (isRecord(item) && item[field] == null ? { ...item, [field]: newId() } : item));
      continue;
    }
    const nested = /^(\w+)\.(\w+)$/.exec(path);
    if (nested) {
      // `guardian.guardianId`: a field of an object of the root.
      const [, key, field] = nested as unknown as [string, string, string];
      const item = copy[key];
      if (isRecord(item) && item[field] == null) copy[key] = { ...item, [field]: newId() };
    } else if (copy[path] == null) {
      copy[path] = newId();
    }
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
