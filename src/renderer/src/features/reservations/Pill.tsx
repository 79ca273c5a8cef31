// A small status label (icon + words) for previews, attendance and health needs: never colour alone, and
// contrasted enough to read at the desk.
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import classes from './Pill.module.css';

export type PillTone = 'green' | 'orange' | 'red' | 'redStrong' | 'blue' | 'grape' | 'teal' | 'gray';

export function Pill({
  tone,
  icon: IconComponent,
  children,
  title,
}: {
  tone: PillTone;
  icon?: Icon;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`${classes.pill} ${classes[tone]}`} title={title}>
      {IconComponent && <IconComponent size={14} aria-hidden style={{ flexShrink: 0 }} />}
      {children}
    </span>
  );
}
