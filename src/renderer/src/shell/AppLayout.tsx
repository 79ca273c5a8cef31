// The desk's frame: header (app name, the search field always at hand, the sync state, the user menu),
// navigation (with the administrators' section), the set-up banner, and the current screen.
// Ctrl+K / Cmd+K reaches the family search from anywhere, even from inside a form field.
import { AppShell, Box, Group, Kbd, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import {
  IconCalendarEvent,
  IconInbox,
  IconListCheck,
  IconRefresh,
  IconSearch,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AdminNav } from '../features/admin/AdminNav';
import { BillingNav } from '../features/billing/BillingNav';
import { text } from '../features/families/labels';
import { SetupBanner } from '../features/session/SetupBanner';
import { UserMenu } from '../features/session/UserMenu';
import { SyncStatusLink } from '../features/sync/SyncStatusLink';
import { RequestsHeaderLink, RequestsNavCount } from '../features/requests/RequestsHeaderLink';
import { text as requestsText } from '../features/requests/text';
import { text as syncText } from '../features/sync/text';
import { paths, type Route } from '../router';
import classes from './AppLayout.module.css';
import { focusInlineSearch } from './searchFocus';
import { SearchSpotlight } from './SearchSpotlight';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const [searchOpened, search] = useDisclosure(false);
  const openSearch = () => {
    if (!focusInlineSearch()) search.open();
  };
  // No ignored tags: the shortcut must work while typing in a form.
  useHotkeys([['mod+K', openSearch]], []);

  const familiesActive = route.name === 'home' || route.name === 'family';
  const householdId = route.name === 'family' || route.name === 'reservations' ? route.householdId : null;
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 210, breakpoint: 'xs' }} padding="md">
      <a
        href="#main"
        className={classes.skipLink}
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Aller au contenu
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" gap="xl" wrap="nowrap">
          <Text component="a" href={paths.home} className={classes.brand}>
            {text.appName}
          </Text>
          <UnstyledButton
            className={classes.searchTrigger}
            onClick={openSearch}
            aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
            aria-label={`${text.search.label} (${isMac ? '⌘ K' : 'Ctrl + K'})`}
          >
            <Group gap="sm" wrap="nowrap">
              <IconSearch size={18} aria-hidden />
              <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                {text.search.trigger}
              </Text>
              <Group gap={4} wrap="nowrap" aria-hidden>
                <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd>
                <Kbd size="xs">K</Kbd>
              </Group>
            </Group>
          </UnstyledButton>
          <SyncStatusLink active={route.name === 'sync'} />
          <RequestsHeaderLink active={route.name === 'requests'} />
          <UserMenu />
        </Group>
      </AppShell.Header>
      {/* Scrolls when the sections (billing, administration) are taller than the window. */}
      <AppShell.Navbar p="xs" aria-label={text.nav.main} component="nav" style={{ overflowY: 'auto' }}>
        <NavLink
          href={paths.home}
          label={text.nav.families}
          leftSection={<IconUsers size={18} aria-hidden />}
          active={familiesActive}
          aria-current={familiesActive ? 'page' : undefined}
          fw={600}
        />
        <NavLink
          href={paths.newFamily}
          label={text.nav.newFamily}
          active={route.name === 'newFamily'}
          aria-current={route.name === 'newFamily' ? 'page' : undefined}
          pl="xl"
        />
        <NavLink
          // A household's grid: the current family's, or the search first.
          href={householdId ? paths.reservations(householdId) : undefined}
          component={householdId ? 'a' : 'button'}
          onClick={householdId ? undefined : openSearch}
          label="Réservations"
          description={householdId ? undefined : 'Choisir une famille'}
          leftSection={<IconCalendarEvent size={18} aria-hidden />}
          active={route.name === 'reservations'}
          aria-current={route.name === 'reservations' ? 'page' : undefined}
          fw={600}
        />
        <NavLink
          href={paths.requests}
          label={requestsText.nav}
          leftSection={<IconInbox size={18} aria-hidden />}
          rightSection={<RequestsNavCount />}
          active={route.name === 'requests'}
          aria-current={route.name === 'requests' ? 'page' : undefined}
          fw={600}
        />
        <NavLink
          href={paths.attendance}
          label="Pointage"
          leftSection={<IconListCheck size={18} aria-hidden />}
          active={route.name === 'attendance'}
          aria-current={route.name === 'attendance' ? 'page' : undefined}
          fw={600}
        />
        <NavLink
          href={paths.activities}
          label="Activités"
          leftSection={<IconSettings size={18} aria-hidden />}
          active={route.name === 'activities'}
          aria-current={route.name === 'activities' ? 'page' : undefined}
          fw={600}
        />
        <NavLink
          href={paths.sync}
          label={syncText.nav}
          leftSection={<IconRefresh size={18} aria-hidden />}
          active={route.name === 'sync'}
          aria-current={route.name === 'sync' ? 'page' : undefined}
          fw={600}
        />
        <BillingNav route={route} />
        <AdminNav route={route} />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <Box id="main" tabIndex={-1} className={classes.content}>
          <SetupBanner />
          {children}
        </Box>
      </AppShell.Main>
      <SearchSpotlight opened={searchOpened} onClose={search.close} />
    </AppShell>
  );
}
