// A yearly file (dossier annuel) as the family filed it, for staff to check before deciding: each child's health
// sheet (only for the roles that see health data in the family file), photo consent and contacts; the règlement
// version accepted and when; the documents the file requires and their states; what the submission changed.
// « Accepter le dossier » and « Refuser… » run householdFile.accept / householdFile.refuse, as the keyboard does.
import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconFolderOpen, IconLock, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { navigate, paths } from '../../router';
import { describeAudit } from '../families/auditText';
import { formatDateTime, formatPhone } from '../families/format';
import { dietLabels } from '../families/labels';
import { ReasonModal } from './ReasonModal';
import { useHouseholdFileDetail, useRequestCommand, type HouseholdFileDetail } from './queries';
import { text } from './text';

const t = text.file;
const stateColor = (state: string) => (state === 'validated' ? 'green' : state === 'received' ? 'blue' : 'orange');

export function HouseholdFileModal({
  fileId,
  intent = 'view',
  onClose,
  onDone,
}: {
  fileId: string | null;
  /** `accept` (the `a` key): the dialog asks the question and « Accepter le dossier » takes the focus. */
  intent?: 'view' | 'accept';
  onClose: () => void;
  onDone: () => void;
}) {
  const detail = useHouseholdFileDetail(fileId);
  const file = detail.data?.file;
  return (
    <Modal
      opened={fileId !== null}
      onClose={onClose}
      title={
        intent === 'accept' ? t.acceptTitle : file ? t.title(file.schoolYear, file.householdName) : text.kindOne.householdFile
      }
      size="xl"
    >
      {fileId === null ? null : detail.isPending ? (
        <LoadingLine label={t.loading} />
      ) : !detail.data ? (
        <Text>{text.emptyFiltered}</Text>
      ) : (
        <FileBody detail={detail.data} intent={intent} onClose={onClose} onDone={onDone} />
      )}
    </Modal>
  );
}

function FileBody({
  detail,
  intent,
  onClose,
  onDone,
}: {
  detail: HouseholdFileDetail;
  intent: 'view' | 'accept';
  onClose: () => void;
  onDone: () => void;
}) {
  const [refusing, setRefusing] = useState(false);
  const acceptRef = useRef<HTMLButtonElement>(null);
  // The details arrive after the dialog opened (and placed the focus): Entrée then accepts, as before.
  useEffect(() => {
    if (intent === 'accept') acceptRef.current?.focus();
  }, [intent]);
  const accept = useRequestCommand('householdFile.accept', { success: text.done.fileAccepted });
  const refuse = useRequestCommand('householdFile.refuse', { success: text.done.refused });
  const { file } = detail;
  const names = new Map(detail.children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]));
  const childName = (id: string | null) => (id ? (names.get(id) ?? '') : '');
  const [latest, ...older] = detail.rules;
  const changes = detail.audit
    .filter((row) => row.entity === 'child')
    // The submission writes `[before, after]` pairs for the health sheet, as child.update does; the reason
    // (« Modifié par la famille ») is the section's title.
    .map((row) =>
      describeAudit(
        { ...row, reason: '', command: row.command === 'householdFile.submit' ? 'child.update' : row.command },
        names,
      ),
    )
    .filter((line) => line.details.length > 0);
  const decide = () => {
    onDone();
    onClose();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed">
          {intent === 'accept' && (
            <Text span fw={700} c="var(--mantine-color-text)" display="block">
              {t.title(file.schoolYear, file.householdName)}
            </Text>
          )}
          {t.submitted(formatDateTime(file.submittedAt), file.submittedBy)}
        </Text>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconFolderOpen size={14} aria-hidden />}
          onClick={() => {
            onClose();
            navigate(paths.family(file.householdId));
          }}
        >
          {text.openFamily}
        </Button>
      </Group>
      {file.status !== 'submitted' && (
        <Alert color="gray" role="status">
          {t.decided[file.status]} {file.reason}
        </Alert>
      )}

      <section aria-labelledby="file-rules">
        <Title order={3} size="h5" id="file-rules">
          {t.rules}
        </Title>
        {latest ? (
          <Stack gap={0}>
            <Text size="sm" data-testid="file-rules">
              {t.rulesAccepted(latest.version, formatDateTime(latest.acceptedAt), latest.guardianName)} — {latest.title}
            </Text>
            {older.map((r) => (
              <Text size="xs" c="dimmed" key={`${r.version}:${r.acceptedAt}`}>
                {t.rulesOlder(r.version, formatDateTime(r.acceptedAt))}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="orange.9">
            {t.noRules}
          </Text>
        )}
      </section>

      <section aria-labelledby="file-children">
        <Title order={3} size="h5" id="file-children" mb={4}>
          {t.children}
        </Title>
        {detail.healthHidden && (
          <Alert color="gray" icon={<IconLock aria-hidden />} mb="xs">
            {t.healthHidden}
          </Alert>
        )}
        {detail.children.length === 0 && (
          <Text size="sm" c="dimmed">
            {t.noChildren}
          </Text>
        )}
        <Stack gap="sm">
          {detail.children.map((child) => (
            <Paper withBorder p="sm" key={child.id} aria-label={`${child.firstName} ${child.lastName}`} component="article">
              <Text fw={700}>
                {child.firstName} {child.lastName}{' '}
                <Text span size="sm" c="dimmed" fw={400}>
                  {t.born(child.birthDate)}
                </Text>
              </Text>
              <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 16px', margin: '6px 0' }}>
                <Term label={t.diet} value={dietLabels[child.diet]} />
                <Term label={t.photo} value={child.photoConsent ? t.yes : t.no} />
                {!detail.healthHidden && (
                  <>
                    <Term label={t.allergies} value={child.allergies || t.none} strong={child.allergies !== ''} />
                    <Term
                      label={t.careplan}
                      value={child.hasCareplan ? `${t.yes}${child.careplanNote ? ` — ${child.careplanNote}` : ''}` : t.no}
                      strong={child.hasCareplan}
                    />
                    <Term
                      label={t.doctor}
                      value={
                        child.doctorName || child.doctorPhone
                          ? [child.doctorName, child.doctorPhone && formatPhone(child.doctorPhone)].filter(Boolean).join(' — ')
                          : t.notGiven
                      }
                    />
                  </>
                )}
              </dl>
              {child.contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t.noContacts}
                </Text>
              ) : (
                <Table
                  fz="sm"
                  verticalSpacing={2}
                  withTableBorder
                  aria-label={`${t.contacts} : ${child.firstName}`}
                  data-testid={`file-contacts-${child.id}`}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t.contactColumns.name}</Table.Th>
                      <Table.Th>{t.contactColumns.link}</Table.Th>
                      <Table.Th>{t.contactColumns.phone}</Table.Th>
                      <Table.Th>{t.contactColumns.pickup}</Table.Th>
                      <Table.Th>{t.contactColumns.emergency}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {child.contacts.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{c.name}</Table.Td>
                        <Table.Td>{c.link}</Table.Td>
                        <Table.Td>{c.phone ? formatPhone(c.phone) : ''}</Table.Td>
                        <Table.Td>
                          {c.pickup === 'none' ? (
                            t.pickup.none
                          ) : (
                            <Badge size="sm" variant="light" color={c.pickup === 'forbidden' ? 'red' : 'green'} c="gray.9">
                              {t.pickup[c.pickup]}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{c.emergencyContact ? t.yes : ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          ))}
        </Stack>
      </section>

      <section aria-labelledby="file-documents">
        <Title order={3} size="h5" id="file-documents">
          {t.documents}
        </Title>
        {detail.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.noDocuments}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {detail.documents.map((d) => (
              <List.Item key={`${d.documentTypeId}:${d.childId ?? ''}`}>
                {d.name}
                {d.childId ? ` (${childName(d.childId)})` : ''}{' '}
                <Badge size="sm" variant="light" color={stateColor(d.state)} c="gray.9">
                  {d.state === 'validated' && d.validUntil ? t.validUntil(d.validUntil) : text.documentState[d.state]}
                </Badge>
              </List.Item>
            ))}
          </List>
        )}
      </section>

      <section aria-labelledby="file-changes">
        <Title order={3} size="h5" id="file-changes">
          {t.changes}
        </Title>
        {changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.noChanges}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {changes.map((line, i) => (
              <List.Item key={i}>
                <Text span size="sm" fw={600}>
                  {line.subject}
                </Text>{' '}
                — {line.details.join(' · ')}
              </List.Item>
            ))}
          </List>
        )}
      </section>

      {file.status === 'submitted' && (
        <Text size="xs" c="dimmed">
          {t.acceptHint}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.close}
        </Button>
        {file.status === 'submitted' && (
          <>
            <Button
              color="red.9"
              variant="outline"
              leftSection={<IconX size={14} aria-hidden />}
              onClick={() => setRefusing(true)}
            >
              {t.refuse}
            </Button>
            <Button
              ref={acceptRef}
              leftSection={<IconCheck size={14} aria-hidden />}
              loading={accept.pending}
              onClick={async () => {
                const result = await accept.run({ fileId: file.id });
                if (result?.ok) decide();
              }}
            >
              {t.accept}
            </Button>
          </>
        )}
      </Group>
      <ReasonModal
        opened={refusing}
        title={t.refuseTitle}
        onClose={() => setRefusing(false)}
        onConfirm={async (reason) => {
          const result = await refuse.run({ fileId: file.id, reason });
          if (result?.ok) {
            setRefusing(false);
            decide();
          }
          return result?.ok ?? false;
        }}
      />
    </Stack>
  );
}

function Term({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={strong ? 700 : 400} m={0}>
        {value}
      </Text>
    </>
  );
}
