// One payment (`#/reglements/<id>`): receipt number, mode, amount, payer, cheque details, who recorded it, where
// the money went (released allocations struck through) and what stays as household credit. « Imprimer le reçu »
// shows the receipt PDF; « Annuler le règlement » asks for a mandatory reason (payment.reverse): a payment is
// never deleted, its reversal is recorded next to it.
import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconPrinter, IconWallet } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { paths } from '../../router';
import { formatDateTime } from '../families/format';
import { AccessGate } from './AccessGate';
import { LoadError, Loading } from './Loading';
import { PdfViewer } from './PdfViewer';
import { useBillingCommand, usePayment, type PaymentDetail } from './queries';
import { euros, formatDate, text } from './text';

const t = text.paymentView;

export function PaymentScreen({ paymentId }: { paymentId: string }) {
  return (
    <AccessGate>
      <Payment paymentId={paymentId} />
    </AccessGate>
  );
}

function Payment({ paymentId }: { paymentId: string }) {
  const payment = usePayment(paymentId);
  if (payment.isPending) return <Loading />;
  if (payment.isError) return <LoadError error={payment.error} onRetry={() => void payment.refetch()} />;
  if (!payment.data)
    return (
      <Title order={1} size="h2">
        {t.notFound}
      </Title>
    );
  return <PaymentView payment={payment.data} />;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{children}</Text>
    </Stack>
  );
}

function PaymentView({ payment: p }: { payment: PaymentDetail }) {
  const [dialog, setDialog] = useState<'receipt' | 'reverse' | null>(null);
  const close = () => setDialog(null);
  return (
    <Stack gap="md" data-testid="payment-screen">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t.title(p.receiptNumber)}
          </Title>
          <Anchor href={paths.account(p.householdId)} fw={600}>
            <IconWallet size={16} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
            {text.account.title(p.householdName)}
          </Anchor>
        </Stack>
        <Group gap="xs">
          <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => setDialog('receipt')}>
            {text.payment.printReceipt}
          </Button>
          {!p.reversal && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconBan size={18} aria-hidden />}
              onClick={() => setDialog('reverse')}
            >
              {t.reverse}
            </Button>
          )}
        </Group>
      </Group>

      {p.reversal && (
        <Alert
          color="red"
          icon={<IconArrowBackUp aria-hidden />}
          title={t.reversedTitle(formatDate(p.reversal.reversedOn))}
          data-testid="reversal"
        >
          {t.reversedBody(p.reversal.reason, p.reversal.reversedBy)}
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={4} spacing="md">
          <Field label={t.amount}>
            <Text span size="xl" fw={700} td={p.reversal ? 'line-through' : undefined}>
              {euros(p.amountCents)}
            </Text>
          </Field>
          <Field label={t.mode}>{p.modeLabel}</Field>
          <Field label={t.receivedOn}>{formatDate(p.receivedOn)}</Field>
          <Field label={t.payer}>{p.payerName || p.householdName}</Field>
          {p.mode === 'cheque' && <Field label={t.cheque}>{t.chequeDetail(p.chequeBank, p.chequeNumber)}</Field>}
          {p.note && <Field label={t.note}>{p.note}</Field>}
          <Stack gap={0} style={{ gridColumn: 'span 2' }}>
            <Text size="sm" c="dimmed">
              {t.recordedBy}
            </Text>
            <Text fw={600}>{t.recordedByValue(p.recordedBy, formatDateTime(p.recordedAt))}</Text>
            <Text size="xs" c="dimmed">
              {t.desk(p.deskId)}
            </Text>
          </Stack>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t.allocations}
        </Title>
        <Table verticalSpacing={4} fz="sm" data-testid="payment-allocations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{text.invoices.columns.number}</Table.Th>
              <Table.Th>{text.invoice.columns.date}</Table.Th>
              <Table.Th ta="right">{text.invoice.columns.amount}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.allocations.map((a) => (
              <Table.Tr key={a.allocationId} c={a.releasedAt ? 'dimmed' : undefined}>
                <Table.Td>
                  <Anchor
                    href={paths.invoice(a.invoiceId)}
                    ff="monospace"
                    size="sm"
                    td={a.releasedAt ? 'line-through' : undefined}
                  >
                    {a.invoiceNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(a.allocatedOn)}</Table.Td>
                <Table.Td ta="right" td={a.releasedAt ? 'line-through' : undefined}>
                  {euros(a.amountCents)}
                </Table.Td>
              </Table.Tr>
            ))}
            {p.creditCents > 0 && (
              <Table.Tr>
                <Table.Td colSpan={2} fw={600}>
                  {t.credit}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {euros(p.creditCents)}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>

      <PdfViewer
        document={dialog === 'receipt' ? { kind: 'receipt', id: p.paymentId, title: t.title(p.receiptNumber) } : null}
        onClose={close}
      />
      <Modal opened={dialog === 'reverse'} onClose={close} title={t.reverseTitle}>
        {dialog === 'reverse' && <ReverseForm payment={p} onClose={close} />}
      </Modal>
    </Stack>
  );
}

function ReverseForm({ payment, onClose }: { payment: PaymentDetail; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reverse = useBillingCommand('payment.reverse', { success: t.reverseDone, failure: 'Annulation impossible' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t.reverseReasonRequired);
      return;
    }
    const result = await reverse.run({ paymentId: payment.paymentId, reason: reason.trim() });
    if (!result) return;
    if (result.ok) onClose();
    else setError(result.fieldErrors?.reason ?? result.fieldErrors?.reversedOn ?? result.message);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="reverse-form">
      <Stack gap="md">
        <Text size="sm">{t.reverseIntro(euros(payment.amountCents), payment.receiptNumber)}</Text>
        <Textarea
          label={t.reverseReason}
          withAsterisk
          placeholder={t.reverseReasonPlaceholder}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.keep}
          </Button>
          <Button type="submit" color="red" loading={reverse.pending} leftSection={<IconBan size={18} aria-hidden />}>
            {t.reverseConfirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
