// The count of requests waiting for a decision, in the header next to the sync state: a link to « Demandes ».
// Words and a number, never colour alone; hidden from roles that may not decide requests.
import { Badge, Text, UnstyledButton } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { paths } from '../../router';
import { useSession } from '../session/SessionContext';
import { useRequestCounts } from './queries';
import classes from './requests.module.css';
import { text } from './text';

export function RequestsHeaderLink({ active }: { active: boolean }) {
  const { may } = useSession();
  const allowed = may('requests.counts');
  const counts = useRequestCounts(allowed);
  if (!allowed || !counts.data) return null;
  const n = counts.data.total;
  return (
    <UnstyledButton
      component="a"
      href={paths.requests}
      aria-current={active ? 'page' : undefined}
      aria-label={text.header.label(n)}
      data-testid="requests-count"
      className={classes.headerLink}
    >
      <IconInbox size={20} aria-hidden />
      <Text span size="sm" fw={700}>
        {text.nav}
      </Text>
      <Badge size="md" circle={n < 10} variant={n > 0 ? 'filled' : 'outline'} color={n > 0 ? 'red.9' : 'gray.7'} aria-hidden>
        {n}
      </Badge>
    </UnstyledButton>
  );
}

/** The count next to « Demandes » in the navigation. */
export function RequestsNavCount() {
  const { may } = useSession();
  const counts = useRequestCounts(may('requests.counts'));
  const n = counts.data?.total ?? 0;
  if (n === 0) return null;
  return (
    <Badge size="sm" variant="filled" color="red.9" aria-label={text.header.count(n)}>
      {n}
    </Badge>
  );
}
