// Administration: the document types the commune asks families for (attestation d'assurance, vaccinations…),
// for the household or each child, how long they stay valid, and whether the yearly file or an activity's
// enrolment requires them. Saved with documentType.save; a type is archived, never deleted.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { call, type Returned } from '../../api';
import { useCommand } from '../../commands';
import { newId } from '../../ids';
import { LoadingLine } from '../../components/LoadingLine';
import { AdminListHeader, AdminModalForm, useCloseWhenSaved } from './AdminListParts';
import { onlineText } from './onlineText';

const t = onlineText.documentTypes;
type DocumentType = Returned<'documents.types'>[number];

export function DocumentTypesScreen() {
  const types = useQuery({ queryKey: ['requests', 'documentTypes'], queryFn: () => call('documents.types', {}) });
  const activities = useQuery({
    queryKey: ['requests', 'activities', 'all'],
    queryFn: () => call('activities.list', { includeArchived: false }),
  });
  const [editing, setEditing] = useState<DocumentType | 'new' | null>(null);
  const names = new Map((activities.data ?? []).map((a) => [a.id, a.name]));
  return (
    <Stack maw={1100}>
      <AdminListHeader title={t.title} action={t.add} onAction={() => setEditing('new')} intro={t.intro} />
      {types.isPending ? (
        <LoadingLine label={t.loading} />
      ) : (types.data ?? []).length === 0 ? (
        <Text c="dimmed">{t.empty}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.columns.name}</Table.Th>
              <Table.Th>{t.columns.scope}</Table.Th>
              <Table.Th>{t.columns.validity}</Table.Th>
              <Table.Th>{t.columns.required}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t.columns.actions}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(types.data ?? []).map((type) => (
              <Table.Tr key={type.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {type.name}{' '}
                    {type.archivedAt && (
                      <Badge size="sm" color="gray.7" variant="outline">
                        {t.archived}
                      </Badge>
                    )}
                  </Text>
                  {type.description && (
                    <Text size="xs" c="dimmed">
                      {type.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t.scopes[type.scope]}</Table.Td>
                <Table.Td>{t.validity(type.validity, type.validityMonths)}</Table.Td>
                <Table.Td>
                  {t.requiredFor(
                    type.requiredForFile,
                    type.requiredForActivities.map((id) => names.get(id) ?? '?'),
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={() => setEditing(type)}
                    aria-label={t.edit(type.name)}
                  >
                    Modifier
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing && editing !== 'new' ? t.edit(editing.name) : t.add}
        size="lg"
      >
        {editing && (
          <TypeForm
            type={editing === 'new' ? null : editing}
            activities={(activities.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            position={(types.data ?? []).length}
            onClose={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function TypeForm({
  type,
  activities,
  position,
  onClose,
}: {
  type: DocumentType | null;
  activities: { value: string; label: string }[];
  position: number;
  onClose: () => void;
}) {
  const f = t.form;
  const save = useCommand('documentType.save', { success: f.saved });
  const [documentTypeId] = useState(() => type?.id ?? newId());
  const [name, setName] = useState(type?.name ?? '');
  const [description, setDescription] = useState(type?.description ?? '');
  const [scope, setScope] = useState<'household' | 'child'>(type?.scope ?? 'household');
  const [validity, setValidity] = useState<'schoolYear' | 'months' | 'permanent'>(type?.validity ?? 'schoolYear');
  const [validityMonths, setMonths] = useState<number>(type?.validityMonths || 12);
  const [requiredForFile, setRequiredForFile] = useState(type?.requiredForFile ?? false);
  const [requiredForActivities, setActivities] = useState<string[]>(type?.requiredForActivities ?? []);
  const [archived, setArchived] = useState(type?.archivedAt != null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const closeWhenSaved = useCloseWhenSaved(onClose, setErrors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save.run({
      documentTypeId,
      name: name.trim(),
      description: description.trim(),
      scope,
      validity,
      validityMonths: validity === 'months' ? validityMonths : 0,
      requiredForFile,
      requiredForActivities,
      position: type?.position ?? position,
      archived,
    });
    await closeWhenSaved(result);
  };

  return (
    <AdminModalForm onSubmit={submit} onClose={onClose} cancel={f.cancel} save={f.save} pending={save.pending}>
      <TextInput
        label={f.name}
        required
        data-autofocus
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setErrors(({ name: _done, ...rest }) => rest);
        }}
        maxLength={150}
      />
      <Textarea
        label={f.description}
        autosize
        minRows={2}
        value={description}
        error={errors.description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={1000}
      />
      <Radio.Group label={f.scope} value={scope} onChange={(v) => setScope(v as typeof scope)}>
        <Group mt={6}>
          <Radio value="household" label={t.scopes.household} />
          <Radio value="child" label={t.scopes.child} />
        </Group>
      </Radio.Group>
      <Select
        label={f.validity}
        data={(['schoolYear', 'months', 'permanent'] as const).map((v) => ({ value: v, label: f.validities[v] }))}
        value={validity}
        allowDeselect={false}
        onChange={(v) => setValidity((v ?? 'schoolYear') as typeof validity)}
      />
      {validity === 'months' && (
        <NumberInput
          label={f.months}
          min={1}
          max={120}
          value={validityMonths}
          error={errors.validityMonths}
          onChange={(v) => setMonths(typeof v === 'number' ? v : 0)}
          w={160}
        />
      )}
      <Checkbox
        label={f.requiredForFile}
        checked={requiredForFile}
        onChange={(e) => setRequiredForFile(e.currentTarget.checked)}
      />
      <MultiSelect
        // Mantine's default pill is too pale for its text (WCAG AA).
        styles={{ pill: { backgroundColor: 'var(--mantine-color-gray-2)', color: 'var(--mantine-color-gray-9)' } }}
        label={f.requiredForActivities}
        data={activities}
        value={requiredForActivities}
        onChange={setActivities}
        clearable
        searchable
      />
      {type && <Checkbox label={f.archived} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />}
    </AdminModalForm>
  );
}
