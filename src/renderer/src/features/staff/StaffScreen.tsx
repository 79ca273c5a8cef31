// Administration › Comptes (`#/admin/comptes`): the staff accounts (name, identifiant, rôle, état), creating and
// editing them, setting a password, deactivating; and the desk's lock delay. In set-up mode it is where the
// first administrator account is created.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleOff,
  IconKey,
  IconPencil,
  IconPlus,
  IconRocket,
  IconUserOff,
  IconUserCheck,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ROLE_LABEL } from '../../../../shared/permissions';
import { useCommand } from '../../commands';
import { useSession } from '../session/SessionContext';
import { darkTitle } from '../admin/alertStyles';
import { StateBadge } from '../admin/StateBadge';
import { LockDelayCard } from './LockDelayCard';
import { PasswordModal } from './PasswordModal';
import { staffKeys, useStaffList, type StaffAccount } from './queries';
import { StaffForm } from './StaffForm';
import { text } from './text';

export function StaffScreen() {
  const { setupMode, user } = useSession();
  const list = useStaffList();
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null);
  const [password, setPassword] = useState<StaffAccount | null>(null);
  const [deactivating, setDeactivating] = useState<StaffAccount | null>(null);

  return (
    <Stack gap="md" maw={1100}>
      <ScreenTitle title={text.title} intro={text.intro} />
      {setupMode && (
        <Alert color="orange" icon={<IconRocket aria-hidden />} title={text.setupTitle} role="note" styles={darkTitle}>
          {text.setupIntro}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="staff-list-title" padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="staff-list-title">
            {text.listTitle}
          </Title>
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
            {text.add}
          </Button>
        </Group>
        {list.isPending ? (
          <LoadingLine label={text.loading} />
        ) : list.isError ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {list.error.message}
          </Alert>
        ) : list.data.length === 0 ? (
          <Text c="dimmed">{text.empty}</Text>
        ) : (
          <Table verticalSpacing="xs" striped highlightOnHover aria-labelledby="staff-list-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{text.columns.name}</Table.Th>
                <Table.Th>{text.columns.login}</Table.Th>
                <Table.Th>{text.columns.role}</Table.Th>
                <Table.Th>{text.columns.state}</Table.Th>
                <Table.Th>{text.columns.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((account) => (
                <StaffRow
                  key={account.id}
                  account={account}
                  isMe={account.id === user?.id}
                  // In set-up mode only an administrator's password may end set-up mode (see StaffForm).
                  mayGetPassword={!setupMode || account.role === 'admin'}
                  onEdit={() => setEditing(account)}
                  onPassword={() => setPassword(account)}
                  onDeactivate={() => setDeactivating(account)}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {!setupMode && <LockDelayCard />}

      <StaffForm
        opened={editing !== null}
        onClose={() => setEditing(null)}
        account={editing === 'new' || editing === null ? undefined : editing}
      />
      <PasswordModal account={password} onClose={() => setPassword(null)} />
      <DeactivateModal account={deactivating} onClose={() => setDeactivating(null)} />
    </Stack>
  );
}

function StaffRow({
  account,
  isMe,
  mayGetPassword,
  onEdit,
  onPassword,
  onDeactivate,
}: {
  account: StaffAccount;
  isMe: boolean;
  mayGetPassword: boolean;
  onEdit: () => void;
  onPassword: () => void;
  onDeactivate: () => void;
}) {
  const queryClient = useQueryClient();
  const save = useCommand('staff.save', { success: text.deactivateDialog.reactivated, failure: text.form.failed });
  const reactivate = async () => {
    const result = await save.run({
      staffId: account.id,
      login: account.login,
      name: account.name,
      role: account.role,
      active: true,
    });
    if (result?.ok) await queryClient.invalidateQueries({ queryKey: staffKeys.all });
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600} span>
          {account.name}
        </Text>
        {isMe && (
          <Text size="sm" span ml={6}>
            {text.you}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {account.login}
        </Text>
      </Table.Td>
      <Table.Td>{ROLE_LABEL[account.role]}</Table.Td>
      <Table.Td>
        <Group gap={6}>
          {account.active ? (
            <StateBadge tone="ok">{text.active}</StateBadge>
          ) : (
            <Badge color="gray.7" variant="filled" leftSection={<IconCircleOff size={14} aria-hidden />}>
              {text.inactive}
            </Badge>
          )}
          {!account.hasPassword && (
            <Tooltip label={text.noPasswordHint}>
              <StateBadge tone="warning" tabIndex={0}>
                {text.noPassword}
              </StateBadge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={onEdit}
            aria-label={text.editOf(account.name)}
          >
            {text.edit}
          </Button>
          {mayGetPassword && (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconKey size={14} aria-hidden />}
              onClick={onPassword}
              aria-label={text.setPasswordOf(account.name)}
            >
              {text.setPassword}
            </Button>
          )}
          {account.active ? (
            <Button
              size="compact-sm"
              variant="default"
              color="red"
              leftSection={<IconUserOff size={14} aria-hidden />}
              onClick={onDeactivate}
              aria-label={text.deactivateOf(account.name)}
            >
              {text.deactivate}
            </Button>
          ) : (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconUserCheck size={14} aria-hidden />}
              onClick={reactivate}
              loading={save.pending}
              aria-label={text.reactivateOf(account.name)}
            >
              {text.reactivate}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DeactivateModal({ account, onClose }: { account: StaffAccount | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const save = useCommand('staff.save', { success: text.deactivateDialog.done, failure: text.form.failed });
  const confirm = async () => {
    if (!account) return;
    const result = await save.run({
      staffId: account.id,
      login: account.login,
      name: account.name,
      role: account.role,
      active: false,
    });
    if (result?.ok) {
      await queryClient.invalidateQueries({ queryKey: staffKeys.all });
      onClose();
    }
  };
  return (
    <Modal opened={account !== null} onClose={onClose} title={account ? text.deactivateOf(account.name) : ''}>
      {account && (
        <>
          <Text size="sm">{text.deactivateDialog.body(account.name)}</Text>
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button
              color="red"
              onClick={confirm}
              loading={save.pending}
              leftSection={<IconUserOff size={18} aria-hidden />}
              data-autofocus
            >
              {text.deactivateDialog.confirm}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
