// The top of the family file: the household's name, its state (active / archived, with the reason), and the
// household actions: edit name and notes, archive with a reason, restore; for administrators, the RGPD export.
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArchiveOff, IconCalendarEvent, IconPencil } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useCommand } from '../../commands';
import { ExportHouseholdButton } from '../admin/ExportHouseholdButton';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { paths } from '../../router';
import { formatInstantDate } from './format';
import { text } from './labels';
import type { FamilyView } from './queries';
import { PendingBadge } from '../requests/PendingBadge';
import { text as requestsText } from '../requests/text';

type Dialog = 'edit' | 'archive' | 'restore' | null;

export function HouseholdHeader({ view }: { view: FamilyView }) {
  const t = text.family;
  const h = view.household;
  const [dialog, setDialog] = useState<Dialog>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const close = () => setDialog(null);

  // A new family file takes the focus, so that keyboard and screen reader users start at its top.
  useEffect(() => {
    titleRef.current?.focus();
  }, [h.id]);

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Group gap="sm" align="center">
          <Title order={1} size="h2" ref={titleRef} tabIndex={-1} style={{ outline: 'none' }}>
            {h.name}
          </Title>
          {h.archivedAt && (
            <Badge size="lg" color="gray.7" variant="filled" leftSection={<IconArchive size={14} aria-hidden />}>
              {t.archivedBadge}
            </Badge>
          )}
          {h.status === 'pending' && !h.archivedAt && (
            <Anchor href={paths.requests} aria-label={requestsText.pendingLink}>
              <PendingBadge size="lg" />
            </Anchor>
          )}
        </Group>
        <Group gap="xs">
          <Button component="a" href={paths.reservations(h.id)} leftSection={<IconCalendarEvent size={16} aria-hidden />}>
            Réservations
          </Button>
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('edit')}>
            {t.editHousehold}
          </Button>
          {h.archivedAt ? (
            <Button variant="default" leftSection={<IconArchiveOff size={16} aria-hidden />} onClick={() => setDialog('restore')}>
              {t.restore}
            </Button>
          ) : (
            <Button
              variant="default"
              color="red"
              leftSection={<IconArchive size={16} aria-hidden />}
              onClick={() => setDialog('archive')}
            >
              {t.archive}
            </Button>
          )}
          <ExportHouseholdButton householdId={h.id} householdName={h.name} />
        </Group>
      </Group>
      {h.archivedAt && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconArchive aria-hidden />}
          title={t.archivedOn(formatInstantDate(h.archivedAt))}
        >
          {h.archiveReason ? t.archiveReason(h.archiveReason) : null}
        </Alert>
      )}
      {h.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span fw={600}>
            {t.notes} :{' '}
          </Text>
          {h.notes}
        </Text>
      )}

      <Modal opened={dialog === 'edit'} onClose={close} title={t.editHousehold}>
        {dialog === 'edit' && <EditHousehold view={view} onClose={close} />}
      </Modal>
      <Modal opened={dialog === 'archive'} onClose={close} title={t.archiveTitle}>
        {dialog === 'archive' && <ArchiveHousehold householdId={h.id} onClose={close} />}
      </Modal>
      <Modal opened={dialog === 'restore'} onClose={close} title={t.restoreTitle}>
        {dialog === 'restore' && <RestoreHousehold householdId={h.id} onClose={close} />}
      </Modal>
    </Stack>
  );
}

function EditHousehold({ view, onClose }: { view: FamilyView; onClose: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const update = useCommand('household.update', { success: text.family.householdSaved });
  const form = useForm({ mode: 'controlled', initialValues: { name: view.household.name, notes: view.household.notes } });
  const submit = async (v: { name: string; notes: string }) => {
    const result = await update.run({ householdId: view.household.id, ...v });
    if (!result) return;
    if (result.ok) onClose();
    else setOrphans(showFieldErrors(form, result.fieldErrors ?? {}, formRef.current));
  };
  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput label={text.form.householdName} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <Textarea label={text.family.notes} autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
      </Stack>
      <FormFooter onCancel={onClose} pending={update.pending} orphans={orphans} />
    </form>
  );
}

function ArchiveHousehold({ householdId, onClose }: { householdId: string; onClose: () => void }) {
  const t = text.family;
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const archive = useCommand('household.archive', { success: t.archived });
  const form = useForm({ mode: 'controlled', initialValues: { reason: '' } });
  const submit = async (v: { reason: string }) => {
    const result = await archive.run({ householdId, reason: v.reason });
    if (!result) return;
    if (result.ok) onClose();
    else setOrphans(showFieldErrors(form, result.fieldErrors ?? {}, formRef.current));
  };
  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate>
      <Text size="sm" mb="sm">
        {t.archiveIntro}
      </Text>
      <Textarea
        label={t.archiveReasonLabel}
        placeholder={t.archiveReasonPlaceholder}
        autosize
        minRows={2}
        data-autofocus
        {...form.getInputProps('reason')}
      />
      <FormFooter onCancel={onClose} pending={archive.pending} orphans={orphans} submitLabel={t.archiveConfirm} />
    </form>
  );
}

function RestoreHousehold({ householdId, onClose }: { householdId: string; onClose: () => void }) {
  const t = text.family;
  const restore = useCommand('household.restore', { success: t.restored });
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await restore.run({ householdId });
        if (result?.ok) onClose();
      }}
    >
      <Text size="sm">{t.restoreIntro}</Text>
      <FormFooter onCancel={onClose} pending={restore.pending} submitLabel={t.restoreConfirm} />
    </form>
  );
}
