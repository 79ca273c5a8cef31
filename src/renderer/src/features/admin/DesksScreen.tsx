// Administration › Postes (`#/admin/postes`): the commune's desks as the hub knows them (name, state, when
// linked, last contact, last push), a one-time enrolment code for a new named desk (shown once in a dialog,
// with its expiry and where to type it), and the revocation of another desk after a confirmation. Everything
// here is asked of the hub: standalone or offline, the screen says so plainly instead of a list.
import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconBan, IconCloudOff, IconKey } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { ScreenTitle } from '../../components/ScreenTitle';
import { call, type Returned } from '../../api';
import { formatDateTime } from '../families/format';
import { useDeskInfo, useSyncStatus } from '../sync/queries';
import { formatWhen, statusView } from '../sync/statusView';
import { desksText as t } from './desksText';

type DeskView = Extract<Returned<'desks.list'>, { ok: true }>['value'][number];
type EnrolmentCode = Extract<Returned<'desks.createCode'>, { ok: true }>['value'];

const desksKeys = { list: ['desks', 'list'] as const };

export function DesksScreen() {
  const info = useDeskInfo();
  const status = useSyncStatus();
  const kind = statusView(info.data, status.data).kind;
  const online = kind === 'online';
  const list = useQuery({
    queryKey: desksKeys.list,
    queryFn: async () => {
      const result = await call('desks.list', {});
      if (!result.ok) throw new Error(result.message);
      return result.value;
    },
    enabled: online,
    retry: false,
  });
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const [revoking, setRevoking] = useState<DeskView | null>(null);

  return (
    <Stack gap="md" maw={1100}>
      <ScreenTitle title={t.title} intro={t.intro} introMaw={820} />
      {!online ? (
        <Alert
          color={kind === 'unknown' || kind === 'initial' ? 'blue' : 'orange'}
          icon={<IconCloudOff aria-hidden />}
          title={t.unavailableTitle}
          role="status"
        >
          <Text size="sm">{t.unavailable[kind] ?? t.unavailable.unknown}</Text>
        </Alert>
      ) : (
        <>
          <CreateCard onCreated={setCode} />
          <Card withBorder component="section" aria-labelledby="desks-title" padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="desks-title">
                {t.list.title}
              </Title>
              {list.data && <Text size="sm">{t.list.count(list.data.length)}</Text>}
            </Group>
            {list.isPending ? (
              <LoadingLine label={t.list.loading} />
            ) : list.isError ? (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                {list.error.message}
              </Alert>
            ) : (
              <DesksTable desks={list.data} onRevoke={setRevoking} />
            )}
          </Card>
        </>
      )}
      <Modal opened={code !== null} onClose={() => setCode(null)} title={t.code.title} size="lg">
        {code && <CodeBody code={code} hubUrl={info.data?.hub?.url ?? ''} onClose={() => setCode(null)} />}
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t.revoke.title}>
        {revoking && <RevokeBody desk={revoking} onClose={() => setRevoking(null)} />}
      </Modal>
    </Stack>
  );
}

function CreateCard({ onCreated }: { onCreated: (code: EnrolmentCode) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const create = useMutation({ mutationFn: (desk: string) => call('desks.createCode', { name: desk }) });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t.create.nameRequired);
      input.current?.focus();
      return;
    }
    setError(null);
    const result = await create.mutateAsync(name).catch((e: Error) => ({ ok: false as const, message: e.message }));
    if (!result.ok) {
      setError(result.message);
      input.current?.focus();
      return;
    }
    setName('');
    onCreated(result.value);
    await queryClient.invalidateQueries({ queryKey: desksKeys.list });
  };
  return (
    <Card withBorder component="section" aria-labelledby="new-desk-title" padding="md">
      <Title order={2} size="h4" id="new-desk-title">
        {t.create.title}
      </Title>
      <Text size="sm" mt={4} mb="sm">
        {t.create.hint}
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            ref={input}
            label={t.create.name}
            placeholder={t.create.placeholder}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            maxLength={60}
            w={360}
          />
          <Button type="submit" mt={25} leftSection={<IconKey size={18} aria-hidden />} loading={create.isPending}>
            {t.create.submit}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function DesksTable({ desks, onRevoke }: { desks: DeskView[]; onRevoke: (desk: DeskView) => void }) {
  const c = t.list.columns;
  const when = (instant: string | null) => (instant ? formatWhen(instant) : t.list.never);
  return (
    <Table verticalSpacing="xs" striped aria-labelledby="desks-title" data-testid="desks-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{c.name}</Table.Th>
          <Table.Th>{c.state}</Table.Th>
          <Table.Th>{c.enrolledAt}</Table.Th>
          <Table.Th>{c.lastSeen}</Table.Th>
          <Table.Th>{c.lastPush}</Table.Th>
          <Table.Th>{c.actions}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {desks.map((desk) => (
          <Table.Tr key={desk.deskId}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {desk.name}
                </Text>
                {desk.current && (
                  <Badge variant="outline" color="blue" size="sm">
                    {t.list.current}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                c="dark.8"
                color={{ enrolled: 'green', waiting: 'blue', expired: 'gray', revoked: 'red' }[desk.state]}
              >
                {t.list.states[desk.state]}
              </Badge>
              {desk.state === 'waiting' && desk.codeExpiresAt && (
                <Text size="xs" mt={2}>
                  {t.list.codeUntil(formatDateTime(desk.codeExpiresAt))}
                </Text>
              )}
              {desk.state === 'revoked' && desk.revokedAt && (
                <Text size="xs" mt={2}>
                  {t.list.revokedOn(formatDateTime(desk.revokedAt))}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{desk.enrolledAt ? formatDateTime(desk.enrolledAt) : t.list.never}</Table.Td>
            <Table.Td>{when(desk.lastSeenAt)}</Table.Td>
            <Table.Td>{when(desk.lastPushAt)}</Table.Td>
            <Table.Td>
              {!desk.current && desk.state !== 'revoked' && (
                <Button
                  size="compact-sm"
                  variant="default"
                  color="red"
                  leftSection={<IconBan size={14} aria-hidden />}
                  onClick={() => onRevoke(desk)}
                  aria-label={t.list.revokeOf(desk.name)}
                >
                  {t.list.revoke}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CodeBody({ code, hubUrl, onClose }: { code: EnrolmentCode; hubUrl: string; onClose: () => void }) {
  return (
    <Stack gap="sm">
      <Text size="sm" id="enrolment-code-label">
        {t.code.for(code.name)}
      </Text>
      <Text
        component="output"
        aria-labelledby="enrolment-code-label"
        data-testid="enrolment-code"
        ff="monospace"
        fz={32}
        fw={700}
        ta="center"
        py="sm"
        style={{ letterSpacing: '0.12em', border: '2px dashed var(--mantine-color-gray-5)', borderRadius: 8 }}
      >
        {code.code}
      </Text>
      <Text size="sm" fw={600}>
        {t.code.validUntil(formatDateTime(code.expiresAt))}
      </Text>
      <Text size="sm">{t.code.howTo(hubUrl)}</Text>
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="note">
        <Text size="sm">{t.code.once}</Text>
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t.code.done}</Button>
      </Group>
    </Stack>
  );
}

function RevokeBody({ desk, onClose }: { desk: DeskView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation({ mutationFn: () => call('desks.revoke', { deskId: desk.deskId }) });
  const confirm = async () => {
    setError(null);
    const result = await revoke.mutateAsync().catch((e: Error) => ({ ok: false as const, message: e.message }));
    if (!result.ok) return setError(result.message);
    queryClient.setQueryData(desksKeys.list, result.value);
    notifications.show({ color: 'green', title: t.revoke.done, message: t.revoke.doneMessage(desk.name) });
    onClose();
  };
  return (
    <Stack gap="sm">
      <Text fw={700}>{t.revoke.question(desk.name)}</Text>
      <List size="sm" spacing={4}>
        {t.revoke.effects.map((effect) => (
          <List.Item key={effect}>{effect}</List.Item>
        ))}
      </List>
      {error && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.revoke.cancel}
        </Button>
        <Button color="red" leftSection={<IconBan size={16} aria-hidden />} loading={revoke.isPending} onClick={confirm}>
          {t.revoke.confirm}
        </Button>
      </Group>
    </Stack>
  );
}
