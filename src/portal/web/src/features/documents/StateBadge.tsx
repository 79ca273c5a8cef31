// A state said in words, with an icon and a colour that only repeat it (RGAA: no information by colour alone).
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconCircleX, IconBan } from '@tabler/icons-react';
import { statusText } from '../../theme';

const icons = {
  green: IconCircleCheck,
  blue: IconClockHour4,
  red: IconCircleX,
  orange: IconAlertTriangle,
  gray: IconBan,
} as const;

export function StateBadge({ label, color }: { label: string; color: keyof typeof statusText }) {
  const Icon = icons[color as keyof typeof icons] ?? IconClockHour4;
  return (
    <Badge
      variant="light"
      color={color}
      size="lg"
      radius="sm"
      leftSection={<Icon size={14} aria-hidden />}
      styles={{ label: { color: statusText[color], whiteSpace: 'normal', height: 'auto' }, root: { height: 'auto', paddingBlock: 4 } }}
    >
      {label}
    </Badge>
  );
}
