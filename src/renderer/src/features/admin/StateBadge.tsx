// A state in a table (Valide, Erreur, Actif…): the word in dark text on a light tint, with its icon in the
// state's colour, so that the state never rests on colour alone and the text keeps a 4.5:1 contrast.
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleMinus, IconCircleX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

const tones = {
  ok: { color: 'green', Icon: IconCircleCheck },
  error: { color: 'red', Icon: IconCircleX },
  warning: { color: 'orange', Icon: IconAlertTriangle },
  neutral: { color: 'gray', Icon: IconCircleMinus },
} as const;

export function StateBadge({ tone, children, tabIndex }: { tone: keyof typeof tones; children: ReactNode; tabIndex?: number }) {
  const { color, Icon } = tones[tone];
  return (
    <Badge
      color={color}
      c="dark.8"
      variant="light"
      tabIndex={tabIndex}
      leftSection={<Icon size={14} color={`var(--mantine-color-${color}-9)`} aria-hidden />}
    >
      {children}
    </Badge>
  );
}
