// A billing PDF (invoice, receipt) shown inside the app: the base64 bytes from the desk core decoded into a Blob,
// its object URL in an <iframe> (Chromium's viewer: zoom, print), with « Télécharger » always at hand. When the
// window's security policy does not allow a blob: frame, the viewer says so and offers the download (and, in
// browser mode, a new tab); the document is produced either way.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconExternalLink, IconFileTypePdf, IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LoadingLine } from '../../components/LoadingLine';
import { base64ToBlob, blobFramesAllowed, useObjectUrl } from './files';
import { usePdf } from './queries';
import { text } from './text';

interface PdfViewerProps {
  /** What to show; null: closed. */
  document: { kind: 'invoice' | 'receipt'; id: string; title: string } | null;
  onClose: () => void;
}

export function PdfViewer({ document: doc, onClose }: PdfViewerProps) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc?.title} size="min(1100px, 94vw)" padding="md">
      {doc && <PdfBody kind={doc.kind} id={doc.id} />}
    </Modal>
  );
}

/** The viewer's content, also shown inline (the receipt after a payment, in the payment dialog). */
export function PdfBody({
  kind,
  id,
  height = 'calc(100vh - 230px)',
}: {
  kind: 'invoice' | 'receipt';
  id: string;
  height?: string;
}) {
  const t = text.pdf;
  const pdf = usePdf(kind, id);
  const file = pdf.data ?? null;
  const blob = useMemo(() => (file ? base64ToBlob(file.base64, file.mimeType) : null), [file]);
  const url = useObjectUrl(blob);
  const [framed, setFramed] = useState(blobFramesAllowed);
  const frame = useRef<HTMLIFrameElement>(null);
  // A header policy stricter than the meta one: fall back as soon as the frame is refused.
  useEffect(() => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('blob') && /frame|child|default/.test(event.effectiveDirective)) setFramed(false);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);

  if (pdf.isPending) {
    return <LoadingLine label={t.loading} />;
  }
  if (!file || !url || !blob) {
    return (
      <Alert color="red" icon={<IconInfoCircle aria-hidden />} title={t.missing}>
        {pdf.error ? String(pdf.error.message) : null}
      </Alert>
    );
  }
  // Electron refuses new windows (security.ts): the tab is offered in browser mode only.
  const canOpenTab = !window.guichet;
  const actions = (
    <Group gap="xs">
      <Button
        component="a"
        href={url}
        download={file.fileName}
        leftSection={<IconDownload size={18} aria-hidden />}
        variant={framed ? 'default' : 'filled'}
        data-autofocus
      >
        {t.download}
      </Button>
      {canOpenTab && (
        <Button
          variant="default"
          leftSection={<IconExternalLink size={18} aria-hidden />}
          onClick={() => window.open(url, '_blank', 'noopener')}
        >
          {t.openTab}
        </Button>
      )}
      {framed && (
        <Button
          variant="default"
          leftSection={<IconPrinter size={18} aria-hidden />}
          onClick={() => frame.current?.contentWindow?.print()}
        >
          {t.print}
        </Button>
      )}
    </Group>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap={6}>
          <IconFileTypePdf size={20} aria-hidden />
          <Text fw={600}>{t.ready(file.fileName, text.kb(blob.size))}</Text>
        </Group>
        {actions}
      </Group>
      {framed ? (
        <iframe
          ref={frame}
          src={url}
          title={t.frameTitle(file.fileName)}
          data-testid="pdf-frame"
          style={{ width: '100%', height, minHeight: 360, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6 }}
        />
      ) : (
        <Alert
          color="blue"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title={t.blockedTitle}
          data-testid="pdf-fallback"
        >
          {t.blockedBody}
        </Alert>
      )}
    </Stack>
  );
}
