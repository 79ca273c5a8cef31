// The sync state in the header, always visible: « En ligne », « Hors ligne depuis 10:42 », « Synchronisation… »,
// « 3 modifications en attente », « Poste révoqué », « Poste autonome » — an icon and words, never colour alone.
// A link to the sync panel. State changes (not the clock) are announced politely to screen readers.
import { Box, Text, UnstyledButton } from '@mantine/core';
import { paths } from '../../router';
import { useDeskInfo, useSyncRefresh, useSyncStatus } from './queries';
import { statusView } from './statusView';
import classes from './sync.module.css';
import { text } from './text';

export function SyncStatusLink({ active }: { active: boolean }) {
  const info = useDeskInfo();
  const status = useSyncStatus();
  useSyncRefresh(status.data);
  const view = statusView(info.data, status.data);
  const unreachable = status.isError || info.isError;
  const Icon = view.icon;
  return (
    <>
      <UnstyledButton
        component="a"
        href={paths.sync}
        className={classes.headerStatus}
        data-kind={view.kind}
        aria-current={active ? 'page' : undefined}
        title={text.header.open}
      >
        <Icon
          size={22}
          aria-hidden
          className={view.kind === 'initial' ? classes.spin : undefined}
          color={`var(--mantine-color-${view.color.replace('.', '-')})`}
        />
        <span className={classes.headerText}>
          <Text span fw={700} size="sm" lh={1.2} className={classes.headerLine}>
            {unreachable ? text.header.unreachable : view.label}
          </Text>
          {view.detail && !unreachable && (
            <Text span size="xs" lh={1.2} className={classes.headerLine} data-testid="sync-detail">
              {view.detail}
            </Text>
          )}
        </span>
      </UnstyledButton>
      <Box role="status" className={classes.visuallyHidden}>
        {view.announce}
      </Box>
    </>
  );
}
