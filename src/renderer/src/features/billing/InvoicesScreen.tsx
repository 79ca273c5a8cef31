// Factures (`#/factures`): every issued invoice, filtered by month, by status (payée, partiellement payée,
// impayée) and by household or number; totals of what is listed; each number opens the invoice.
import { Anchor, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { sumCents } from '../../../../shared/domain/money';
import { foldText } from '../../../../shared/domain/search';
import { paths } from '../../router';
import { parisToday } from '../families/format';
import { monthLabel } from '../reservations/dates';
import { AccessGate } from './AccessGate';
import { InvoiceStatusPill } from './InvoiceStatusPill';
import { LoadError, Loading } from './Loading';
import { capitalize, MonthSelect } from './MonthSelect';
import { useInvoices, type InvoiceStatusFilter } from './queries';
import { euros, formatDate, text } from './text';

const t = text.invoices;

export function InvoicesScreen() {
  return (
    <AccessGate>
      <Invoices />
    </AccessGate>
  );
}

type StatusChoice = 'all' | Exclude<InvoiceStatusFilter, 'open'>;

function Invoices() {
  const today = parisToday();
  const [month, setMonth] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusChoice>('all');
  const [search, setSearch] = useState('');
  const invoices = useInvoices({ month: month ?? undefined, status: status === 'all' ? undefined : status });
  const shown = useMemo(() => {
    const needle = foldText(search.trim());
    const rows = invoices.data ?? [];
    // Newest first: the desk looks for recent invoices.
    return rows
      .filter((i) => !needle || foldText(i.householdName).includes(needle) || i.number.includes(needle))
      .slice()
      .reverse();
  }, [invoices.data, search]);
  const c = t.columns;

  return (
    <Stack gap="md" data-testid="invoices-screen">
      <Title order={1} size="h2">
        {t.title}
      </Title>
      <Paper withBorder p="sm">
        <Group align="flex-end" gap="lg">
          <MonthSelect value={month} onChange={setMonth} today={today} allowAll />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="status-filter">
              {t.status}
            </Text>
            <SegmentedControl
              aria-labelledby="status-filter"
              value={status}
              onChange={(v) => setStatus(v as StatusChoice)}
              data={[
                { value: 'all', label: t.statusAll },
                { value: 'unpaid', label: text.status.unpaid },
                { value: 'partiallyPaid', label: text.status.partiallyPaid },
                { value: 'paid', label: text.status.paid },
              ]}
            />
          </Stack>
          <TextInput
            label={t.search}
            placeholder={t.searchPlaceholder}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={240}
          />
        </Group>
      </Paper>

      {invoices.isPending ? (
        <Loading />
      ) : invoices.isError ? (
        <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t.none}</Text>
      ) : (
        <>
          <Group justify="space-between">
            <Text fw={600}>{t.count(shown.length)}</Text>
            <Text>
              {t.totals(euros(sumCents(shown.map((i) => i.totalCents))), euros(sumCents(shown.map((i) => i.openCents))))}
            </Text>
          </Group>
          <Table withTableBorder highlightOnHover verticalSpacing={6} fz="sm" bg="white" data-testid="invoices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{c.number}</Table.Th>
                <Table.Th>{c.household}</Table.Th>
                <Table.Th>{c.month}</Table.Th>
                <Table.Th>{c.issueDate}</Table.Th>
                <Table.Th>{c.dueDate}</Table.Th>
                <Table.Th ta="right">{c.total}</Table.Th>
                <Table.Th ta="right">{c.paid}</Table.Th>
                <Table.Th ta="right">{c.due}</Table.Th>
                <Table.Th>{c.status}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((i) => (
                <Table.Tr key={i.invoiceId}>
                  <Table.Td>
                    <Anchor href={paths.invoice(i.invoiceId)} fw={600} ff="monospace">
                      {i.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={paths.account(i.householdId)} c="dark">
                      {i.householdName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{capitalize(monthLabel(i.month))}</Table.Td>
                  <Table.Td>{formatDate(i.issueDate)}</Table.Td>
                  <Table.Td>{formatDate(i.dueDate)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {euros(i.totalCents)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {euros(i.paidCents + i.creditedCents)}
                  </Table.Td>
                  <Table.Td ta="right" fw={i.openCents > 0 ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {euros(i.openCents)}
                  </Table.Td>
                  <Table.Td>
                    <InvoiceStatusPill invoice={i} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
