// The user menu in the header: who is logged in and with which role; « Verrouiller » (the screen hides, the
// same password reopens it) and « Se déconnecter ». In set-up mode there is no one to name and nothing to lock.
import { Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLock, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { ROLE_LABEL } from '../../../../shared/permissions';
import { useSessionActions } from './actions';
import classes from './session.module.css';
import { useSession } from './SessionContext';
import { text } from './text';

export function UserMenu() {
  const t = text.menu;
  const { user, role, setupMode } = useSession();
  const { lock, logout } = useSessionActions();
  const name = user?.name ?? t.setupName;
  const roleLabel = role ? ROLE_LABEL[role] : '';
  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.userButton} aria-label={t.label(name, roleLabel)} data-testid="user-menu">
          <IconUserCircle size={22} aria-hidden />
          <span className={classes.userText}>
            <Text span fw={700} size="sm" lh={1.2} className={classes.userLine}>
              {name}
            </Text>
            <Text span size="xs" lh={1.2} className={classes.userLine}>
              {roleLabel}
            </Text>
          </span>
          <IconChevronDown size={16} aria-hidden />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {setupMode || !user ? (
          <Menu.Label>{t.setupNote}</Menu.Label>
        ) : (
          <>
            <Menu.Label>{user.login}</Menu.Label>
            <Menu.Item leftSection={<IconLock size={18} aria-hidden />} onClick={() => lock.mutate()}>
              <Text size="sm">{t.lock}</Text>
              <Text size="xs" c="dimmed">
                {t.lockHint}
              </Text>
            </Menu.Item>
            <Menu.Item leftSection={<IconLogout size={18} aria-hidden />} onClick={() => logout.mutate()}>
              {t.logout}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
