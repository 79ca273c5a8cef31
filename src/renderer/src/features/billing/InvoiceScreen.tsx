// One invoice (`#/factures/<id>`): who it is addressed to, its lines by child and activity, its totals (paid,
// credited, still due, due date), the credit notes and the payments allocated to it (released ones struck
// through with the reason). Actions: « PDF » (the document, in the app), « Encaisser », « Avoir ».
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCash, IconFileTypePdf, IconReceiptRefund, IconWallet } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { paths } from '../../router';
import { formatInstantDate } from '../families/format';
import { monthLabel } from '../reservations/dates';
import { AccessGate } from './AccessGate';
import { CreditNoteModal } from './CreditNoteModal';
import { InvoiceStatusPill } from './InvoiceStatusPill';
import { LoadError, Loading } from './Loading';
import { PaymentModal } from './PaymentModal';
import { PdfViewer } from './PdfViewer';
import { useInvoice, type InvoiceDetail, type InvoiceLine } from './queries';
import { euros, formatDate, paymentModeLabels, text } from './text';

const t = text.invoice;

export function InvoiceScreen({ invoiceId }: { invoiceId: string }) {
  return (
    <AccessGate>
      <Invoice invoiceId={invoiceId} />
    </AccessGate>
  );
}

function Invoice({ invoiceId }: { invoiceId: string }) {
  const invoice = useInvoice(invoiceId);
  if (invoice.isPending) return <Loading />;
  if (invoice.isError) return <LoadError error={invoice.error} onRetry={() => void invoice.refetch()} />;
  if (!invoice.data)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t.notFound}
        </Title>
        <Anchor href={paths.invoices}>{t.back}</Anchor>
      </Stack>
    );
  return <InvoiceView invoice={invoice.data} />;
}

type Dialog = 'pdf' | 'pay' | 'creditNote' | null;

/** Lines grouped by child, then activity, in the invoice's order. */
function groupLines(lines: InvoiceLine[]) {
  const groups: { key: string; childName: string; activityName: string; lines: InvoiceLine[] }[] = [];
  for (const line of lines) {
    const key = `${line.childName}\u0000${line.activityName}`;
    const group = groups.find((g) => g.key === key);
    if (group) group.lines.push(line);
    else groups.push({ key, childName: line.childName, activityName: line.activityName, lines: [line] });
  }
  return groups;
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const c = text.run.columns;
  return (
    <Stack gap="md" data-testid="invoice-screen">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {t.title(invoice.number)}
            </Title>
            <InvoiceStatusPill invoice={invoice} />
          </Group>
          <Text>
            <Anchor href={paths.family(invoice.householdId)} fw={600}>
              {invoice.householdName}
            </Anchor>
            {' · '}
            {monthLabel(invoice.month)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component="a" href={paths.invoices} variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />}>
            {t.back}
          </Button>
          <Button variant="default" leftSection={<IconFileTypePdf size={18} aria-hidden />} onClick={() => setDialog('pdf')}>
            {t.pdf}
          </Button>
          <Button
            variant="default"
            leftSection={<IconReceiptRefund size={18} aria-hidden />}
            onClick={() => setDialog('creditNote')}
          >
            {t.creditNote}
          </Button>
          {invoice.openCents > 0 && (
            <Button leftSection={<IconCash size={18} aria-hidden />} onClick={() => setDialog('pay')}>
              {t.pay}
            </Button>
          )}
        </Group>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t.lines}
            </Title>
            <Table verticalSpacing={4} fz="sm" data-testid="invoice-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.label}</Table.Th>
                  <Table.Th>{c.detail}</Table.Th>
                  <Table.Th ta="right">{c.quantity}</Table.Th>
                  <Table.Th ta="right">{c.unitPrice}</Table.Th>
                  <Table.Th ta="right">{c.amount}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groupLines(invoice.lines).map((g) => (
                  <Fragment key={g.key}>
                    <Table.Tr bg="gray.0">
                      <Table.Td colSpan={5} fw={700}>
                        {g.childName} — {g.activityName}
                      </Table.Td>
                    </Table.Tr>
                    {g.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td pl="lg">{l.label}</Table.Td>
                        <Table.Td c="dimmed">{l.detail}</Table.Td>
                        <Table.Td ta="right">{l.quantity}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {euros(l.unitPriceCents)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {euros(l.amountCents)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md" data-testid="invoice-totals">
              <Stack gap={6}>
                <Row label={t.total} value={euros(invoice.totalCents)} strong />
                <Row label={t.paid} value={euros(invoice.paidCents)} />
                {invoice.creditedCents > 0 && <Row label={t.credited} value={euros(invoice.creditedCents)} />}
                <Row label={t.due} value={euros(invoice.openCents)} strong highlight={invoice.openCents > 0} />
                <Row label={t.dueDate} value={formatDate(invoice.dueDate)} />
                {invoice.cesuEligibleCents > 0 && <Row label={t.cesu} value={euros(invoice.cesuEligibleCents)} />}
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Stack gap={6}>
                <Row label={t.issueDate} value={formatDate(invoice.issueDate)} />
                <Row label={t.issuedBy} value={invoice.issuedBy} />
                <Stack gap={0}>
                  <Text size="sm" c="dimmed">
                    {t.payer}
                  </Text>
                  <Text size="sm" fw={600}>
                    {invoice.payerName}
                  </Text>
                  {invoice.payerAddress.map((line, i) => (
                    <Text size="sm" key={i}>
                      {line}
                    </Text>
                  ))}
                </Stack>
                <Anchor href={paths.account(invoice.householdId)} size="sm">
                  <IconWallet size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
                  {t.account}
                </Anchor>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <Allocations invoice={invoice} />

      <PdfViewer
        document={dialog === 'pdf' ? { kind: 'invoice', id: invoice.invoiceId, title: t.title(invoice.number) } : null}
        onClose={close}
      />
      <PaymentModal
        opened={dialog === 'pay'}
        onClose={close}
        householdId={invoice.householdId}
        householdName={invoice.householdName}
        invoiceId={invoice.invoiceId}
      />
      <CreditNoteModal invoice={invoice} opened={dialog === 'creditNote'} onClose={close} />
    </Stack>
  );
}

function Row({ label, value, strong, highlight }: { label: string; value: string; strong?: boolean; highlight?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Text
        size={strong ? 'md' : 'sm'}
        fw={strong ? 700 : 500}
        c={highlight ? 'red.9' : undefined}
        style={{ whiteSpace: 'nowrap' }}
      >
        {value}
      </Text>
    </Group>
  );
}

function Allocations({ invoice }: { invoice: InvoiceDetail }) {
  const c = t.columns;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: invoice.creditNotes.length > 0 ? 7 : 12 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t.allocations}
          </Title>
          {invoice.allocations.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.noAllocation}
            </Text>
          ) : (
            <Table verticalSpacing={4} fz="sm" data-testid="invoice-allocations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.date}</Table.Th>
                  <Table.Th>{c.source}</Table.Th>
                  <Table.Th>{c.mode}</Table.Th>
                  <Table.Th ta="right">{c.amount}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.allocations.map((a) => {
                  const released = a.releasedAt !== null;
                  return (
                    <Table.Tr key={a.allocationId} c={released ? 'dimmed' : undefined}>
                      <Table.Td>{formatDate(a.allocatedOn)}</Table.Td>
                      <Table.Td>
                        {a.source === 'payment' ? (
                          <Anchor href={paths.payment(a.sourceId)} size="sm" td={released ? 'line-through' : undefined}>
                            {`Reçu ${a.sourceNumber}`}
                          </Anchor>
                        ) : (
                          <Text size="sm" span td={released ? 'line-through' : undefined}>
                            {`${text.account.kind.creditNote} ${a.sourceNumber}`}
                          </Text>
                        )}
                        {released && (
                          <Badge ml="xs" size="sm" color="gray.7" variant="outline">
                            {t.released(formatInstantDate(a.releasedAt!), a.releaseReason)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{a.mode ? paymentModeLabels[a.mode] : t.fromCredit}</Table.Td>
                      <Table.Td ta="right" td={released ? 'line-through' : undefined} style={{ whiteSpace: 'nowrap' }}>
                        {euros(a.amountCents)}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Grid.Col>
      {invoice.creditNotes.length > 0 && (
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t.creditNotes}
            </Title>
            <Table verticalSpacing={4} fz="sm" data-testid="invoice-credit-notes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.number}</Table.Th>
                  <Table.Th>{c.date}</Table.Th>
                  <Table.Th>{c.reason}</Table.Th>
                  <Table.Th ta="right">{c.amount}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.creditNotes.map((n) => (
                  <Table.Tr key={n.creditNoteId}>
                    <Table.Td ff="monospace">{n.number}</Table.Td>
                    <Table.Td>{formatDate(n.issueDate)}</Table.Td>
                    <Table.Td>{n.reason}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {euros(n.totalCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
      )}
    </Grid>
  );
}
