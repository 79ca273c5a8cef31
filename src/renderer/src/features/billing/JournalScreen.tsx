// Encaissements et journal de régie (`#/regie`): for a day or a period, the payments and reversals by mode with
// totals, then every operation; the « Bordereau de remise de chèques » (cheques to deposit, not reversed) on
// screen and printed (window.print() shows only the slip, see print.css); both « Exporter en CSV » as downloads
// (the desk core writes the CSV for a French spreadsheet).
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCash, IconFileSpreadsheet, IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { paths } from '../../router';
import { parisToday, parseDate } from '../families/format';
import { addMonths, monthDays } from '../reservations/dates';
import { Pill } from '../reservations/Pill';
import { AccessGate } from './AccessGate';
import { downloadCsv } from './files';
import { LoadError, Loading } from './Loading';
import { useChequeSlip, useJournal, useRegieSettings, type ChequeSlip, type RegieJournal } from './queries';
import { euros, formatDate, text } from './text';
import './print.css';

const t = text.journal;

export function JournalScreen() {
  return (
    <AccessGate>
      <Journal />
    </AccessGate>
  );
}

function monthRange(month: string): [string, string] {
  const days = monthDays(month);
  return [days[0]!, days[days.length - 1]!];
}

function Journal() {
  const today = parisToday();
  const [tab, setTab] = useState<string | null>('journal');
  const [fromInput, setFromInput] = useState(formatDate(today));
  const [toInput, setToInput] = useState(formatDate(today));
  const from = parseDate(fromInput);
  const to = parseDate(toInput);
  const valid = Boolean(from && to && from <= to);
  const journal = useJournal(from ?? today, to ?? today, valid && tab === 'journal');
  const slip = useChequeSlip(from ?? today, to ?? today, valid && tab === 'slip');
  const [exporting, setExporting] = useState(false);

  const setPeriod = (a: string, b: string) => {
    setFromInput(formatDate(a));
    setToInput(formatDate(b));
  };
  const exportCsv = async () => {
    if (!valid) return;
    setExporting(true);
    try {
      const file =
        tab === 'slip'
          ? await call('regie.chequeSlipCsv', { from: from!, to: to! })
          : await call('regie.journalCsv', { from: from!, to: to! });
      downloadCsv(file.csv, file.fileName);
      notifications.show({ color: 'green', title: t.exported(file.fileName), message: '' });
    } catch (error) {
      notifications.show({ color: 'red', title: text.loadFailed, message: (error as Error).message });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="md" data-testid="journal-screen">
      <Title order={1} size="h2">
        {t.title}
      </Title>
      <Paper withBorder p="sm">
        <Group align="flex-end" gap="md">
          <DateField label={t.from} value={fromInput} onChange={setFromInput} w={150} error={!from ? ' ' : undefined} />
          <DateField label={t.to} value={toInput} onChange={setToInput} w={150} error={!to ? ' ' : undefined} />
          <Group gap="xs" role="group" aria-label={t.period}>
            <Button variant="default" size="sm" onClick={() => setPeriod(today, today)}>
              {t.today}
            </Button>
            <Button variant="default" size="sm" onClick={() => setPeriod(...monthRange(today.slice(0, 7)))}>
              {t.thisMonth}
            </Button>
            <Button variant="default" size="sm" onClick={() => setPeriod(...monthRange(addMonths(today.slice(0, 7), -1)))}>
              {t.lastMonth}
            </Button>
          </Group>
          <Button
            ml="auto"
            variant="default"
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            onClick={() => void exportCsv()}
            loading={exporting}
            disabled={!valid}
          >
            {t.exportCsv}
          </Button>
        </Group>
        {!valid && (
          <Text size="sm" c="red.8" mt={6} role="alert">
            {t.periodInvalid}
          </Text>
        )}
      </Paper>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="journal" leftSection={<IconCash size={16} aria-hidden />}>
            {t.tabJournal}
          </Tabs.Tab>
          <Tabs.Tab value="slip" leftSection={<IconPrinter size={16} aria-hidden />}>
            {t.tabSlip}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="journal" pt="md">
          {!valid ? null : journal.isPending ? (
            <Loading />
          ) : journal.isError || !journal.data ? (
            <LoadError error={journal.error} onRetry={() => void journal.refetch()} />
          ) : (
            <JournalView journal={journal.data} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="slip" pt="md">
          {!valid ? null : slip.isPending ? (
            <Loading />
          ) : slip.isError || !slip.data ? (
            <LoadError error={slip.error} onRetry={() => void slip.refetch()} />
          ) : (
            <SlipView slip={slip.data} />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function JournalView({ journal }: { journal: RegieJournal }) {
  const c = t.columns;
  const modes = journal.byMode.filter((m) => m.count > 0 || m.reversedCents > 0);
  if (journal.entries.length === 0)
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t.none}
      </Alert>
    );
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t.byMode}
        </Title>
        <Table verticalSpacing={4} fz="sm" data-testid="journal-by-mode" maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.mode}</Table.Th>
              <Table.Th ta="right">{c.count}</Table.Th>
              <Table.Th ta="right">{c.received}</Table.Th>
              <Table.Th ta="right">{c.reversed}</Table.Th>
              <Table.Th ta="right">{c.net}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {modes.map((m) => (
              <Table.Tr key={m.mode}>
                <Table.Td>{m.label}</Table.Td>
                <Table.Td ta="right">{m.count}</Table.Td>
                <Table.Td ta="right">{euros(m.receivedCents)}</Table.Td>
                <Table.Td ta="right">{euros(-m.reversedCents)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {euros(m.netCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>{t.totalLabel}</Table.Td>
              <Table.Td ta="right">{journal.totals.count}</Table.Td>
              <Table.Td ta="right">{euros(journal.totals.receivedCents)}</Table.Td>
              <Table.Td ta="right">{euros(-journal.totals.reversedCents)}</Table.Td>
              <Table.Td ta="right">{euros(journal.totals.netCents)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t.entries}
        </Title>
        <Table verticalSpacing={4} fz="sm" data-testid="journal-entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.date}</Table.Th>
              <Table.Th>{c.operation}</Table.Th>
              <Table.Th>{c.receipt}</Table.Th>
              <Table.Th>{c.household}</Table.Th>
              <Table.Th>{c.mode}</Table.Th>
              <Table.Th>{c.cheque}</Table.Th>
              <Table.Th ta="right">{c.amount}</Table.Th>
              <Table.Th>{c.note}</Table.Th>
              <Table.Th>{c.by}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {journal.entries.map((e) => (
              <Table.Tr key={`${e.kind}:${e.paymentId}`}>
                <Table.Td>{formatDate(e.date)}</Table.Td>
                <Table.Td>
                  {e.kind === 'payment' ? (
                    t.payment
                  ) : (
                    <Pill tone="red" icon={IconArrowBackUp}>
                      {t.reversal}
                    </Pill>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor href={paths.payment(e.paymentId)} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {e.receiptNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {e.householdName}
                  {e.payerName ? (
                    <Text size="xs" c="dimmed">
                      {e.payerName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{e.modeLabel}</Table.Td>
                <Table.Td>{e.chequeNumber ? `${e.chequeNumber} (${e.chequeBank})` : ''}</Table.Td>
                <Table.Td ta="right" fw={600} c={e.amountCents < 0 ? 'red.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {euros(e.amountCents)}
                </Table.Td>
                <Table.Td>{e.note}</Table.Td>
                <Table.Td>{e.by}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function SlipTable({ slip }: { slip: ChequeSlip }) {
  const c = t.slip.columns;
  return (
    <table className="billing-slip-table" data-testid="cheque-slip">
      <thead>
        <tr>
          <th>{c.receivedOn}</th>
          <th>{c.receipt}</th>
          <th>{c.drawer}</th>
          <th>{c.bank}</th>
          <th>{c.number}</th>
          <th className="amount">{c.amount}</th>
        </tr>
      </thead>
      <tbody>
        {slip.cheques.map((ch) => (
          <tr key={ch.paymentId}>
            <td>{formatDate(ch.receivedOn)}</td>
            <td className="mono">{ch.receiptNumber}</td>
            <td>
              {ch.drawer}
              {ch.drawer !== ch.householdName ? ` (${ch.householdName})` : ''}
            </td>
            <td>{ch.chequeBank}</td>
            <td className="mono">{ch.chequeNumber}</td>
            <td className="amount">{euros(ch.amountCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={5}>
            {t.slip.total} — {t.slip.count(slip.count)}
          </td>
          <td className="amount">{euros(slip.totalCents)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function SlipView({ slip }: { slip: ChequeSlip }) {
  const settings = useRegieSettings();
  const period = t.slip.period(formatDate(slip.from), formatDate(slip.to));
  if (slip.count === 0)
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t.slip.none}
      </Alert>
    );
  const regie = settings.data;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Stack gap={0}>
          <Title order={2} size="h4">
            {t.slip.heading}
          </Title>
          <Text size="sm">{period}</Text>
        </Stack>
        <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
          {t.slip.print}
        </Button>
      </Group>
      <SlipTable slip={slip} />
      {regie && (
        <Text size="sm" mt="sm">
          {t.slip.payableTo(regie.payableTo)}
        </Text>
      )}
      {createPortal(
        <div className="billing-print" data-testid="cheque-slip-print">
          <div className="header">
            <div>
              <strong>{regie?.communeName}</strong>
              <div>{regie?.regieName}</div>
              <div>
                {[regie?.addressLine1, [regie?.postalCode, regie?.city].filter(Boolean).join(' ')].filter(Boolean).join(' — ')}
              </div>
            </div>
            <div className="right">{formatDate(parisToday())}</div>
          </div>
          <h1>{t.slip.heading}</h1>
          <p>
            {period} — {regie ? t.slip.payableTo(regie.payableTo) : ''}
          </p>
          <SlipTable slip={slip} />
          <p className="signature">{t.slip.signature}</p>
        </div>,
        document.body,
      )}
    </Paper>
  );
}
