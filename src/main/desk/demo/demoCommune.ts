// Placeholder: the demo commune generator (being written).
import type { DeskCore } from '../core';
export function seedDemoCommune(_core: DeskCore, _options: { families?: number; seed?: number }) {
  return { households: 0, children: 0 };
}
