// Facturation mensuelle (`#/facturation[/YYYY-MM]`): a month (last month by default) and optionally some
// activities; the draft the run would issue, household by household, with counts, totals and anomalies (pas de
// QF valide, pas de tarif, total négatif), filterable; « Émettre les factures du mois » after a confirmation
// stating how many invoices and their total; then the numbers issued. The run bills each booking once: running
// it again issues nothing new, and the screen says so.
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileInvoice, IconSearch, IconSend } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { IssueMonthResult } from '../../../../shared/commands/billing';
import { sumCents } from '../../../../shared/domain/money';
import { foldText } from '../../../../shared/domain/search';
import { navigate, paths } from '../../router';
import { parisToday } from '../families/format';
import { addDays, addMonths, monthLabel } from '../reservations/dates';
import { useActivities } from '../reservations/queries';
import { AccessGate } from './AccessGate';
import { DraftHouseholds } from './DraftHouseholds';
import { InvoiceStatusPill } from './InvoiceStatusPill';
import { LoadError, Loading } from './Loading';
import { MonthSelect } from './MonthSelect';
import { useBillingCommand, useDraft, useInvoices, type BillingDraft, type InvoiceSummary } from './queries';
import { euros, formatDate, text } from './text';

const t = text.run;
/** invoice.issueMonth's default (shared/commands/billing.ts DEFAULT_DUE_DAYS), shown in the confirmation. */
const DUE_DAYS = 30;

export function BillingRunScreen({ month }: { month: string | null }) {
  return (
    <AccessGate>
      <BillingRun month={month ?? addMonths(parisToday().slice(0, 7), -1)} />
    </AccessGate>
  );
}

function BillingRun({ month }: { month: string }) {
  const today = parisToday();
  const activities = useActivities();
  const [activityIds, setActivityIds] = useState<string[]>([]);
  const draft = useDraft(month, activityIds);
  const issued = useInvoices({ month });
  const [onlyAnomalies, setOnlyAnomalies] = useState(false);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ month: string; value: IssueMonthResult } | null>(null);
  const issue = useBillingCommand('invoice.issueMonth', { failure: 'Émission impossible' });

  const data = draft.data;
  const households = useMemo(() => data?.households ?? [], [data]);
  const flagged = households.filter((h) => h.anomalies.length > 0);
  const shown = useMemo(() => {
    const needle = foldText(search.trim());
    return households.filter(
      (h) => (!onlyAnomalies || h.anomalies.length > 0) && (!needle || foldText(h.householdName).includes(needle)),
    );
  }, [households, onlyAnomalies, search]);
  // Unfolded by default while the list is short; the agent's choice once made.
  const open = expanded ?? new Set(households.length <= 5 ? households.map((h) => h.householdId) : []);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  const runIssue = async () => {
    const answer = await issue.run({ month, activityIds: activityIds.length > 0 ? activityIds : undefined });
    setConfirming(false);
    if (answer?.ok) setResult({ month, value: answer.value });
  };

  const monthName = monthLabel(month);
  const lastResult = result?.month === month ? result.value : null;
  return (
    <Stack gap="md" data-testid="billing-run">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t.title}
        </Title>
        <Text size="sm" c="dimmed" maw={900}>
          {t.intro}
        </Text>
      </Stack>

      <Paper withBorder p="sm">
        <Group align="flex-end" gap="lg">
          <MonthSelect value={month} onChange={(m) => m && navigate(paths.billingRun(m))} today={today} />
          <MultiSelect
            label={t.activities}
            placeholder={activityIds.length === 0 ? t.allActivities : undefined}
            data={(activities.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={activityIds}
            onChange={setActivityIds}
            clearable
            searchable
            w={380}
          />
        </Group>
      </Paper>

      {draft.isPending ? (
        <Loading />
      ) : draft.isError || !data ? (
        <LoadError error={draft.error} onRetry={() => void draft.refetch()} />
      ) : (
        <>
          {lastResult && <IssuedResult result={lastResult} />}
          {households.length > 0 && <Summary draft={data} flagged={flagged.length} />}
          {data.anomalies.length > 0 && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t.blockingTitle} role="alert">
              <List size="sm">
                {data.anomalies.map((a, i) => (
                  <List.Item key={i}>{a.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {households.length === 0 ? (
            <Alert
              color="green"
              icon={<IconCircleCheck aria-hidden />}
              title={t.nothingTitle(monthName)}
              data-testid="nothing-to-bill"
            >
              {t.nothingBody(issued.data?.length ?? 0)}
            </Alert>
          ) : (
            <>
              <Group justify="space-between" align="flex-end">
                <Group align="flex-end" gap="md">
                  <SegmentedControl
                    aria-label={t.filterLabel}
                    value={onlyAnomalies ? 'anomalies' : 'all'}
                    onChange={(v) => setOnlyAnomalies(v === 'anomalies')}
                    data={[
                      { value: 'all', label: t.filterAll(households.length) },
                      { value: 'anomalies', label: t.filterAnomalies(flagged.length) },
                    ]}
                  />
                  <TextInput
                    aria-label={t.search}
                    placeholder={t.searchPlaceholder}
                    leftSection={<IconSearch size={16} aria-hidden />}
                    value={search}
                    onChange={(e) => setSearch(e.currentTarget.value)}
                    w={240}
                  />
                </Group>
                <Group gap="xs">
                  <Button variant="subtle" size="xs" onClick={() => setExpanded(new Set(households.map((h) => h.householdId)))}>
                    {t.expandAll}
                  </Button>
                  <Button variant="subtle" size="xs" onClick={() => setExpanded(new Set())}>
                    {t.collapseAll}
                  </Button>
                </Group>
              </Group>
              {shown.length === 0 ? (
                <Text c="dimmed">{t.noMatch}</Text>
              ) : (
                <DraftHouseholds households={shown} expanded={open} onToggle={toggle} />
              )}
            </>
          )}
          {(households.length > 0 || !data.canIssue) && <IssueBar draft={data} onIssue={() => setConfirming(true)} />}
        </>
      )}

      <MonthInvoices month={month} invoices={issued.data ?? []} />

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t.confirmTitle(monthName)}>
        {data && (
          <ConfirmIssue
            draft={data}
            today={today}
            pending={issue.pending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => void runIssue()}
          />
        )}
      </Modal>
    </Stack>
  );
}

function Summary({ draft, flagged }: { draft: BillingDraft; flagged: number }) {
  const c = t.counts;
  const totals = draft.totals;
  return (
    <Paper withBorder p="sm" data-testid="draft-summary">
      <Group justify="space-between" align="center">
        <Group gap="lg">
          <Text fw={600}>{c.households(totals.households)}</Text>
          <Text>{c.invoices(totals.invoices)}</Text>
          {totals.creditNotes > 0 && <Text>{c.creditNotes(totals.creditNotes)}</Text>}
          <Text>{c.lines(totals.lines)}</Text>
          <Text>{c.bookings(totals.bookings)}</Text>
          {flagged > 0 && (
            <Group gap={4}>
              <IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden />
              <Text fw={600}>{c.anomalies(flagged)}</Text>
            </Group>
          )}
        </Group>
        <Group gap={6}>
          <Text>{t.total} :</Text>
          <Text fw={700} size="lg">
            {euros(totals.totalCents)}
          </Text>
        </Group>
      </Group>
    </Paper>
  );
}

function IssueBar({ draft, onIssue }: { draft: BillingDraft; onIssue: () => void }) {
  const nothing = draft.totals.invoices + draft.totals.creditNotes === 0;
  const blocked = !draft.canIssue;
  return (
    <Group justify="flex-end" gap="sm">
      {blocked && (
        <Text size="sm" c="red.9">
          {t.issueDisabledBlocking}
        </Text>
      )}
      <Button size="md" leftSection={<IconSend size={18} aria-hidden />} disabled={blocked || nothing} onClick={onIssue}>
        {t.issue}
      </Button>
    </Group>
  );
}

function ConfirmIssue({
  draft,
  today,
  pending,
  onCancel,
  onConfirm,
}: {
  draft: BillingDraft;
  today: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const invoices = draft.households.filter((h) => h.outcome === 'invoice');
  const notes = draft.households.filter((h) => h.outcome === 'creditNote');
  const warnings = draft.households.filter((h) => h.anomalies.length > 0).length;
  return (
    <Stack gap="sm">
      {invoices.length > 0 && (
        <Text size="lg" fw={600} data-testid="confirm-summary">
          {t.confirmInvoices(invoices.length, euros(sumCents(invoices.map((h) => h.totalCents))))}
        </Text>
      )}
      {notes.length > 0 && <Text>{t.confirmCreditNotes(notes.length, euros(-sumCents(notes.map((h) => h.totalCents))))}</Text>}
      <Text size="sm">{t.confirmDates(formatDate(today), formatDate(addDays(today, DUE_DAYS)))}</Text>
      {warnings > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} py="xs">
          {t.confirmWarnings(warnings)}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t.confirmFinal}
      </Text>
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel}>
          {t.cancel}
        </Button>
        <Button leftSection={<IconSend size={18} aria-hidden />} loading={pending} onClick={onConfirm} data-autofocus>
          {t.confirm}
        </Button>
      </Group>
    </Stack>
  );
}

function IssuedResult({ result }: { result: IssueMonthResult }) {
  const count = result.invoices.length;
  return (
    <Alert
      color={count > 0 ? 'green' : 'blue'}
      icon={count > 0 ? <IconCircleCheck aria-hidden /> : <IconFileInvoice aria-hidden />}
      title={t.issuedTitle(count)}
      role="status"
      data-testid="issue-result"
    >
      <Stack gap={4}>
        {count > 0 ? (
          <Text size="sm">
            {t.issuedBody(euros(result.totalCents), result.invoices[0]!.number, result.invoices[count - 1]!.number)}
          </Text>
        ) : (
          result.creditNotes.length === 0 && <Text size="sm">{t.issuedNothing}</Text>
        )}
        {result.creditNotes.length > 0 && <Text size="sm">{t.issuedCreditNotes(result.creditNotes.length)}</Text>}
      </Stack>
    </Alert>
  );
}

function MonthInvoices({ month, invoices }: { month: string; invoices: InvoiceSummary[] }) {
  const c = text.invoices.columns;
  return (
    <section aria-labelledby="month-invoices">
      <Title order={2} size="h4" id="month-invoices" mb="xs">
        {t.monthInvoices(monthLabel(month))}
      </Title>
      {invoices.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t.noMonthInvoice}
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={6} fz="sm" bg="white" data-testid="month-invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.number}</Table.Th>
              <Table.Th>{c.household}</Table.Th>
              <Table.Th>{c.issueDate}</Table.Th>
              <Table.Th>{c.dueDate}</Table.Th>
              <Table.Th ta="right">{c.total}</Table.Th>
              <Table.Th ta="right">{c.due}</Table.Th>
              <Table.Th>{c.status}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoices.map((i) => (
              <Table.Tr key={i.invoiceId}>
                <Table.Td>
                  <Anchor href={paths.invoice(i.invoiceId)} fw={600} ff="monospace">
                    {i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i.householdName}</Table.Td>
                <Table.Td>{formatDate(i.issueDate)}</Table.Td>
                <Table.Td>{formatDate(i.dueDate)}</Table.Td>
                <Table.Td ta="right">{euros(i.totalCents)}</Table.Td>
                <Table.Td ta="right">{euros(i.openCents)}</Table.Td>
                <Table.Td>
                  <InvoiceStatusPill invoice={i} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
