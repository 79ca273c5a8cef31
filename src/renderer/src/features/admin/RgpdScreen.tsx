// Administration › Données personnelles (`#/admin/rgpd`): the households archived for at least N years
// (`rgpd.purgePreview`, a dry run), what their purge would anonymise and keep, then the purge of the selected
// ones (`rgpd.purge`, a command: audited and synced) after a typed confirmation.
import { Alert, Button, Card, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCircleCheck, IconEraser, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { ScreenTitle } from '../../components/ScreenTitle';
import { call, type Returned } from '../../api';
import { useCommand } from '../../commands';
import { formatDate, formatInstantDate } from '../families/format';
import { text } from './text';

type Candidate = Returned<'rgpd.purgePreview'>['households'][number];

const t = text.rgpd;
const YEARS = Array.from({ length: 30 }, (_, i) => i + 1);
const DEFAULT_YEARS = 5;

export function RgpdScreen() {
  const [years, setYears] = useState(DEFAULT_YEARS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const preview = useQuery({
    queryKey: ['rgpd', 'preview', years],
    queryFn: () => call('rgpd.purgePreview', { archivedBeforeYears: years }),
  });
  const households = preview.data?.households ?? [];
  // Only what is on screen can be selected (a new number of years gives a new list).
  const chosen = households.filter((h) => selected.has(h.householdId));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = households.length > 0 && chosen.length === households.length;

  return (
    <Stack gap="md" maw={1100}>
      <ScreenTitle title={t.title} intro={t.intro} />
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} py="xs" role="note">
        <Text size="sm">{t.exportHint}</Text>
      </Alert>
      <Card withBorder component="section" aria-labelledby="purge-title" padding="md">
        <Title order={2} size="h4" id="purge-title" mb="sm">
          {t.listTitle}
        </Title>
        <Group align="flex-end" mb="sm">
          <NativeSelect
            label={t.years}
            data={YEARS.map((n) => ({ value: String(n), label: t.yearsOption(n) }))}
            value={String(years)}
            onChange={(e) => setYears(Number(e.currentTarget.value))}
            w={280}
          />
          {preview.data && <Text size="sm">{t.cutoff(formatDate(preview.data.cutoff))}</Text>}
        </Group>
        {preview.isPending ? (
          <LoadingLine label={t.loading} />
        ) : preview.isError ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {preview.error.message}
          </Alert>
        ) : households.length === 0 ? (
          <Group gap="xs" role="status">
            <IconCircleCheck size={18} aria-hidden />
            <Text>{t.none}</Text>
          </Group>
        ) : (
          <>
            <Table verticalSpacing="xs" striped highlightOnHover aria-labelledby="purge-title" data-testid="purge-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t.selectAll}
                      checked={allOn}
                      indeterminate={chosen.length > 0 && !allOn}
                      onChange={(e) =>
                        setSelected(e.currentTarget.checked ? new Set(households.map((h) => h.householdId)) : new Set())
                      }
                    />
                  </Table.Th>
                  <Table.Th>{t.columns.name}</Table.Th>
                  <Table.Th>{t.columns.archivedAt}</Table.Th>
                  <Table.Th>{t.columns.reason}</Table.Th>
                  <Table.Th>{t.columns.people}</Table.Th>
                  <Table.Th>{t.columns.kept}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {households.map((h) => (
                  <CandidateRow key={h.householdId} candidate={h} checked={selected.has(h.householdId)} onToggle={toggle} />
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end" mt="md">
              <Button
                color="red"
                leftSection={<IconEraser size={18} aria-hidden />}
                disabled={chosen.length === 0}
                onClick={() => setConfirming(true)}
              >
                {chosen.length === 0 ? t.nothingSelected : t.purge(chosen.length)}
              </Button>
            </Group>
          </>
        )}
      </Card>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t.confirmTitle}>
        {confirming && (
          <ConfirmPurge
            households={chosen}
            years={years}
            onClose={() => setConfirming(false)}
            onDone={() => {
              setSelected(new Set());
              setConfirming(false);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CandidateRow({
  candidate: h,
  checked,
  onToggle,
}: {
  candidate: Candidate;
  checked: boolean;
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={t.select(h.name)}
          checked={checked}
          onChange={(e) => onToggle(h.householdId, e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td fw={600}>{h.name}</Table.Td>
      <Table.Td>{formatInstantDate(h.archivedAt)}</Table.Td>
      <Table.Td>{h.archiveReason || t.noReason}</Table.Td>
      <Table.Td>
        <Text size="sm">{t.people(h.guardians, h.children)}</Text>
        {h.sharedPeople > 0 && (
          <Text size="xs" c="dimmed">
            {t.shared(h.sharedPeople)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t.kept(h.kept.invoices, h.kept.creditNotes, h.kept.payments)}</Table.Td>
    </Table.Tr>
  );
}

function ConfirmPurge({
  households,
  years,
  onClose,
  onDone,
}: {
  households: Candidate[];
  years: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const purge = useCommand('rgpd.purge', { failure: t.failed });
  const confirmed = typed.trim() === t.confirmWord;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    const result = await purge.run({ householdIds: households.map((h) => h.householdId), archivedBeforeYears: years });
    await queryClient.invalidateQueries({ queryKey: ['rgpd'] });
    if (result?.ok) {
      notifications.show({ color: 'green', title: t.done, message: t.doneMessage(result.value.householdIds.length) });
      onDone();
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t.confirmBody(households.length)}
        </Alert>
        <Text size="sm" fw={600}>
          {households.map((h) => h.name).join(', ')}
        </Text>
        <TextInput
          label={t.confirmLabel}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button
            type="submit"
            color="red"
            disabled={!confirmed}
            loading={purge.pending}
            leftSection={<IconEraser size={18} aria-hidden />}
          >
            {t.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
