// Set-up mode (a new desk, no account with a password yet): the desk is open to anyone as administrator, until
// the first administrator account has its password. Shown above every screen, with the way to Comptes.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { paths } from '../../router';
import classes from './session.module.css';
import { useSession } from './SessionContext';
import { text } from './text';

export function SetupBanner() {
  const { setupMode } = useSession();
  if (!setupMode) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      py={8}
      icon={<IconAlertTriangle aria-hidden />}
      className={classes.setupBanner}
      role="region"
      aria-label={text.setup.banner}
      component="section"
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">
          <Text span fw={700}>
            {text.setup.banner}
          </Text>
          . {text.setup.hint}
        </Text>
        <Anchor href={paths.admin('comptes')} size="sm" fw={700} c="blue.9" underline="always" style={{ flexShrink: 0 }}>
          <Group gap={4} wrap="nowrap">
            {text.setup.link}
            <IconArrowRight size={16} aria-hidden />
          </Group>
        </Anchor>
      </Group>
    </Alert>
  );
}
