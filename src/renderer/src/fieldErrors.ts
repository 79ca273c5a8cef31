// Shows a command's `fieldErrors` (`guardians.1.homePhone` → message) in a Mantine form: each error goes to the
// field with that path (looked up under `root`, the <form>, as Mantine marks inputs with `data-path`); the ones
// no field on screen can show are returned, for an alert above the form.
import type { UseFormReturnType } from '@mantine/form';

export function showFieldErrors<V>(
  form: UseFormReturnType<V, any>,
  fieldErrors: Record<string, string>,
  root: HTMLElement | null,
): string[] {
  form.setErrors(fieldErrors);
  const shown: HTMLElement[] = [];
  const orphans: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const node = (root ?? document).querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    if (node) shown.push(node);
    else orphans.push(message);
  }
  // Take the agent to the first field to fix, in reading order.
  shown.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const first = shown[0];
  if (first) {
    const focusable = first.matches('input, select, textarea, button')
      ? first
      : first.querySelector<HTMLElement>('input, select, textarea, button');
    (focusable ?? first).focus();
    first.scrollIntoView({ block: 'center' });
  }
  return orphans;
}
