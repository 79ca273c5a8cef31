// Documents: what the commune asks for (the household's own, then each child's), each with its state in words
// (manquant, reçu, validé jusqu'au…, refusé avec le motif, expiré), the file sent (opened in a new tab), and a
// button to send a new one from the phone (photo or file) or the computer. The browser warns about a file too
// large before sending it; the hub decides (size, and the real type read from the content).
import { Alert, Anchor, Button, Card, FileButton, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconExternalLink, IconUpload } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { api, apiUpload, errorMessage } from '../../api';
import { Loading, LoadError, Page } from '../../components/Page';
import { formatDate, parisToday } from '../../format';
import { queryClient } from '../../queryClient';
import { useSpace } from '../../session';
import type { Child, Dashboard, DocumentType, FamilyDocument, RequiredDocument } from '../../types';
import { ACCEPTED_DOCUMENT_TYPES, documentStateLabels } from '../enrolment/labels';
import { checkFile, documentsKey, fetchDocuments, latestDocument } from './documents';
import { StateBadge } from './StateBadge';

const longDate = (date: string) => formatDate(date, { withYear: true, weekday: false });

function stateText(
  doc: FamilyDocument | undefined,
  required: boolean,
  type: DocumentType,
): { label: string; color: 'red' | 'blue' | 'green' | 'orange' | 'gray' } {
  if (!doc)
    return required
      ? (documentStateLabels.missing as { label: string; color: 'red' })
      : { label: type.requiredForActivities?.length ? 'Non fourni : demandé pour certaines activités' : 'Non fourni (facultatif)', color: 'gray' };
  if (doc.state === 'validated')
    return { label: doc.validUntil ? `Validé jusqu’au ${longDate(doc.validUntil)}` : 'Validé', color: 'green' };
  if (doc.state === 'expired')
    return { label: doc.validUntil ? `Expiré depuis le ${longDate(doc.validUntil)}` : 'Expiré', color: 'orange' };
  return documentStateLabels[doc.state] as { label: string; color: 'red' | 'blue' };
}

function DocumentRow({
  householdId,
  type,
  child,
  documents,
  required,
}: {
  householdId: string;
  type: DocumentType;
  child: Child | null;
  documents: FamilyDocument[];
  required: RequiredDocument[] | undefined;
}) {
  const titleId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const doc = latestDocument(documents, type, child?.id ?? null);
  // Without the hub's list, every type counts as asked for.
  const isRequired = !required || required.some((r) => r.documentTypeId === type.id && (r.childId ?? null) === (child?.id ?? null));
  const state = stateText(doc, isRequired, type);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('documentTypeId', type.id);
      if (child) form.append('childId', child.id);
      form.append('file', file, file.name);
      return apiUpload(`/api/parent/households/${householdId}/documents`, form);
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: `Document envoyé (${type.name}) : la mairie va le vérifier.` });
      void queryClient.invalidateQueries({ queryKey: documentsKey(householdId) });
      void queryClient.invalidateQueries({ queryKey: ['enrolmentOptions', householdId] });
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  const choose = (file: File | null) => {
    setProblem(null);
    resetRef.current?.();
    if (!file) return;
    const refused = checkFile(file);
    if (refused) setProblem(refused);
    else upload.mutate(file);
  };
  const needsFile = isRequired && (!doc || doc.state === 'refused' || doc.state === 'expired');
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h5" id={titleId}>
            {type.name}
          </Title>
          <StateBadge {...state} />
        </Group>
        {type.description && (
          <Text size="sm" c="dimmed">
            {type.description}
          </Text>
        )}
        {doc?.state === 'refused' && doc.refusalReason && (
          <Text size="sm">
            <strong>Motif du refus :</strong> {doc.refusalReason}
          </Text>
        )}
        {doc && (
          <Text size="sm">
            Envoyé le {longDate(parisToday(new Date(doc.uploadedAt)))} :{' '}
            <Anchor
              href={`/api/parent/households/${householdId}/documents/${doc.id}/file`}
              target="_blank"
              rel="noopener"
            >
              voir {doc.fileName}
              <IconExternalLink size={14} aria-hidden style={{ marginLeft: 4, verticalAlign: 'middle' }} />
              <VisuallyHidden> (nouvel onglet)</VisuallyHidden>
            </Anchor>
          </Text>
        )}
        {problem && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Fichier non envoyé" py="xs">
            <Text size="sm">{problem}</Text>
          </Alert>
        )}
        <Group>
          <FileButton onChange={choose} accept={ACCEPTED_DOCUMENT_TYPES} resetRef={resetRef}>
            {(props) => (
              <Button
                {...props}
                variant={needsFile ? 'filled' : 'default'}
                leftSection={<IconUpload size={16} aria-hidden />}
                loading={upload.isPending}
                aria-describedby={`${titleId}-hint`}
              >
                {doc ? 'Envoyer un nouveau fichier' : 'Envoyer le document'}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="xs" c="dimmed" id={`${titleId}-hint`}>
          PDF, photo JPEG ou image PNG, 10 Mo au maximum{child ? ` — pour ${child.firstName}` : ''}.
        </Text>
      </Stack>
    </Card>
  );
}

export function DocumentsPage() {
  const { household } = useSpace();
  const documents = useQuery({ queryKey: documentsKey(household.id), queryFn: () => fetchDocuments(household.id) });
  const dashboard = useQuery({
    queryKey: ['dashboard', household.id],
    queryFn: () => api<Dashboard>('GET', `/api/parent/households/${household.id}/dashboard`),
    enabled: !documents.data?.children,
  });
  const children = documents.data?.children ?? dashboard.data?.children;
  const query = documents.isError ? documents : dashboard.isError && !children ? dashboard : null;
  const data = documents.data;
  return (
    <Page
      title="Documents"
      intro="Les justificatifs demandés par la mairie. Envoyez-les depuis votre téléphone (photo ou fichier) ou votre ordinateur."
    >
      {query ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || !children ? (
        <Loading />
      ) : data.types.length === 0 ? (
        <Text>La mairie ne demande aucun document pour le moment.</Text>
      ) : (
        <Stack gap="lg">
          {data.types.some((t) => t.scope === 'household') && (
            <Stack gap="sm" component="section" aria-labelledby="documents-foyer">
              <Title order={2} size="h4" id="documents-foyer">
                Documents du foyer
              </Title>
              {data.types
                .filter((t) => t.scope === 'household')
                .map((type) => (
                  <DocumentRow key={type.id} householdId={household.id} type={type} child={null} documents={data.documents} required={data.required} />
                ))}
            </Stack>
          )}
          {data.types.some((t) => t.scope === 'child') &&
            children.map((child) => (
              <Stack key={child.id} gap="sm" component="section" aria-labelledby={`documents-${child.id}`}>
                <Title order={2} size="h4" id={`documents-${child.id}`}>
                  Documents de {child.firstName} {child.lastName}
                </Title>
                {data.types
                  .filter((t) => t.scope === 'child')
                  .map((type) => (
                    <DocumentRow key={type.id} householdId={household.id} type={type} child={child} documents={data.documents} required={data.required} />
                  ))}
              </Stack>
            ))}
          <Text size="sm">
            Les documents sont conservés par la mairie le temps de leur validité, puis supprimés. La mairie vérifie chaque
            document et vous prévient de sa décision.
          </Text>
        </Stack>
      )}
    </Page>
  );
}
