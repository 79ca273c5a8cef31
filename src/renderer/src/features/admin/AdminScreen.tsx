// The administration screens (`#/admin/<page>`), behind the administrator role. The core refuses their calls
// to any other role anyway (shared/permissions.ts); this says so in French instead of showing an empty screen.
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { AdminPage } from '../../router';
import { paths } from '../../router';
import { useSession } from '../session/SessionContext';
import { StaffScreen } from '../staff/StaffScreen';
import { BackupsScreen } from './BackupsScreen';
import { DesksScreen } from './DesksScreen';
import { DocumentTypesScreen } from './DocumentTypesScreen';
import { ImportScreen } from './ImportScreen';
import { RgpdScreen } from './RgpdScreen';
import { RulesScreen } from './RulesScreen';
import { text } from './text';

export function AdminScreen({ page }: { page: AdminPage }) {
  const { may } = useSession();
  if (!may('staff.list')) return <Refused />;
  switch (page) {
    case 'comptes':
      return <StaffScreen />;
    case 'sauvegardes':
      return <BackupsScreen />;
    case 'rgpd':
      return <RgpdScreen />;
    case 'import':
      return <ImportScreen />;
    case 'pieces':
      return <DocumentTypesScreen />;
    case 'reglement':
      return <RulesScreen />;
    case 'postes':
      return <DesksScreen />;
  }
}

function Refused() {
  const t = text.refused;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t.title}
      </Title>
      <Alert color="red" icon={<IconLock aria-hidden />} title={t.message} role="alert">
        <Text size="sm">{t.hint}</Text>
      </Alert>
      <Anchor href={paths.home}>{t.back}</Anchor>
    </Stack>
  );
}
