// Administration › Sauvegardes (`#/admin/sauvegardes`): the desk's backups (date, type, size), « Sauvegarder
// maintenant », and restoring one in two steps: the core checks the backup and returns its warning with a
// single-use token (`backup.prepareRestore`); the administrator reads it and types RESTAURER; then
// `backup.restore`. The core closes and reopens on the restored database: the screens forget what they read
// and a new session begins.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconDatabaseExport, IconHistory, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { ScreenTitle } from '../../components/ScreenTitle';
import { call, type Returned } from '../../api';
import { formatDateTime } from '../families/format';
import { forgetScreensData, recheckSession } from '../session/queries';
import { text } from './text';

type BackupFile = Returned<'backup.list'>[number];

const t = text.backups;
const RESTORED = 'backup:restored';

/** Resolves once the desk core answers again after a restore (up to 30 s). */
async function waitForReopenedDesk() {
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (
      await call('session.status', {}).then(
        () => true,
        () => false,
      )
    )
      return;
  }
}
const backupKeys = { list: ['backup', 'list'] as const, prepare: (name: string) => ['backup', 'prepare', name] as const };

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 ** 2) return `${number.format(bytes / 1024)} Ko`;
  if (bytes < 1024 ** 3) return `${number.format(bytes / 1024 ** 2)} Mo`;
  return `${number.format(bytes / 1024 ** 3)} Go`;
}

export function BackupsScreen() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: backupKeys.list, queryFn: () => call('backup.list', {}) });
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  const backupNow = useMutation({
    mutationFn: () => call('backup.now', {}),
    onSuccess: async (result) => {
      if (result.ok) {
        notifications.show({
          color: 'green',
          title: t.done,
          message: t.doneMessage(formatDateTime(result.value.takenAt), formatSize(result.value.sizeBytes)),
        });
        await queryClient.invalidateQueries({ queryKey: backupKeys.list });
      } else notifications.show({ color: 'red', title: t.failed, message: result.message, autoClose: 10_000 });
    },
    onError: (e) => notifications.show({ color: 'red', title: t.failed, message: e.message, autoClose: 10_000 }),
  });

  return (
    <Stack gap="md" maw={1000}>
      <ScreenTitle title={t.title} intro={t.intro} />
      <Card withBorder component="section" aria-labelledby="backups-title" padding="md">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={2} size="h4" id="backups-title">
              {t.listTitle}
            </Title>
            {list.data && list.data.length > 0 && <Text size="sm">{t.count(list.data.length)}</Text>}
          </div>
          <Button
            leftSection={<IconDatabaseExport size={18} aria-hidden />}
            loading={backupNow.isPending}
            onClick={() => backupNow.mutate()}
          >
            {t.now}
          </Button>
        </Group>
        {list.isPending ? (
          <LoadingLine label={t.loading} />
        ) : list.isError ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {list.error.message}
          </Alert>
        ) : list.data.length === 0 ? (
          <Text c="dimmed">{t.empty}</Text>
        ) : (
          <Table verticalSpacing="xs" striped highlightOnHover aria-labelledby="backups-title" data-testid="backups-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.columns.at}</Table.Th>
                <Table.Th>{t.columns.kind}</Table.Th>
                <Table.Th ta="right">{t.columns.size}</Table.Th>
                <Table.Th>{t.columns.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((backup) => (
                <Table.Tr key={backup.name}>
                  <Table.Td>{formatDateTime(backup.takenAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={backup.kind === 'manual' ? 'blue' : 'gray'} c="dark.8" size="md">
                      {t.kinds[backup.kind] ?? backup.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatSize(backup.sizeBytes)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconRestore size={14} aria-hidden />}
                      onClick={() => setRestoring(backup)}
                      aria-label={t.restoreOf(formatDateTime(backup.takenAt))}
                    >
                      {t.restore}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title={t.restoreTitle}>
        {restoring && <RestoreBody backup={restoring} onClose={() => setRestoring(null)} />}
      </Modal>
    </Stack>
  );
}

function RestoreBody({ backup, onClose }: { backup: BackupFile; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  // Step 1: the core checks the backup and hands out the warning and a token valid 10 minutes.
  const prepared = useQuery({
    queryKey: backupKeys.prepare(backup.name),
    queryFn: () => call('backup.prepareRestore', { name: backup.name }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const restore = useMutation({
    mutationFn: (confirmation: string) => call('backup.restore', { name: backup.name, confirmation }),
    onError: (e) => setError(e.message),
  });
  const ready = prepared.data?.ok ? prepared.data.value : null;
  const confirmed = typed.trim() === t.confirmWord;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    if (!confirmed) return setError(t.confirmMismatch);
    setError(null);
    const result = await restore.mutateAsync(ready.confirmation).catch(() => undefined);
    if (!result) return;
    if (!result.ok) {
      setError(result.code === 'confirmationRequired' ? t.expired : result.message);
      if (result.code === 'confirmationRequired') void prepared.refetch();
      return;
    }
    setRestarting(true);
    notifications.show({ id: RESTORED, title: t.restored, message: t.restoredMessage, autoClose: false, loading: true });
    // The old core is closed; a new one opens on the restored file (Electron relaunches the whole app). Once
    // it answers, nothing read from the old database is kept, and the new session starts (login screen).
    await waitForReopenedDesk();
    notifications.update({
      id: RESTORED,
      color: 'green',
      title: t.restored,
      message: t.reopened,
      loading: false,
      autoClose: 8000,
    });
    forgetScreensData(queryClient);
    await recheckSession(queryClient);
  };

  if (prepared.isPending) {
    return <LoadingLine label={t.preparing} />;
  }
  if (prepared.isError || !ready) {
    return (
      <Stack>
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t.restoreFailed} role="alert">
          {prepared.isError ? prepared.error.message : prepared.data?.ok === false ? prepared.data.message : ''}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Fermer
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group gap="xs">
          <IconHistory size={18} aria-hidden />
          <Text fw={600}>
            {formatDateTime(ready.backup.takenAt)} · {t.kinds[ready.backup.kind]} · {formatSize(ready.backup.sizeBytes)}
          </Text>
        </Group>
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t.warningTitle}
          data-testid="restore-warning"
        >
          {ready.message}
        </Alert>
        <TextInput
          label={t.confirmLabel}
          description={t.confirmHelp}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button
            type="submit"
            color="red"
            disabled={!confirmed}
            loading={restore.isPending || restarting}
            leftSection={<IconRestore size={18} aria-hidden />}
          >
            {t.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
