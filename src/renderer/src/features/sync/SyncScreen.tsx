// The sync panel (#/synchronisation): the desk's state in detail and « Synchroniser maintenant »; the initial
// download with its progress bar; the commands still waiting to reach the hub (with the local error of any that
// no longer applies here); what the hub modified or refused, with its French reason; and, for a standalone
// desk, the form that links it to a hub.
import { Alert, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleX, IconClockHour4, IconRefresh } from '@tabler/icons-react';
import { LoadingLine } from '../../components/LoadingLine';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDateTime } from '../families/format';
import { ConnectForm } from './ConnectForm';
import {
  useDeskInfo,
  useSyncNow,
  useSyncOutcomes,
  useSyncStatus,
  type DeskInfo,
  type SyncOutcomes,
  type SyncStatus,
} from './queries';
import { statusView, type StatusView } from './statusView';
import classes from './sync.module.css';
import { commandLabel, pendingText, text } from './text';

const PENDING_SHOWN = 100;

export function SyncScreen() {
  const t = text.panel;
  const info = useDeskInfo();
  const status = useSyncStatus();
  const outcomes = useSyncOutcomes();

  const ready = info.data !== undefined && status.data !== undefined;
  const view = statusView(info.data, status.data);
  return (
    <Stack gap="md" maw={1000}>
      <ScreenTitle title={t.title} intro={t.intro} />
      {!ready ? (
        <LoadingLine label={t.loading} />
      ) : (
        <>
          <StateCard info={info.data!} status={status.data!} view={view} />
          {info.data!.mode === 'standalone' && status.data === null && <ConnectForm />}
          <PendingSection outcomes={outcomes.data} standalone={status.data === null} />
          {status.data !== null && <VerdictSection outcomes={outcomes.data} />}
        </>
      )}
    </Stack>
  );
}

function StateCard({ info, status, view }: { info: DeskInfo; status: SyncStatus | null; view: StatusView }) {
  const t = text.panel;
  const syncNow = useSyncNow();
  const Icon = view.icon;
  const run = async () => {
    const after = await syncNow.mutateAsync().catch(() => undefined);
    notifications.hide('sync-now');
    if (after?.state === 'online')
      notifications.show({ id: 'sync-now', color: 'green', title: t.syncDone, message: pendingText(after.pending) });
    else
      notifications.show({
        id: 'sync-now',
        color: 'red',
        title: t.syncFailed,
        message: after?.state === 'revoked' ? t.revokedExplain : t.offlineExplain,
        autoClose: 8000,
      });
  };
  const explain =
    view.kind === 'standalone'
      ? t.standaloneExplain
      : view.kind === 'offline'
        ? t.offlineExplain
        : view.kind === 'revoked'
          ? t.revokedExplain
          : view.kind === 'stopped'
            ? t.stoppedExplain
            : view.kind === 'initial'
              ? t.initialExplain
              : t.onlineExplain;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sync-state-title">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Title order={2} size="h4" id="sync-state-title">
            {t.stateTitle}
          </Title>
          <Group gap="sm" wrap="nowrap" align="center">
            <Icon
              size={30}
              aria-hidden
              className={view.kind === 'initial' ? classes.spin : undefined}
              color={`var(--mantine-color-${view.color.replace('.', '-')})`}
            />
            <div>
              <Text fw={700} size="lg" lh={1.2} data-testid="sync-state">
                {view.label}
              </Text>
              {view.detail && <Text size="sm">{view.detail}</Text>}
            </div>
          </Group>
          <Text size="sm">{explain}</Text>
          {view.kind === 'initial' && (
            <div>
              <Text size="sm" fw={600} mb={4} id="initial-sync-label">
                {view.percent !== null
                  ? t.initialProgress(view.percent)
                  : status && status.pending > 0
                    ? t.initialUploading(status.pending)
                    : t.initialWaiting}
              </Text>
              <Progress
                value={view.percent ?? 100}
                striped={view.percent === null}
                animated={view.percent === null}
                size="lg"
                aria-label={t.initialTitle}
              />
            </div>
          )}
          {info.hub && (
            <dl className={classes.facts}>
              <dt>{t.hub}</dt>
              <dd>{info.hub.url}</dd>
              <dt>{t.deskName}</dt>
              <dd>{info.hub.deskName}</dd>
              <dt>{t.commune}</dt>
              <dd>{info.hub.commune}</dd>
              {status && (
                <>
                  <dt>{t.lastSync}</dt>
                  <dd>{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t.never}</dd>
                  {status.offlineSince && (
                    <>
                      <dt>{t.offlineSince}</dt>
                      <dd>{formatDateTime(status.offlineSince)}</dd>
                    </>
                  )}
                  <dt>{t.pending}</dt>
                  <dd>{pendingText(status.pending)}</dd>
                  {status.lastError && view.kind !== 'online' && (
                    <>
                      <dt>{t.lastError}</dt>
                      <dd style={{ fontWeight: 400 }}>{status.lastError}</dd>
                    </>
                  )}
                </>
              )}
            </dl>
          )}
        </Stack>
        {status && (
          <Button
            leftSection={<IconRefresh size={18} aria-hidden />}
            loading={syncNow.isPending}
            onClick={() => void run()}
            style={{ flexShrink: 0 }}
          >
            {t.syncNow}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function PendingSection({ outcomes, standalone }: { outcomes: SyncOutcomes | undefined; standalone: boolean }) {
  const t = text.panel;
  const pending = outcomes?.pending ?? [];
  // A desk that joins a hub with its history can have thousands waiting: the first ones say enough.
  const shown = pending.slice(0, PENDING_SHOWN);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sync-pending-title">
      <Title order={2} size="h4" id="sync-pending-title" mb="xs">
        {standalone ? t.pendingTitle : `${t.pendingTitle} (${pending.length})`}
      </Title>
      {standalone ? (
        <Text size="sm">{t.pendingStandalone}</Text>
      ) : pending.length === 0 ? (
        <Text size="sm">{t.pendingNone}</Text>
      ) : (
        <Table striped withTableBorder={false} verticalSpacing={6} fz="sm">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className={classes.visuallyHidden}>
            {t.pendingCaption}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.columns.what}</Table.Th>
              <Table.Th w={170}>{t.columns.at}</Table.Th>
              <Table.Th>{t.columns.state}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={p.mutationId}>
                <Table.Td fw={600}>{commandLabel(p.name)}</Table.Td>
                <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                <Table.Td>
                  {p.localError ? (
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <IconAlertTriangle
                        size={16}
                        aria-hidden
                        color="var(--mantine-color-red-8)"
                        style={{ flexShrink: 0, marginTop: 2 }}
                      />
                      <Text size="sm" c="red.9">
                        <Text span fw={600} inherit>
                          {t.localError} :{' '}
                        </Text>
                        {p.localError}
                      </Text>
                    </Group>
                  ) : (
                    <Group gap={6} wrap="nowrap">
                      <IconClockHour4 size={16} aria-hidden />
                      <Text size="sm">{t.waiting}</Text>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {pending.length > shown.length && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Td colSpan={3}>{t.more(pending.length - shown.length)}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      )}
    </Card>
  );
}

function VerdictSection({ outcomes }: { outcomes: SyncOutcomes | undefined }) {
  const t = text.panel;
  const verdicts = outcomes?.verdicts ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sync-verdicts-title">
      <Title order={2} size="h4" id="sync-verdicts-title">
        {t.verdictsTitle} ({verdicts.length})
      </Title>
      <Text size="sm" mt={4} mb="xs">
        {t.verdictsIntro}
      </Text>
      {verdicts.length === 0 ? (
        <Alert color="gray" variant="light">
          {t.verdictsNone}
        </Alert>
      ) : (
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Caption className={classes.visuallyHidden}>{t.verdictsCaption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.verdictColumns.what}</Table.Th>
              <Table.Th w={120}>{t.verdictColumns.decision}</Table.Th>
              <Table.Th>{t.verdictColumns.reason}</Table.Th>
              <Table.Th w={150}>{t.verdictColumns.at}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {verdicts.map((v) => (
              <Table.Tr key={v.commandId}>
                <Table.Td fw={600}>{commandLabel(v.name)}</Table.Td>
                <Table.Td>
                  {v.status === 'rejected' ? (
                    <Badge color="red" c="red.9" variant="light" leftSection={<IconCircleX size={14} aria-hidden />}>
                      {t.rejected}
                    </Badge>
                  ) : (
                    <Badge
                      color="orange"
                      c="gray.9"
                      variant="light"
                      leftSection={<IconAlertTriangle size={14} aria-hidden color="var(--mantine-color-orange-9)" />}
                    >
                      {t.modified}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{v.message || t.noReason}</Table.Td>
                <Table.Td>{formatDateTime(v.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
