// Administration: the règlement intérieur, versioned. Families accept the latest version with their yearly file;
// publishing (rules.publish) adds a version and never changes an earlier one.
import { Accordion, Badge, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { call, type Returned } from '../../api';
import { useCommand } from '../../commands';
import { newId } from '../../ids';
import { formatDateTime } from '../families/format';
import { LoadingLine } from '../../components/LoadingLine';
import { AdminListHeader, AdminModalForm, useCloseWhenSaved } from './AdminListParts';
import { onlineText } from './onlineText';

const t = onlineText.rules;
type RulesVersion = Returned<'documents.rulesVersions'>[number];

export function RulesScreen() {
  const versions = useQuery({ queryKey: ['requests', 'rulesVersions'], queryFn: () => call('documents.rulesVersions', {}) });
  const [publishing, setPublishing] = useState(false);
  const list = versions.data ?? [];
  return (
    <Stack maw={960}>
      <AdminListHeader title={t.title} action={t.publish} onAction={() => setPublishing(true)} intro={t.intro} />
      {versions.isPending ? (
        <LoadingLine />
      ) : list.length === 0 ? (
        <Text c="dimmed">{t.empty}</Text>
      ) : (
        // Keyed by the latest version: a new publication opens it.
        <Accordion key={list[0]!.id} variant="separated" defaultValue={list[0]!.id}>
          {list.map((v, i) => (
            <Accordion.Item key={v.id} value={v.id}>
              <Accordion.Control>
                <Group gap="sm">
                  <Text fw={700}>{t.version(v.version)}</Text>
                  <Text>{v.title}</Text>
                  {i === 0 && (
                    <Badge color="green" c="gray.9" variant="light">
                      {t.latest}
                    </Badge>
                  )}
                  <Text size="sm" c="dimmed">
                    {t.publishedOn(formatDateTime(v.publishedAt))} · {t.acceptedBy(v.acceptedBy)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {v.body}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <Modal opened={publishing} onClose={() => setPublishing(false)} title={t.publishTitle} size="xl">
        {publishing && <PublishForm latest={list[0] ?? null} onClose={() => setPublishing(false)} />}
      </Modal>
    </Stack>
  );
}

function PublishForm({ latest, onClose }: { latest: RulesVersion | null; onClose: () => void }) {
  const publish = useCommand('rules.publish', { success: t.published });
  const [rulesVersionId] = useState(newId);
  const [title, setTitle] = useState(latest?.title ?? 'Règlement intérieur des accueils');
  const [body, setBody] = useState(latest?.body ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const closeWhenSaved = useCloseWhenSaved(onClose, setErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await closeWhenSaved(await publish.run({ rulesVersionId, title: title.trim(), body }));
  };
  return (
    <AdminModalForm onSubmit={submit} onClose={onClose} cancel={t.cancel} save={t.save} pending={publish.pending}>
      <TextInput
        label={t.titleLabel}
        required
        value={title}
        error={errors.title}
        onChange={(e) => {
          setTitle(e.currentTarget.value);
          setErrors(({ title: _done, ...rest }) => rest);
        }}
        maxLength={200}
      />
      <Textarea
        label={t.body}
        required
        autosize
        minRows={10}
        maxRows={24}
        value={body}
        error={errors.body}
        data-autofocus
        onChange={(e) => {
          setBody(e.currentTarget.value);
          setErrors(({ body: _done, ...rest }) => rest);
        }}
      />
    </AdminModalForm>
  );
}
