// The small mark of something saved on this desk that the hub has not confirmed yet (« en attente de
// synchronisation »): an icon, with the words for the tooltip and for screen readers. Where the host element
// already carries an accessible name (a grid cell's aria-label), it adds `provisionalText` to it and shows the
// icon alone (`labelled={false}`).
import { IconCloudUpload } from '@tabler/icons-react';
import classes from './sync.module.css';
import { text } from './text';

export const provisionalText = text.provisional.mark;

export function ProvisionalMark({ size = 15, labelled = true }: { size?: number; labelled?: boolean }) {
  return (
    <span className={classes.provisional} title={provisionalText} data-provisional>
      <IconCloudUpload size={size} aria-hidden style={{ display: 'block' }} />
      {labelled && <span className={classes.visuallyHidden}>{provisionalText}</span>}
    </span>
  );
}
