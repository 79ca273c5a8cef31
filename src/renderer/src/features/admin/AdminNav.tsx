// The « Administration » section of the navigation, for administrators only (set-up mode included).
import { Divider, NavLink, Text } from '@mantine/core';
import { IconDatabaseExport, IconFileImport, IconShieldLock, IconUsersGroup } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { paths, type AdminPage, type Route } from '../../router';
import { useSession } from '../session/SessionContext';
import { text } from './text';

const pages: { page: AdminPage; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }[] = [
  { page: 'comptes', icon: IconUsersGroup },
  { page: 'sauvegardes', icon: IconDatabaseExport },
  { page: 'rgpd', icon: IconShieldLock },
  { page: 'import', icon: IconFileImport },
];

export function AdminNav({ route }: { route: Route }) {
  const { may } = useSession();
  if (!may('staff.list')) return null;
  return (
    <>
      <Divider my="xs" />
      <Text size="xs" fw={700} tt="uppercase" px="sm" pb={4} id="admin-nav-title">
        {text.nav.section}
      </Text>
      <div role="group" aria-labelledby="admin-nav-title">
        {pages.map(({ page, icon: Icon }) => {
          const active = route.name === 'admin' && route.page === page;
          return (
            <NavLink
              key={page}
              href={paths.admin(page)}
              label={text.nav[page]}
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
