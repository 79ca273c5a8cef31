// Accepting an enrolment request: the tariff category (résident by default), the group (by default the one the
// child's school level maps to, chosen when the enrolment is counted), the activity's enrolment capacity
// and the documents the activity needs. When the capacity is reached the command refuses ('full'); staff may
// then accept anyway with a reason, or put the request on the waiting list instead.
import { Alert, Badge, Button, Checkbox, Group, List, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { newId } from '../../ids';
import { schoolLevelLabels } from '../families/labels';
import { useEnrolmentDetail, useRequestCommand, type EnrolmentDetail } from './queries';
import { text } from './text';

const t = text.accept;
const BY_LEVEL = 'byLevel';
const levelName = (level: string) => schoolLevelLabels[level as keyof typeof schoolLevelLabels]?.split(' – ')[0] ?? level;
const stateColor = (state: string) => (state === 'validated' ? 'green' : state === 'received' ? 'blue' : 'orange');

export function AcceptEnrolmentModal({
  requestId,
  onClose,
  onDone,
}: {
  requestId: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Modal opened={requestId !== null} onClose={onClose} title={t.title} size="lg">
      {requestId && <AcceptBody requestId={requestId} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function AcceptBody({ requestId, onClose, onDone }: { requestId: string; onClose: () => void; onDone: () => void }) {
  const detail = useEnrolmentDetail(requestId);
  if (detail.isPending) return <LoadingLine label={t.loading} />;
  if (!detail.data) return <Text>{text.emptyFiltered}</Text>;
  return <AcceptForm detail={detail.data} onClose={onClose} onDone={onDone} />;
}

function AcceptForm({ detail, onClose, onDone }: { detail: EnrolmentDetail; onClose: () => void; onDone: () => void }) {
  const [enrolmentId] = useState(newId);
  const [tariffCategory, setTariff] = useState<'resident' | 'nonResident'>('resident');
  // BY_LEVEL stands for « Selon le niveau scolaire » (groupId null): Select values are non-empty strings.
  const [groupId, setGroupId] = useState(BY_LEVEL);
  const [full, setFull] = useState(detail.full);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const accept = useRequestCommand('enrolmentRequest.accept', { success: text.done.accepted });
  const { request, child, activity } = detail;
  const levelGroup = detail.groups.find((g) => g.id === detail.levelGroupId) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (force && !reason.trim()) {
      setReasonError(t.forceReasonRequired);
      return;
    }
    const result = await accept.run({
      requestId: request.id,
      enrolmentId,
      tariffCategory,
      groupId: groupId === BY_LEVEL ? null : groupId,
      force,
      reason: force ? reason.trim() : '',
    });
    if (!result) return;
    if (result.ok) {
      onDone();
      onClose();
    } else if (result.code === 'full') setFull(true);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div>
          <Text fw={700}>
            {child.firstName} {child.lastName} — {activity.name}
          </Text>
          <Text size="sm">{text.period(request.fromDate, request.toDate)}</Text>
          <Text size="sm" c="dimmed" data-testid="enrolment-capacity">
            {t.capacity(detail.enrolled, activity.enrolmentCapacity)}
          </Text>
        </div>
        <Radio.Group label={t.tariff} value={tariffCategory} onChange={(value) => setTariff(value as typeof tariffCategory)}>
          <Group mt={6}>
            <Radio value="resident" label={t.resident} data-autofocus />
            <Radio value="nonResident" label={t.nonResident} />
          </Group>
        </Radio.Group>
        {detail.groups.length > 0 && (
          <div>
            <Select
              label={t.group}
              data={[
                { value: BY_LEVEL, label: levelGroup ? t.groupByLevelOf(levelGroup.name) : t.groupByLevel },
                ...detail.groups.map((g) => ({ value: g.id, label: g.name })),
              ]}
              value={groupId}
              onChange={(value) => setGroupId(value ?? BY_LEVEL)}
              allowDeselect={false}
              w={320}
            />
            <Text size="xs" c="dimmed" mt={2} data-testid="level-group">
              {child.schoolLevel ? t.levelMaps(levelName(child.schoolLevel), levelGroup?.name ?? null) : t.noLevel}
            </Text>
          </div>
        )}
        <div>
          <Text size="sm" fw={600}>
            {t.documents}
          </Text>
          {detail.documents.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.noDocuments}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {detail.documents.map((d) => (
                <List.Item key={`${d.documentTypeId}:${d.childId ?? ''}`}>
                  {d.name}{' '}
                  <Badge size="sm" variant="light" color={stateColor(d.state)} c="gray.9">
                    {text.documentState[d.state]}
                  </Badge>
                </List.Item>
              ))}
            </List>
          )}
        </div>
        {full && activity.enrolmentCapacity !== null && (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t.fullTitle} role="alert">
            <Stack gap="xs">
              <Text size="sm">{t.full(activity.enrolmentCapacity)}</Text>
              <Checkbox label={t.force} checked={force} onChange={(event) => setForce(event.currentTarget.checked)} />
              {force && (
                <Textarea
                  label={t.forceReason}
                  required
                  autosize
                  minRows={2}
                  maxLength={300}
                  value={reason}
                  error={reasonError}
                  onChange={(event) => {
                    setReason(event.currentTarget.value);
                    setReasonError(null);
                  }}
                />
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {text.refuse.cancel}
          </Button>
          <Button type="submit" loading={accept.pending} disabled={full && !force}>
            {t.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
