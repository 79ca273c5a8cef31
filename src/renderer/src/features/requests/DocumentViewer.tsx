// A family's document, fetched from the hub when opened (files are never replicated; the hub audits who looked):
// an image inline, a PDF in Chromium's viewer from a blob: URL. Offline, it says so plainly. While the document
// waits for a decision: « Valider » (validity from the document type unless a date is typed) or « Refuser… »
// with a reason. Both are commands, sent to the hub with the next sync.
import { Alert, Button, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconDownload, IconPlugConnectedX, IconRefresh, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { DateField } from '../../components/DateField';
import { base64ToBlob, blobFramesAllowed, downloadBlob, useObjectUrl } from '../billing/files';
import { parseDate } from '../families/format';
import { ReasonModal } from './ReasonModal';
import { useDocumentFile, useRequestCommand } from './queries';
import { text } from './text';

const t = text.viewer;

export interface ViewedDocument {
  id: string;
  typeName: string;
  householdName: string;
  childName: string | null;
  /** Only a received document can be decided here. */
  decidable: boolean;
}

export function DocumentViewer({
  doc,
  onClose,
  onDecided,
}: {
  doc: ViewedDocument | null;
  onClose: () => void;
  onDecided: () => void;
}) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc ? t.title(doc.typeName) : ''} size="min(1100px, 94vw)">
      {doc && <ViewerBody key={doc.id} doc={doc} onClose={onClose} onDecided={onDecided} />}
    </Modal>
  );
}

function ViewerBody({ doc, onClose, onDecided }: { doc: ViewedDocument; onClose: () => void; onDecided: () => void }) {
  const file = useDocumentFile(doc.id);
  const [validUntil, setValidUntil] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [refusing, setRefusing] = useState(false);
  const validate = useRequestCommand('document.validate', { success: text.done.validated });
  const refuse = useRequestCommand('document.refuse', { success: text.done.documentRefused });
  const loaded = file.data?.ok ? file.data.value : null;
  const blob = useMemo(() => (loaded ? base64ToBlob(loaded.base64, loaded.mimeType) : null), [loaded]);
  const url = useObjectUrl(blob);

  const onValidate = async () => {
    const iso = validUntil.trim() ? parseDate(validUntil) : null;
    if (validUntil.trim() && !iso) {
      setDateError('Date invalide (JJ/MM/AAAA).');
      return;
    }
    const result = await validate.run({ documentId: doc.id, ...(iso ? { validUntil: iso } : {}) });
    if (result?.ok) {
      onDecided();
      onClose();
    }
  };

  return (
    <Stack>
      <Group gap="md">
        <Text size="sm">{t.from(doc.householdName, doc.childName)}</Text>
        {/* Chromium's PDF viewer names the file by its blob: id: its real name, here. */}
        {loaded && (
          <Text size="sm" c="dimmed" data-testid="document-file-name">
            {t.fileName(loaded.fileName)}
          </Text>
        )}
      </Group>
      {file.isPending ? (
        <LoadingLine label={t.loading} />
      ) : !file.data || !file.data.ok ? (
        <Alert
          color={file.data?.ok === false && file.data.code === 'offline' ? 'orange' : 'red'}
          icon={<IconPlugConnectedX aria-hidden />}
          title={file.data?.ok === false && file.data.code === 'offline' ? t.offlineTitle : t.failedTitle}
          role="alert"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{file.data && !file.data.ok ? file.data.message : (file.error?.message ?? '')}</Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              onClick={() => void file.refetch()}
            >
              {t.retry}
            </Button>
          </Stack>
        </Alert>
      ) : url && loaded ? (
        loaded.mimeType === 'application/pdf' && blobFramesAllowed() ? (
          <iframe
            src={url}
            title={t.framed(loaded.fileName)}
            style={{ width: '100%', height: 'calc(100vh - 330px)', minHeight: 320, border: 0 }}
          />
        ) : loaded.mimeType.startsWith('image/') ? (
          <Image src={url} alt={t.image(loaded.fileName)} fit="contain" mah="calc(100vh - 330px)" />
        ) : null
      ) : null}
      <Group justify="space-between" align="flex-end">
        <Group>
          {loaded && blob && (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={() => downloadBlob(blob, loaded.fileName)}
            >
              {t.download}
            </Button>
          )}
        </Group>
        {doc.decidable ? (
          <Group align="flex-end">
            <DateField
              label={t.validUntil}
              description={t.validUntilHint}
              value={validUntil}
              error={dateError}
              onChange={(value) => {
                setValidUntil(value);
                setDateError(null);
              }}
              w={260}
            />
            <Button
              color="red.9"
              variant="outline"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => setRefusing(true)}
            >
              {t.refuse}
            </Button>
            <Button
              leftSection={<IconCheck size={16} aria-hidden />}
              loading={validate.pending}
              onClick={() => void onValidate()}
            >
              {t.validate}
            </Button>
          </Group>
        ) : (
          <Button variant="default" onClick={onClose}>
            {t.close}
          </Button>
        )}
      </Group>
      <ReasonModal
        opened={refusing}
        title={text.refuse.documentTitle}
        onClose={() => setRefusing(false)}
        onConfirm={async (reason) => {
          const result = await refuse.run({ documentId: doc.id, reason });
          if (result?.ok) {
            onDecided();
            onClose();
          }
          return result?.ok ?? false;
        }}
      />
    </Stack>
  );
}
