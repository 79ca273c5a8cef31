// The « Administration » section of the navigation, for administrators only (set-up mode included).
import { NavLink, Text } from '@mantine/core';
import {
  IconDatabaseExport,
  IconDevicesPc,
  IconFileCertificate,
  IconFileImport,
  IconGavel,
  IconShieldLock,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { paths, type AdminPage, type Route } from '../../router';
import { useSession } from '../session/SessionContext';
import { text } from './text';

const pages: { page: AdminPage; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>; description?: string }[] = [
  { page: 'comptes', icon: IconUsersGroup },
  { page: 'sauvegardes', icon: IconDatabaseExport },
  // « Données personnelles (RGPD) » on two short lines: the navigation is narrow.
  { page: 'rgpd', icon: IconShieldLock, description: text.nav.rgpdShort },
  { page: 'import', icon: IconFileImport },
  { page: 'pieces', icon: IconFileCertificate },
  { page: 'reglement', icon: IconGavel },
  { page: 'postes', icon: IconDevicesPc },
];

export function AdminNav({ route }: { route: Route }) {
  const { may } = useSession();
  if (!may('staff.list')) return null;
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} id="admin-nav-title">
        {text.nav.section}
      </Text>
      <div role="group" aria-labelledby="admin-nav-title">
        {pages.map(({ page, icon: Icon, description }) => {
          const active = route.name === 'admin' && route.page === page;
          return (
            <NavLink
              key={page}
              href={paths.admin(page)}
              label={description ? text.nav.rgpdLabel : text.nav[page]}
              // The active link's tint is too pale for Mantine's own description colour.
              description={
                description && (
                  <Text span size="xs" fw={600} c={active ? 'blue.9' : 'dimmed'}>
                    {description}
                  </Text>
                )
              }
              aria-label={text.nav[page]}
              styles={{ description: { opacity: 1 } }}
              leftSection={<Icon size={18} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              fw={600}
            />
          );
        })}
      </div>
    </>
  );
}
