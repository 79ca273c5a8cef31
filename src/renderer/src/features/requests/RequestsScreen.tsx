// « Demandes »: everything families asked for online, in one queue, oldest first — enrolment requests (and those
// on the waiting list), yearly files, new families, documents — with filters and counts per kind, and the
// documents that expire this month. Keyboard first: ↑/↓ (or j/k) move, Entrée opens (a yearly file: what the
// family filed, with its decision buttons), `a` accepts, `r` refuses
// (with a reason), `l` puts an enrolment request on the waiting list, `v` shows the document; after a decision
// the next item is selected and the list keeps the focus.
import { Alert, Badge, Button, Grid, Group, Kbd, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconClockPause, IconEye, IconFolderOpen, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { formatDateTime } from '../families/format';
import { AcceptEnrolmentModal } from './AcceptEnrolmentModal';
import { DocumentViewer, type ViewedDocument } from './DocumentViewer';
import { ExpiringPanel } from './ExpiringPanel';
import { HouseholdFileModal } from './HouseholdFileModal';
import { PendingBadge } from './PendingBadge';
import { ReasonModal } from './ReasonModal';
import { SignUpModal } from './SignUpModal';
import { useActivityOptions, useQueue, useRequestCommand, type QueueFilter, type QueueItem, type RequestKind } from './queries';
import { text } from './text';

type Dialog =
  | { kind: 'accept'; requestId: string }
  | { kind: 'refuse'; item: QueueItem }
  | { kind: 'viewer'; doc: ViewedDocument }
  | { kind: 'signUp'; householdId: string }
  | { kind: 'file'; fileId: string; intent: 'view' | 'accept' }
  | null;

const kindColor: Record<RequestKind, string> = {
  enrolment: 'blue',
  householdFile: 'grape',
  signUp: 'orange',
  document: 'indigo',
};

export function RequestsScreen() {
  const [kind, setKind] = useState<RequestKind | 'all'>('all');
  const [activityId, setActivityId] = useState<string | null>(null);
  const [status, setStatus] = useState<'all' | 'pending' | 'waitlisted'>('all');
  const filter: QueueFilter = {
    ...(kind === 'all' ? {} : { kind }),
    ...(activityId ? { activityId } : {}),
    ...(status === 'all' ? {} : { status }),
  };
  const queue = useQueue(filter);
  const activities = useActivityOptions();
  const items = queue.data?.items ?? [];
  const counts = queue.data?.counts;
  const [index, setIndex] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const selected = items[Math.min(index, items.length - 1)] ?? null;

  // The list shrinks after a decision: the item now at the same place (the next one) is selected.
  useEffect(() => {
    if (index > 0 && index >= items.length) setIndex(Math.max(0, items.length - 1));
  }, [items.length, index]);
  useEffect(() => {
    if (selected) document.getElementById(optionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const refuseRequest = useRequestCommand('enrolmentRequest.refuse', { success: text.done.refused });
  const refuseFile = useRequestCommand('householdFile.refuse', { success: text.done.refused });
  const refuseSignUp = useRequestCommand('household.refuseSignUp', { success: text.done.refused });
  const refuseDocument = useRequestCommand('document.refuse', { success: text.done.documentRefused });
  const waitlist = useRequestCommand('enrolmentRequest.waitlist', { success: text.done.waitlisted });

  const focusList = () => setTimeout(() => listRef.current?.focus(), 0);
  const closeDialog = () => {
    setDialog(null);
    focusList();
  };

  const viewerOf = (item: QueueItem): ViewedDocument => ({
    id: item.id,
    typeName: item.documentTypeName ?? '',
    householdName: item.householdName,
    childName: item.childName,
    decidable: item.status === 'received',
  });

  const act = {
    open(item: QueueItem) {
      if (item.kind === 'document') setDialog({ kind: 'viewer', doc: viewerOf(item) });
      else if (item.kind === 'signUp') setDialog({ kind: 'signUp', householdId: item.householdId });
      else if (item.kind === 'enrolment') setDialog({ kind: 'accept', requestId: item.id });
      else setDialog({ kind: 'file', fileId: item.id, intent: 'view' });
    },
    accept(item: QueueItem) {
      if (item.kind === 'enrolment') setDialog({ kind: 'accept', requestId: item.id });
      else if (item.kind === 'householdFile') setDialog({ kind: 'file', fileId: item.id, intent: 'accept' });
      else act.open(item);
    },
    refuse(item: QueueItem) {
      setDialog({ kind: 'refuse', item });
    },
    async waitlist(item: QueueItem) {
      if (item.kind !== 'enrolment' || item.status !== 'pending') return;
      const result = await waitlist.run({ requestId: item.id });
      // The request stays in the list (on the waiting list): move on to the next one.
      if (result?.ok) setIndex((i) => Math.min(i + 1, items.length - 1));
      focusList();
    },
    view(item: QueueItem) {
      if (item.kind === 'document') setDialog({ kind: 'viewer', doc: viewerOf(item) });
    },
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = (to: number) => {
      event.preventDefault();
      setIndex(Math.max(0, Math.min(items.length - 1, to)));
    };
    const current = Math.min(index, items.length - 1);
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        return move(current + 1);
      case 'ArrowUp':
      case 'k':
        return move(current - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
    }
    if (!selected) return;
    const handlers: Record<string, () => void> = {
      Enter: () => act.open(selected),
      a: () => act.accept(selected),
      r: () => act.refuse(selected),
      l: () => void act.waitlist(selected),
      v: () => act.view(selected),
    };
    const handler = handlers[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  };

  const kindOptions = (['all', 'enrolment', 'householdFile', 'signUp', 'document'] as const).map((k) => {
    const n = counts
      ? k === 'all'
        ? counts.total + counts.waitlisted
        : k === 'enrolment'
          ? counts.enrolment + counts.waitlisted
          : counts[k]
      : null;
    return { value: k, label: n === null ? text.kinds[k] : `${text.kinds[k]} (${n})` };
  });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {text.title}
        </Title>
        <Text size="sm" c="dimmed">
          {text.intro}
        </Text>
      </div>
      <Group align="flex-end" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="kind-filter-label">
            {text.filters.kind}
          </Text>
          <SegmentedControl
            aria-labelledby="kind-filter-label"
            data={kindOptions}
            value={kind}
            onChange={(value) => {
              setKind(value as typeof kind);
              setIndex(0);
            }}
          />
        </Stack>
        <Select
          label={text.filters.activity}
          placeholder={text.filters.allActivities}
          data={(activities.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={activityId}
          onChange={(value) => {
            setActivityId(value);
            setIndex(0);
          }}
          clearable
          w={220}
        />
        <Select
          label={text.filters.status}
          data={(['all', 'pending', 'waitlisted'] as const).map((v) => ({ value: v, label: text.filters.statuses[v] }))}
          value={status}
          allowDeselect={false}
          onChange={(value) => {
            setStatus((value ?? 'all') as typeof status);
            setIndex(0);
          }}
          w={170}
        />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="xs">
            <Group gap="xs" aria-label="Actions sur la demande choisie" role="group">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconFolderOpen size={14} aria-hidden />}
                disabled={!selected}
                onClick={() => selected && act.open(selected)}
                aria-keyshortcuts="Enter"
              >
                {text.actions.open}{' '}
                <Kbd ml={6} size="xs">
                  Entrée
                </Kbd>
              </Button>
              <Button
                size="xs"
                leftSection={<IconCheck size={14} aria-hidden />}
                disabled={!selected}
                onClick={() => selected && act.accept(selected)}
                aria-keyshortcuts="a"
              >
                {selected?.kind === 'document' || selected?.kind === 'signUp' ? text.actions.decide : text.actions.accept}{' '}
                <Kbd ml={6} size="xs">
                  a
                </Kbd>
              </Button>
              <Button
                size="xs"
                color="red.9"
                variant="outline"
                leftSection={<IconX size={14} aria-hidden />}
                disabled={!selected}
                onClick={() => selected && act.refuse(selected)}
                aria-keyshortcuts="r"
              >
                {text.actions.refuse}{' '}
                <Kbd ml={6} size="xs">
                  r
                </Kbd>
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconClockPause size={14} aria-hidden />}
                disabled={selected?.kind !== 'enrolment' || selected.status !== 'pending'}
                onClick={() => selected && void act.waitlist(selected)}
                aria-keyshortcuts="l"
              >
                {text.actions.waitlist}{' '}
                <Kbd ml={6} size="xs">
                  l
                </Kbd>
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconEye size={14} aria-hidden />}
                disabled={selected?.kind !== 'document'}
                onClick={() => selected && act.view(selected)}
                aria-keyshortcuts="v"
              >
                {text.actions.view}{' '}
                <Kbd ml={6} size="xs">
                  v
                </Kbd>
              </Button>
            </Group>
            <Text size="xs" c="dimmed" id="requests-shortcuts">
              {text.shortcuts}
            </Text>
            {queue.isPending ? (
              <LoadingLine label={text.loading} />
            ) : items.length === 0 ? (
              <Alert color="gray" role="status">
                {kind === 'all' && !activityId && status === 'all' ? text.empty : text.emptyFiltered}
              </Alert>
            ) : (
              <div
                ref={listRef}
                role="listbox"
                tabIndex={0}
                aria-label={text.listLabel}
                aria-describedby="requests-shortcuts"
                aria-activedescendant={selected ? optionId(selected) : undefined}
                onKeyDown={onKeyDown}
                data-testid="requests-list"
                style={{
                  border: '1px solid var(--mantine-color-gray-4)',
                  borderRadius: 6,
                  maxHeight: 'calc(100vh - 330px)',
                  overflowY: 'auto',
                }}
              >
                {items.map((item, i) => (
                  <QueueRow
                    key={`${item.kind}:${item.id}`}
                    item={item}
                    selected={item === selected}
                    onClick={() => {
                      setIndex(i);
                      listRef.current?.focus();
                    }}
                    onOpen={() => act.open(item)}
                  />
                ))}
              </div>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <ExpiringPanel />
        </Grid.Col>
      </Grid>

      <AcceptEnrolmentModal
        requestId={dialog?.kind === 'accept' ? dialog.requestId : null}
        onClose={closeDialog}
        onDone={() => undefined}
      />
      <DocumentViewer doc={dialog?.kind === 'viewer' ? dialog.doc : null} onClose={closeDialog} onDecided={() => undefined} />
      <SignUpModal
        householdId={dialog?.kind === 'signUp' ? dialog.householdId : null}
        onClose={closeDialog}
        onDone={() => undefined}
      />
      <ReasonModal
        opened={dialog?.kind === 'refuse'}
        title={dialog?.kind === 'refuse' && dialog.item.kind === 'document' ? text.refuse.documentTitle : text.refuse.title}
        onClose={closeDialog}
        onConfirm={async (reason) => {
          if (dialog?.kind !== 'refuse') return false;
          const { item } = dialog;
          const result =
            item.kind === 'enrolment'
              ? await refuseRequest.run({ requestId: item.id, reason })
              : item.kind === 'householdFile'
                ? await refuseFile.run({ fileId: item.id, reason })
                : item.kind === 'signUp'
                  ? await refuseSignUp.run({ householdId: item.householdId, reason })
                  : await refuseDocument.run({ documentId: item.id, reason });
          return result?.ok ?? false;
        }}
      />
      <HouseholdFileModal
        fileId={dialog?.kind === 'file' ? dialog.fileId : null}
        intent={dialog?.kind === 'file' ? dialog.intent : 'view'}
        onClose={closeDialog}
        onDone={() => undefined}
      />
    </Stack>
  );
}

const optionId = (item: QueueItem) => `request-${item.kind}-${item.id}`;

function QueueRow({
  item,
  selected,
  onClick,
  onOpen,
}: {
  item: QueueItem;
  selected: boolean;
  onClick: () => void;
  onOpen: () => void;
}) {
  const line =
    item.kind === 'enrolment'
      ? `${item.childName} — ${item.activityName}, ${text.period(item.fromDate!, item.toDate!)}`
      : item.kind === 'document'
        ? `${item.documentTypeName}${item.childName ? ` (${item.childName})` : ''} — ${item.fileName}`
        : item.kind === 'householdFile'
          ? text.schoolYear(item.schoolYear ?? '')
          : (item.summary ?? text.kindOne.signUp).replace(/\((\d{4})-(\d{2})-(\d{2})\)/g, 'né(e) le $3/$2/$1');
  return (
    <div
      id={optionId(item)}
      role="option"
      aria-selected={selected}
      onClick={onClick}
      onDoubleClick={onOpen}
      data-kind={item.kind}
      style={{
        padding: '8px 12px',
        cursor: 'pointer',
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        background: selected ? 'var(--mantine-color-blue-0)' : undefined,
        boxShadow: selected ? 'inset 4px 0 0 var(--mantine-color-blue-7)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="sm" variant="light" color={kindColor[item.kind]} c="gray.9" style={{ flexShrink: 0 }}>
              {text.kindOne[item.kind]}
            </Badge>
            <Text fw={700} size="sm" truncate>
              {item.householdName}
            </Text>
            {item.householdPending && item.kind !== 'signUp' && <PendingBadge />}
            {item.status === 'waitlisted' && (
              <Badge size="sm" color="gray.8" variant="outline">
                {text.status.waitlisted}
              </Badge>
            )}
          </Group>
          <Text size="sm" truncate>
            {line}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {text.requestedOn(formatDateTime(item.at))}
        </Text>
      </Group>
    </div>
  );
}
