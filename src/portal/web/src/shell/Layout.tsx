// The frames of the pages. Signed in: a banner (commune, household, logout), the main menu (a drawer behind
// a button on phones, a side bar from tablets up), the page, and a footer with the commune's contact details
// and the accessibility statement. The banner shows the commune's logo when the régie has one.
// Before login: the banner, the page and the same footer. Both start with a skip link to the content.
import { Alert, AppShell, Box, Burger, Button, Divider, Group, NativeSelect, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery, useReducedMotion } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarEvent,
  IconClipboardList,
  IconClockHour4,
  IconFileText,
  IconFolder,
  IconHome,
  IconLogout,
  IconReceiptEuro,
  IconSchool,
  IconUserCircle,
} from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { api } from '../api';
import { Link } from '../components/Page';
import { paths, type Route } from '../paths';
import { queryClient, sessionKey } from '../queryClient';
import { followLink, navigate } from '../router';
import { CommuneContact } from '../features/contact-commune/CommuneContact';
import { useCommuneInfo } from '../features/contact-commune/communeInfo';
import { useCommune, useSpace } from '../session';
import classes from './Layout.module.css';

const MAIN_ID = 'contenu';

function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className={classes.skipLink}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      Aller au contenu
    </a>
  );
}

function Brand({ commune }: { commune: string }) {
  // The commune's logo (régie settings), on a white tile so that any logo reads on the blue banner; the name
  // beside it says the same, so the image is decorative.
  const logo = useCommuneInfo().data?.logo;
  return (
    <a href={paths.dashboard} onClick={followLink} className={classes.brand}>
      {logo && <img src={logo} alt="" className={classes.brandLogo} />}
      <span className={classes.brandText}>
        <span className={classes.brandTitle}>Espace famille</span>
        {commune && <span className={classes.brandCommune}>{commune}</span>}
      </span>
    </a>
  );
}

function Footer({ commune }: { commune: string }) {
  return (
    <footer className={classes.footer}>
      <Stack gap="md">
        <CommuneContact />
        <Group gap="lg" justify="space-between">
          <Text size="sm">{commune ? `${commune} — services à l’enfance` : 'Services à l’enfance'}</Text>
          <Link to={paths.accessibility} size="sm">
            Accessibilité : partiellement conforme
          </Link>
        </Group>
      </Stack>
    </footer>
  );
}

export async function logout(): Promise<void> {
  await api('POST', '/api/parent/logout').catch(() => undefined);
  queryClient.clear();
  queryClient.setQueryData(sessionKey, null);
  navigate(paths.login, { replace: true });
  notifications.show({ message: 'Vous êtes déconnecté(e). À bientôt !', color: 'blue' });
}

const menu = [
  { route: 'dashboard', to: paths.dashboard, label: 'Tableau de bord', icon: IconHome },
  { route: 'reservations', to: paths.reservations, label: 'Réservations', icon: IconCalendarEvent },
  { route: 'activities', to: paths.activities, label: 'Activités', icon: IconSchool },
  { route: 'enrolment', to: paths.enrolment, label: 'Inscriptions', icon: IconClipboardList },
  { route: 'yearlyFile', to: paths.yearlyFile, label: 'Dossier annuel', icon: IconFolder },
  { route: 'documents', to: paths.documents, label: 'Documents', icon: IconFileText },
  { route: 'invoices', to: paths.invoices, label: 'Factures', icon: IconReceiptEuro },
  { route: 'contact', to: paths.contact, label: 'Mes coordonnées', icon: IconUserCircle },
] as const;

function HouseholdChooser() {
  const { session, household, chooseHousehold } = useSpace();
  if (session.households.length < 2) return null;
  return (
    <NativeSelect
      label="Foyer affiché"
      value={household.id}
      onChange={(event) => chooseHousehold(event.currentTarget.value)}
      data={session.households.map((h) => ({ value: h.id, label: h.name }))}
    />
  );
}

/** A family's own sign-up, not yet validated: said on every page, in words. */
function PendingBanner() {
  const { household } = useSpace();
  if (household.status !== 'pending') return null;
  return (
    <Alert color="orange" variant="light" icon={<IconClockHour4 aria-hidden />} title="Dossier en attente de validation par la mairie" mb="md" role="note">
      La mairie vérifie votre demande. Vous pouvez déjà remplir votre dossier annuel, envoyer vos documents et demander
      des inscriptions : elles seront examinées après la validation.
    </Alert>
  );
}

export function SpaceLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { session } = useSpace();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On phones the closed menu is off screen: `inert` keeps it out of the keyboard and screen-reader path.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const reduceMotion = useReducedMotion();
  // The menu closes once a page is chosen (phones).
  useEffect(close, [route, close]);
  const guardianName = `${session.guardian.firstName} ${session.guardian.lastName}`;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
      transitionDuration={reduceMotion ? 0 : 200}
    >
      <SkipLink />
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              color="white"
              size="sm"
              className={classes.burger}
              aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'}
              aria-expanded={opened}
              aria-controls="menu-principal"
            />
            <Brand commune={session.commune} />
          </Group>
          <Group gap="md" wrap="nowrap" visibleFrom="sm">
            <Text size="sm" c="white">
              {guardianName}
            </Text>
            <Button
              variant="white"
              size="xs"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={() => void logout()}
              className={classes.headerButton}
            >
              Se déconnecter
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Menu principal" id="menu-principal" inert={!wide && !opened}>
        <Stack gap={4} style={{ flex: 1 }}>
          {menu.map((item) => {
            const active = route.name === item.route;
            return (
              <NavLink
                key={item.route}
                href={item.to}
                onClick={followLink}
                label={item.label}
                leftSection={<item.icon size={20} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                className={classes.navLink}
              />
            );
          })}
          <Box mt="md">
            <HouseholdChooser />
          </Box>
        </Stack>
        <Box hiddenFrom="sm">
          <Divider my="sm" />
          <Text size="sm" mb="xs">
            Connecté(e) : {guardianName}
          </Text>
          <Button fullWidth variant="default" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void logout()}>
            Se déconnecter
          </Button>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <Box id={MAIN_ID} tabIndex={-1} className={classes.content}>
          <PendingBanner />
          {children}
        </Box>
      </AppShell.Main>
      <Footer commune={session.commune} />
    </AppShell>
  );
}

export function PublicLayout({ children }: { children: ReactNode }) {
  const commune = useCommune();
  return (
    <div className={classes.publicFrame}>
      <SkipLink />
      <header className={classes.header}>
        <Group h={60} px="md">
          <Brand commune={commune} />
        </Group>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className={classes.publicMain}>
        <Box maw={560} mx="auto" py="md">
          {children}
        </Box>
      </main>
      <Footer commune={commune} />
    </div>
  );
}
