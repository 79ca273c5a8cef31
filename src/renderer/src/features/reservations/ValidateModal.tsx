// "Valider" on the grid: what the selection will do, day by day, before anything is written. Bookings are
// previewed by the backend itself (`reservations.preview` runs `booking.book` and rolls back): booked,
// waiting list with its position, already booked, or refused with the reason. Cancellations show how they
// will be billed for the chosen reason. Staff may force a full day or override a deadline, each with a reason.
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api';
import { useCommand } from '../../commands';
import { newId } from '../../ids';
import { batchesFromResults, type SummaryBatch } from './callSummary';
import { shortDate } from './dates';
import { isDeadlineRefusal, PreviewTable, previewCounts, StaffOptionFields, useStaffOptions } from './PreviewParts';
import { invalidateBookings, itemsOf, type ItemResult } from './queries';
import type { PendingItem } from './selection';
import { text } from './text';

const t = text.preview;

interface ValidateModalProps {
  opened: boolean;
  onClose: () => void;
  householdId: string;
  pending: readonly PendingItem[];
  /** After the commands ran: the call summary batches and the keys of the selection that were sent. */
  onDone: (batches: SummaryBatch[], sentKeys: string[]) => void;
}

export function ValidateModal({ opened, onClose, ...props }: ValidateModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={t.title} size="xl" closeOnClickOutside={false}>
      {opened && <ValidateContent onClose={onClose} {...props} />}
    </Modal>
  );
}

interface BookGroup {
  childId: string;
  childName: string;
  items: { pending: PendingItem; bookingId: string }[];
}

type CancelOutcome = keyof typeof t.cancelOutcome;

function ValidateContent({ onClose, householdId, pending, onDone }: Omit<ValidateModalProps, 'opened'>) {
  const queryClient = useQueryClient();
  const book = useCommand('booking.book', { failure: 'Réservation impossible' });
  const cancel = useCommand('booking.cancel', { failure: 'Annulation impossible' });
  const options = useStaffOptions();
  const [cancelReason, setCancelReason] = useState<'standard' | 'sick'>('standard');
  const [running, setRunning] = useState(false);

  // Ids chosen once, when the window opens: a double click meets "already booked" instead of a twin.
  const [groups] = useState<BookGroup[]>(() => {
    const byChild = new Map<string, BookGroup>();
    for (const item of pending.filter((p) => p.action === 'book').sort((a, b) => a.date.localeCompare(b.date))) {
      const group = byChild.get(item.childId) ?? { childId: item.childId, childName: item.childName, items: [] };
      group.items.push({ pending: item, bookingId: newId() });
      byChild.set(item.childId, group);
    }
    return [...byChild.values()];
  });
  const cancels = pending.filter((p) => p.action === 'cancel').sort((a, b) => a.date.localeCompare(b.date));
  const byUnitDate = new Map(pending.map((p) => [`${p.childId}|${p.unitId}|${p.date}`, p]));
  const unitNames = new Map(pending.map((p) => [p.unitId, p.unitName]));

  const previews = useQueries({
    queries: groups.map((group) => ({
      // Not under 'reservations': refreshing the grids after the commands must not re-run the preview.
      queryKey: [
        'bookingPreview',
        householdId,
        group.childId,
        group.items.map((i) => i.bookingId),
        options.force,
        options.override,
      ],
      queryFn: () =>
        call('reservations.preview', {
          householdId,
          childId: group.childId,
          items: group.items.map((i) => ({ bookingId: i.bookingId, unitId: i.pending.unitId, date: i.pending.date })),
          ...options.previewArgs,
        }),
      gcTime: 0,
      staleTime: 0,
    })),
  });
  const previewItems = previews.flatMap((p) => (p.data?.ok ? itemsOf(p.data.value) : []));
  const loading = previews.some((p) => p.isPending);

  const wasFull = (childId: string, r: ItemResult) => byUnitDate.get(`${childId}|${r.unitId}|${r.date}`)?.cell.state === 'full';
  const showForce =
    options.force ||
    groups.some((g) => g.items.some((i) => i.pending.cell.state === 'full')) ||
    previewItems.some((i) => i.outcome === 'waitlisted');
  const lateCancel = cancels.some((c) => c.cell.state === 'booked' && c.cell.cancellationClosed);
  const showOverride =
    options.override ||
    groups.some((g) => g.items.some((i) => i.pending.cell.bookingClosed)) ||
    previewItems.some(isDeadlineRefusal) ||
    (lateCancel && cancelReason === 'standard');

  const cancelOutcome = (item: PendingItem): CancelOutcome => {
    if (item.cell.state === 'waitlisted') return 'waitlist';
    if (cancelReason === 'sick') return 'sick';
    if (item.cell.cancellationClosed) return options.override ? 'override' : 'late';
    return 'inTime';
  };

  const confirm = async () => {
    if (!options.check()) return;
    setRunning(true);
    const batches: SummaryBatch[] = [];
    const sent: string[] = [];
    const unitInfo = (childId: string) => (unitId: string) => {
      const p = pending.find((x) => x.childId === childId && x.unitId === unitId)!;
      return { activityId: p.activityId, activityName: p.activityName, ...(p.multiUnit ? { unitName: p.unitName } : {}) };
    };
    let promoted = 0;
    const bookedItems: ItemResult[] = [];
    let cancelled = 0;
    for (const group of groups) {
      const result = await book.run({
        householdId,
        childId: group.childId,
        items: group.items.map((i) => ({ bookingId: i.bookingId, unitId: i.pending.unitId, date: i.pending.date })),
        ...options.commandArgs,
      });
      if (!result?.ok) continue;
      sent.push(...group.items.map((i) => i.pending.key));
      bookedItems.push(...itemsOf(result.value));
      batches.push(
        ...batchesFromResults(itemsOf(result.value), {
          childId: group.childId,
          childName: group.childName,
          unitInfo: unitInfo(group.childId),
          forced: (r) => options.force && wasFull(group.childId, r),
          lateBooking: (r) =>
            options.override && Boolean(byUnitDate.get(`${group.childId}|${r.unitId}|${r.date}`)?.cell.bookingClosed),
        }),
      );
    }
    if (cancels.length > 0) {
      const result = await cancel.run({
        bookingIds: cancels.map((c) => c.cell.bookingId!),
        reason: cancelReason,
        ...(options.override ? { deadlineOverrideReason: options.commandArgs.deadlineOverrideReason } : {}),
      });
      if (result?.ok) {
        sent.push(...cancels.map((c) => c.key));
        const waitlistedIds = new Set(cancels.filter((c) => c.cell.state === 'waitlisted').map((c) => c.cell.bookingId));
        for (const childId of new Set(cancels.map((c) => c.childId))) {
          const ids = new Set(cancels.filter((c) => c.childId === childId).map((c) => c.cell.bookingId));
          batches.push(
            ...batchesFromResults(
              itemsOf(result.value).filter((r) => ids.has(r.bookingId)),
              {
                childId,
                childName: cancels.find((c) => c.childId === childId)!.childName,
                unitInfo: unitInfo(childId),
                wasWaitlisted: (r) => waitlistedIds.has(r.bookingId),
                deadlineOverridden: options.override,
              },
            ),
          );
        }
        cancelled = itemsOf(result.value).filter((r) => r.outcome === 'cancelled').length;
        promoted = itemsOf(result.value).reduce((n, r) => n + (r.promoted?.length ?? 0), 0);
      }
    }
    await invalidateBookings(queryClient);
    setRunning(false);
    if (sent.length > 0) {
      notifications.show({
        color: 'green',
        icon: <IconCheck size={18} />,
        // Everything in the title: the theme's notification description is too pale for small text.
        title: [
          t.done,
          bookedItems.length ? previewCounts(bookedItems) : '',
          cancelled ? t.cancelledCount(cancelled) : '',
          promoted > 0 ? t.promoted(promoted) : '',
        ]
          .filter(Boolean)
          .join(' · '),
        message: '',
      });
    }
    onDone(batches, sent);
    // Whatever failed was announced by a notification and stays selected on the grid.
    onClose();
  };

  return (
    <Stack gap="md">
      {groups.map((group, index) => {
        const preview = previews[index]!;
        const items = preview.data?.ok ? itemsOf(preview.data.value) : [];
        const multiUnit = group.items.some((i) => i.pending.multiUnit);
        return (
          <Stack key={group.childId} gap={6}>
            <Group justify="space-between" align="baseline">
              <Title order={3} size="h5">
                {t.bookings} – {group.childName}
              </Title>
              {items.length > 0 && (
                <Text size="sm" fw={600} data-testid="preview-counts">
                  {previewCounts(items)}
                </Text>
              )}
            </Group>
            {preview.isPending && (
              <Group gap="xs">
                <Loader size="xs" />
                <Text size="sm">{t.loading}</Text>
              </Group>
            )}
            {preview.data && !preview.data.ok && (
              <Alert color="red" title={t.failed}>
                {preview.data.message}
              </Alert>
            )}
            {items.length > 0 && (
              <PreviewTable
                items={items}
                unitNames={unitNames}
                multiUnit={multiUnit}
                isForced={(r) => options.force && wasFull(group.childId, r)}
                caption={`${t.bookings} – ${group.childName}`}
              />
            )}
          </Stack>
        );
      })}

      {cancels.length > 0 && (
        <Stack gap={6}>
          <Title order={3} size="h5">
            {t.cancellations}
          </Title>
          <Radio.Group label={t.cancelReason} value={cancelReason} onChange={(v) => setCancelReason(v as 'standard' | 'sick')}>
            <Group mt={4} gap="xl">
              <Radio value="standard" label={t.standard} description={t.standardHint} />
              <Radio value="sick" label={t.sick} description={t.sickHint} />
            </Group>
          </Radio.Group>
          <Table striped withTableBorder verticalSpacing={4} fz="sm" aria-label={t.cancellations}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t.columns.date}</Table.Th>
                <Table.Th>{t.columns.child}</Table.Th>
                <Table.Th>{t.columns.activity}</Table.Th>
                <Table.Th>{t.columns.outcome}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cancels.map((c) => (
                <Table.Tr key={c.key} data-date={c.date}>
                  <Table.Td>{shortDate(c.date)}</Table.Td>
                  <Table.Td>{c.childName}</Table.Td>
                  <Table.Td>{c.multiUnit ? `${c.activityName} – ${c.unitName}` : c.activityName}</Table.Td>
                  <Table.Td fw={600} c={cancelOutcome(c) === 'late' ? 'red.9' : undefined}>
                    {t.cancelOutcome[cancelOutcome(c)]}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}

      <StaffOptionFields options={options} showForce={showForce} showOverride={showOverride} />

      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={running}>
          {t.cancel}
        </Button>
        <Button onClick={confirm} loading={running} disabled={loading} leftSection={<IconCheck size={18} aria-hidden />}>
          {t.confirm}
        </Button>
      </Group>
    </Stack>
  );
}
