// The « Espace famille » block of a guardian's card: the account's state (badge with icon and words), the
// identifier, and the actions — invite by e-mail (or again), print an activation letter, revoke (confirmed).
// Everything here runs at the hub: standalone or offline, the block says so and the buttons stay visible but
// inactive, with the reason read out with them (focusable, aria-disabled).
import { Badge, Box, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBan,
  IconCircleCheck,
  IconCloudOff,
  IconHelpCircle,
  IconMailForward,
  IconPrinter,
  IconSend,
  IconUserOff,
  type Icon,
} from '@tabler/icons-react';
import { useId, useState } from 'react';
import { formatInstantDate, fullName } from '../families/format';
import type { GuardianView } from '../families/queries';
import { useDeskInfo } from '../sync/queries';
import { ActivationLetterModal } from './ActivationLetter';
import { usePortalAction, usePortalAvailability, usePortalState, type PortalLetter, type PortalState } from './queries';
import { text } from './text';

function stateLook(state: PortalState | null | undefined): { label: string; icon: Icon; color: string } {
  const t = text.state;
  switch (state?.state) {
    case 'none':
      return { label: t.none, icon: IconUserOff, color: 'gray.8' };
    case 'invited':
      return {
        label: t.invited(state.invitedAt ? formatInstantDate(state.invitedAt) : ''),
        icon: IconMailForward,
        color: 'blue.9',
      };
    case 'active':
      return {
        label: t.active(state.activatedAt ? formatInstantDate(state.activatedAt) : ''),
        icon: IconCircleCheck,
        color: 'green.9',
      };
    case 'revoked':
      return { label: t.revoked, icon: IconBan, color: 'red.9' };
    default:
      return { label: t.unknown, icon: IconHelpCircle, color: 'gray.8' };
  }
}

export function PortalAccountBlock({ guardian: g }: { guardian: GuardianView }) {
  const name = `${g.civility} ${fullName(g)}`;
  const availability = usePortalAvailability();
  const account = usePortalState(g.id, availability.available);
  const info = useDeskInfo();
  const invite = usePortalAction('portal.invite');
  const makeLetter = usePortalAction('portal.letter');
  const revoke = usePortalAction('portal.revoke');
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [letter, setLetter] = useState<PortalLetter | null>(null);
  const reasonId = useId();
  const emailReasonId = useId();

  const current = account.data;
  const look = stateLook(current);
  const state = current?.state;
  const busy = invite.isPending || makeLetter.isPending || revoke.isPending;

  const failed = (message: string): undefined => {
    notifications.show({ color: 'red', title: text.done.failed, message, autoClose: 8000 });
  };

  const onInvite = async () => {
    const result = await invite.mutateAsync(g.id).catch((error: Error) => failed(error.message));
    if (!result) return;
    if (result.ok)
      notifications.show({ color: 'green', title: text.done.invited(result.value.email), message: text.done.invitedMessage });
    else failed(result.message);
  };
  const onLetter = async () => {
    const result = await makeLetter.mutateAsync(g.id).catch((error: Error) => failed(error.message));
    if (!result) return;
    if (result.ok) setLetter(result.value);
    else failed(result.message);
  };
  const onRevoke = async () => {
    const result = await revoke.mutateAsync(g.id).catch((error: Error) => failed(error.message));
    setConfirmRevoke(false);
    if (!result) return;
    if (result.ok) notifications.show({ color: 'green', title: text.done.revoked, message: text.done.revokedMessage });
    else failed(result.message);
  };

  const canInvite = state === 'none' || state === 'revoked' || state === 'invited';
  const canLetter = state === 'none' || state === 'revoked' || state === 'invited';
  const canRevoke = state === 'invited' || state === 'active';
  /** A button that keeps its place and focus when it cannot act now, with the reason read out. */
  const inactive = (noEmail: boolean) => {
    if (!noEmail && availability.available) return {};
    const describedBy = [availability.available ? '' : reasonId, noEmail ? emailReasonId : ''].filter(Boolean).join(' ');
    return { 'data-disabled': true, 'aria-disabled': true, 'aria-describedby': describedBy, onClick: undefined };
  };
  const Icon = look.icon;

  return (
    <Box
      component="section"
      aria-label={`${text.title} — ${name}`}
      mt="sm"
      pt="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={6}>
        <Text fw={700} size="sm">
          {text.title}
        </Text>
        {availability.available && account.isPending ? (
          <Group gap={6} wrap="nowrap">
            <Loader size={14} aria-hidden />
            <Text size="xs">{text.loading}</Text>
          </Group>
        ) : current || availability.available ? (
          <Badge
            variant="light"
            color={look.color.split('.')[0]}
            c={look.color}
            size="lg"
            h="auto"
            py={4}
            maw="100%"
            leftSection={<Icon size={16} aria-hidden />}
            styles={{ label: { whiteSpace: 'normal', lineHeight: 1.3, textAlign: 'left' } }}
            style={{ alignSelf: 'flex-start' }}
            data-testid="portal-state"
          >
            {look.label}
            {!availability.available && ` (${text.lastKnown})`}
          </Badge>
        ) : null}
        {current?.login && state !== 'none' && (
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {text.login(current.login)}
          </Text>
        )}
        {account.isError && availability.available && (
          <Text size="sm" c="red.9">
            {account.error.message}
          </Text>
        )}
        {!availability.available && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconCloudOff size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" id={reasonId}>
              {availability.reason}
            </Text>
          </Group>
        )}
        {(state || !availability.available) && (
          <Group gap="xs" mt={2}>
            {(canInvite || !state) && !(state === 'invited' && !g.email) && (
              <Button
                size="xs"
                variant={state === 'invited' ? 'default' : 'filled'}
                leftSection={<IconSend size={15} aria-hidden />}
                loading={invite.isPending}
                disabled={busy && !invite.isPending}
                onClick={() => void onInvite()}
                {...inactive(!g.email)}
              >
                {state === 'invited' ? text.actions.resend : text.actions.invite}
              </Button>
            )}
            {(canLetter || !state) && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPrinter size={15} aria-hidden />}
                loading={makeLetter.isPending}
                disabled={busy && !makeLetter.isPending}
                onClick={() => void onLetter()}
                {...inactive(false)}
              >
                {text.actions.letter}
              </Button>
            )}
            {canRevoke && (
              <Button
                size="xs"
                variant="default"
                color="red"
                c="red.9"
                leftSection={<IconBan size={15} aria-hidden />}
                disabled={busy}
                onClick={() => setConfirmRevoke(true)}
                {...inactive(false)}
              >
                {text.actions.revoke}
              </Button>
            )}
          </Group>
        )}
        {!g.email && (state === 'none' || state === 'revoked' || !state) && (
          <Text size="xs" id={emailReasonId}>
            {text.reasons.noEmail}
          </Text>
        )}
      </Stack>

      <Modal opened={confirmRevoke} onClose={() => setConfirmRevoke(false)} title={text.revoke.title(name)} size="md">
        <Text size="sm">{text.revoke.body}</Text>
        <Text size="sm" mt="xs">
          {text.revoke.later}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmRevoke(false)} data-autofocus>
            {text.revoke.cancel}
          </Button>
          <Button
            color="red.8"
            leftSection={<IconBan size={16} aria-hidden />}
            loading={revoke.isPending}
            onClick={() => void onRevoke()}
          >
            {text.revoke.confirm}
          </Button>
        </Group>
      </Modal>
      <ActivationLetterModal
        opened={letter !== null}
        onClose={() => setLetter(null)}
        guardianName={name}
        guardian={g}
        commune={info.data?.hub?.commune ?? ''}
        letter={letter ?? undefined}
      />
    </Box>
  );
}
