// The family file: household header, guardians, children, quotient familial, other households (separated
// parents) and the audit trail. Edits open in modals; every save goes through a command and the screen
// refreshes from the queries (see commands.ts).
import { Anchor, Button, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { paths } from '../../router';
import { FamilyAccountBlock } from '../billing/FamilyAccountBlock';
import { AuditTrail } from './AuditTrail';
import { ChildCard } from './ChildCard';
import { ChildForm } from './ChildForm';
import { ContactsEditor } from './ContactsEditor';
import { parisToday } from './format';
import { GuardianCard } from './GuardianCard';
import { GuardianForm } from './GuardianForm';
import { HouseholdHeader } from './HouseholdHeader';
import { text } from './labels';
import { OtherHouseholds } from './OtherHouseholds';
import { QuotientPanel } from './QuotientPanel';
import { useFamily, useFamilyAudit, type FamilyView } from './queries';

/** Which modal is open: a guardian (id or 'new'), a child (id or 'new'), a child's contacts. */
type Editing = { kind: 'guardian' | 'child' | 'contacts'; id: string } | null;

export function FamilyPage({ householdId }: { householdId: string }) {
  const family = useFamily(householdId);
  const audit = useFamilyAudit(householdId);
  const t = text.family;

  if (family.isPending) {
    return <LoadingLine label={t.loading} />;
  }
  if (family.isError || !family.data) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t.notFound}
        </Title>
        <Anchor href={paths.home}>{t.backHome}</Anchor>
      </Stack>
    );
  }
  return <FamilyFile view={family.data} auditRows={audit.data ?? []} />;
}

function FamilyFile({
  view,
  auditRows,
}: {
  view: FamilyView;
  auditRows: NonNullable<ReturnType<typeof useFamilyAudit>['data']>;
}) {
  const t = text.family;
  const today = parisToday();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const householdId = view.household.id;
  const editedGuardian = editing?.kind === 'guardian' ? view.guardians.find((g) => g.id === editing.id) : undefined;
  const editedChild = editing && editing.kind !== 'guardian' ? view.children.find((c) => c.id === editing.id) : undefined;

  return (
    <Stack gap="md">
      <HouseholdHeader view={view} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <section aria-labelledby="guardians-title">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="guardians-title">
                  {t.guardians}
                </Title>
                {view.guardians.length < 4 && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() => setEditing({ kind: 'guardian', id: 'new' })}
                  >
                    {t.addGuardian}
                  </Button>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                {view.guardians.map((g) => (
                  <GuardianCard
                    key={g.id}
                    householdId={householdId}
                    guardian={g}
                    children={view.children}
                    onEdit={() => setEditing({ kind: 'guardian', id: g.id })}
                  />
                ))}
              </SimpleGrid>
            </section>

            <section aria-labelledby="children-title">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="children-title">
                  {t.children}
                </Title>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setEditing({ kind: 'child', id: 'new' })}
                >
                  {t.addChild}
                </Button>
              </Group>
              <Stack gap="md">
                {view.children.length === 0 && <Text c="dimmed">{t.noChild}</Text>}
                {view.children.map((c) => (
                  <ChildCard
                    key={c.id}
                    child={c}
                    guardians={view.guardians}
                    today={today}
                    onEdit={() => setEditing({ kind: 'child', id: c.id })}
                    onContacts={() => setEditing({ kind: 'contacts', id: c.id })}
                  />
                ))}
              </Stack>
            </section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <FamilyAccountBlock householdId={householdId} householdName={view.household.name} />
            <QuotientPanel householdId={householdId} quotients={view.quotients} today={today} />
            <OtherHouseholds households={view.otherHouseholds} />
          </Stack>
        </Grid.Col>
      </Grid>
      <AuditTrail rows={auditRows} view={view} />

      <GuardianForm opened={editing?.kind === 'guardian'} onClose={close} householdId={householdId} guardian={editedGuardian} />
      <ChildForm
        opened={editing?.kind === 'child'}
        onClose={close}
        householdId={householdId}
        guardians={view.guardians}
        child={editing?.kind === 'child' ? editedChild : undefined}
        defaultLastName={view.guardians[0]?.lastName}
      />
      {editedChild && <ContactsEditor opened={editing?.kind === 'contacts'} onClose={close} child={editedChild} />}
    </Stack>
  );
}
