// The month's draft, household by household: one row each (children, lines, anomalies, what the run will issue,
// total), unfolding into the lines grouped by child and activity (quantity, unit price, amount) with the child's
// total. Anomalies are shown as icon + words, and in full in the detail.
import { ActionIcon, Anchor, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronDown,
  IconChevronRight,
  IconFileInvoice,
  IconReceiptRefund,
  IconMinus,
} from '@tabler/icons-react';
import { Fragment } from 'react';
import { paths } from '../../router';
import { Pill } from '../reservations/Pill';
import type { DraftAnomaly, DraftHousehold } from './queries';
import { euros, text } from './text';

const t = text.run;

export function AnomalyPill({ anomaly }: { anomaly: Pick<DraftAnomaly, 'code' | 'blocking' | 'message'> }) {
  return (
    <Pill tone={anomaly.blocking ? 'redStrong' : 'orange'} icon={IconAlertTriangle} title={anomaly.message}>
      {t.anomaly[anomaly.code]}
    </Pill>
  );
}

function OutcomePill({ outcome }: { outcome: DraftHousehold['outcome'] }) {
  if (outcome === 'invoice')
    return (
      <Pill tone="blue" icon={IconFileInvoice}>
        {t.outcome.invoice}
      </Pill>
    );
  if (outcome === 'creditNote')
    return (
      <Pill tone="grape" icon={IconReceiptRefund}>
        {t.outcome.creditNote}
      </Pill>
    );
  return (
    <Pill tone="gray" icon={IconMinus}>
      {t.outcome.nothing}
    </Pill>
  );
}

/** One code per kind of anomaly of a household (the detail lists every message). */
const distinctAnomalies = (h: DraftHousehold) => [...new Map(h.anomalies.map((a) => [a.code, a])).values()];

interface DraftHouseholdsProps {
  households: DraftHousehold[];
  expanded: ReadonlySet<string>;
  onToggle: (householdId: string) => void;
}

export function DraftHouseholds({ households, expanded, onToggle }: DraftHouseholdsProps) {
  const c = t.columns;
  return (
    <Table withTableBorder verticalSpacing={6} fz="sm" data-testid="draft-households" bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={44}>
            <VisuallyHidden>{t.showDetailColumn}</VisuallyHidden>
          </Table.Th>
          <Table.Th>{c.household}</Table.Th>
          <Table.Th>{c.children}</Table.Th>
          <Table.Th ta="right">{c.lines}</Table.Th>
          <Table.Th>{c.anomalies}</Table.Th>
          <Table.Th>{c.outcome}</Table.Th>
          <Table.Th ta="right">{c.total}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {households.map((h) => {
          const open = expanded.has(h.householdId);
          const detailId = `draft-${h.householdId}`;
          const lines = h.children.reduce((n, ch) => n + ch.activities.reduce((m, a) => m + a.lines.length, 0), 0);
          const flagged = h.anomalies.length > 0;
          return (
            <Fragment key={h.householdId}>
              <Table.Tr
                data-testid="draft-household"
                style={flagged ? { background: 'var(--mantine-color-orange-0)' } : undefined}
              >
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="dark"
                    aria-expanded={open}
                    aria-controls={detailId}
                    aria-label={t.showDetail(h.householdName)}
                    onClick={() => onToggle(h.householdId)}
                  >
                    {open ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
                  </ActionIcon>
                </Table.Td>
                <Table.Td>
                  <Anchor href={paths.family(h.householdId)} fw={600}>
                    {h.householdName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{h.children.map((ch) => ch.firstName).join(', ')}</Table.Td>
                <Table.Td ta="right">{lines}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {distinctAnomalies(h).map((a) => (
                      <AnomalyPill key={a.code} anomaly={a} />
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <OutcomePill outcome={h.outcome} />
                </Table.Td>
                <Table.Td ta="right" fw={700} c={h.totalCents < 0 ? 'red.9' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {euros(h.totalCents)}
                </Table.Td>
              </Table.Tr>
              {open && (
                <Table.Tr id={detailId}>
                  <Table.Td />
                  <Table.Td colSpan={6} pb="md">
                    <HouseholdDetail household={h} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function HouseholdDetail({ household: h }: { household: DraftHousehold }) {
  const c = t.columns;
  return (
    <Stack gap="xs">
      {h.anomalies.length > 0 && (
        <Stack gap={2} role="list" aria-label={c.anomalies}>
          {h.anomalies.map((a, i) => (
            <Group key={i} gap={6} wrap="nowrap" align="flex-start" role="listitem">
              <IconAlertTriangle
                size={16}
                color="var(--mantine-color-orange-9)"
                aria-hidden
                style={{ flexShrink: 0, marginTop: 2 }}
              />
              <Text size="sm">{a.message}</Text>
            </Group>
          ))}
        </Stack>
      )}
      <Table verticalSpacing={3} fz="sm" withRowBorders={false} layout="fixed">
        <colgroup>
          <col style={{ width: '34%' }} />
          <col style={{ width: '30%' }} />
          <col style={{ width: '8%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '14%' }} />
        </colgroup>
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
          {h.children.map((child) => (
            <Fragment key={child.childId}>
              <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                <Table.Td colSpan={5} fw={700} pt={8}>
                  {child.firstName} {child.lastName}
                </Table.Td>
              </Table.Tr>
              {child.activities.map((activity) => (
                <Fragment key={activity.activityId}>
                  <Table.Tr>
                    <Table.Td colSpan={5} fw={600} c="dimmed" pl="md">
                      {activity.activityName}
                    </Table.Td>
                  </Table.Tr>
                  {activity.lines.map((line, i) => (
                    <Table.Tr key={i}>
                      <Table.Td pl="xl">{line.label}</Table.Td>
                      <Table.Td c="dimmed">{line.detail}</Table.Td>
                      <Table.Td ta="right">{line.quantity}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {euros(line.unitPriceCents)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} c={line.amountCents < 0 ? 'red.9' : undefined}>
                        {euros(line.amountCents)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
              <Table.Tr>
                <Table.Td colSpan={4} ta="right" fw={600}>
                  {t.childTotal(child.firstName)}
                </Table.Td>
                <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {euros(child.totalCents)}
                </Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      {h.cesuEligibleCents > 0 && (
        <Text size="sm" c="dimmed" ta="right">
          {t.cesu(euros(h.cesuEligibleCents))}
        </Text>
      )}
    </Stack>
  );
}
