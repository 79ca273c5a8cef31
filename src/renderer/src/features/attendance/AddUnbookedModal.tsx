// A child present without a booking (présence non réservée): find the family with the usual search, pick the
// child and the unit, record it with `attendance.addUnbooked` (billed later with a surcharge).
import { Alert, Button, Group, Loader, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowBackUp, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useCommand } from '../../commands';
import { newId } from '../../ids';
import { fullName } from '../families/format';
import { useFamily, type FamilyHit } from '../families/queries';
import { SearchBox } from '../families/SearchBox';
import { longDate } from '../reservations/dates';
import { invalidateBookings, type AttendanceSheet } from '../reservations/queries';
import { text } from './text';

const t = text.unbookedModal;

interface AddUnbookedModalProps {
  opened: boolean;
  onClose: () => void;
  sheet: AttendanceSheet;
  date: string;
}

export function AddUnbookedModal({ opened, onClose, sheet, date }: AddUnbookedModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`${t.title} – ${sheet.activity.name}, ${longDate(date)}`} size="lg">
      {opened && <AddUnbooked onClose={onClose} sheet={sheet} date={date} />}
    </Modal>
  );
}

function AddUnbooked({ onClose, sheet, date }: Omit<AddUnbookedModalProps, 'opened'>) {
  const [hit, setHit] = useState<FamilyHit | null>(null);
  if (!hit) {
    return (
      <Stack gap="sm">
        <Text size="sm">{t.search}</Text>
        <SearchBox onOpen={setHit} autoFocus maxListHeight="50vh" />
      </Stack>
    );
  }
  return <ChooseChild hit={hit} onBack={() => setHit(null)} onClose={onClose} sheet={sheet} date={date} />;
}

function ChooseChild({
  hit,
  onBack,
  onClose,
  sheet,
  date,
}: { hit: FamilyHit; onBack: () => void } & Omit<AddUnbookedModalProps, 'opened'>) {
  const queryClient = useQueryClient();
  const family = useFamily(hit.householdId);
  const add = useCommand('attendance.addUnbooked', { success: t.added, failure: t.failed });
  const [bookingId] = useState(newId);
  const [childId, setChildId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(sheet.units.length === 1 ? sheet.units[0]!.id : null);
  const children = family.data?.children ?? [];

  const confirm = async () => {
    if (!childId || !unitId) return;
    const result = await add.run({ bookingId, householdId: hit.householdId, childId, unitId, date });
    if (!result?.ok) return;
    await invalidateBookings(queryClient);
    onClose();
  };

  return (
    <Stack gap="md">
      <Text fw={700}>{hit.name}</Text>
      {family.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t.loading}</Text>
        </Group>
      )}
      {family.data && children.length === 0 && <Alert color="yellow">{t.noChild}</Alert>}
      {children.length > 0 && (
        <Radio.Group label={t.child} value={childId} onChange={setChildId} required>
          <Stack gap={6} mt={6}>
            {children.map((c) => (
              <Radio key={c.id} value={c.id} label={`${fullName(c)}${c.schoolLevel ? ` (${c.schoolLevel})` : ''}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {sheet.units.length > 1 && (
        <Select
          label={t.unit}
          data={sheet.units.map((u) => ({ value: u.id, label: u.name }))}
          value={unitId}
          onChange={setUnitId}
          required
        />
      )}
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowBackUp size={18} aria-hidden />} onClick={onBack}>
          {t.back}
        </Button>
        <Button
          leftSection={<IconUserPlus size={18} aria-hidden />}
          onClick={confirm}
          disabled={!childId || !unitId}
          loading={add.pending}
        >
          {t.confirm}
        </Button>
      </Group>
    </Stack>
  );
}
