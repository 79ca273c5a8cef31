// Compte du foyer (`#/familles/<id>/compte`): every invoice, credit note, payment and reversal of the household in
// order, with the running balance (positive: the household owes; negative: it has credit), what is still due on
// invoices and the credit available. « Encaisser » records a payment; « Utiliser l'avoir » applies the credit to
// open invoices (credit.apply).
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowLeft,
  IconCash,
  IconFileInvoice,
  IconReceiptRefund,
  IconTransferIn,
} from '@tabler/icons-react';
import { useState } from 'react';
import { paths } from '../../router';
import { AccessGate } from './AccessGate';
import { LoadError, Loading } from './Loading';
import { PaymentModal } from './PaymentModal';
import { useAccount, useBillingCommand, type AccountEntry, type HouseholdAccount } from './queries';
import { euros, formatDate, text } from './text';

const t = text.account;

export function AccountScreen({ householdId }: { householdId: string }) {
  return (
    <AccessGate>
      <Account householdId={householdId} />
    </AccessGate>
  );
}

function Account({ householdId }: { householdId: string }) {
  const account = useAccount(householdId);
  if (account.isPending) return <Loading />;
  if (account.isError) return <LoadError error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t.notFound}
        </Title>
        <Anchor href={paths.home}>{text.account.backToFamily}</Anchor>
      </Stack>
    );
  return <AccountView account={account.data} />;
}

const kindIcon = {
  invoice: IconFileInvoice,
  creditNote: IconReceiptRefund,
  payment: IconCash,
  paymentReversal: IconArrowBackUp,
} as const;

function entryHref(e: AccountEntry): string | undefined {
  if (e.kind === 'invoice') return paths.invoice(e.id);
  if (e.kind === 'payment') return paths.payment(e.id);
  return undefined;
}

function AccountView({ account }: { account: HouseholdAccount }) {
  const [paying, setPaying] = useState(false);
  const apply = useBillingCommand('credit.apply', { success: t.applyCreditDone });
  const c = t.columns;
  const canApply = account.availableCreditCents > 0 && account.openInvoicesCents > 0;
  return (
    <Stack gap="md" data-testid="account-screen">
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {t.title(account.householdName)}
        </Title>
        <Group gap="xs">
          <Button
            component="a"
            href={paths.family(account.householdId)}
            variant="subtle"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
          >
            {t.backToFamily}
          </Button>
          {canApply && (
            <Button
              variant="default"
              leftSection={<IconTransferIn size={18} aria-hidden />}
              loading={apply.pending}
              onClick={() => void apply.run({ householdId: account.householdId, note: '' })}
            >
              {t.applyCredit}
            </Button>
          )}
          <Button leftSection={<IconCash size={18} aria-hidden />} onClick={() => setPaying(true)}>
            {t.pay}
          </Button>
        </Group>
      </Group>

      <SimpleGrid cols={3} spacing="md" data-testid="account-summary">
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t.balance}
          </Text>
          <Text size="xl" fw={700} c={account.balanceCents > 0 ? 'red.9' : account.balanceCents < 0 ? 'teal.9' : undefined}>
            {t.balanceWords(account.balanceCents)}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t.openInvoices}
          </Text>
          <Text size="xl" fw={700}>
            {euros(account.openInvoicesCents)}
          </Text>
          <Text size="sm">{t.openCount(account.openInvoices.length)}</Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t.availableCredit}
          </Text>
          <Text size="xl" fw={700}>
            {euros(account.availableCreditCents)}
          </Text>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t.history}
        </Title>
        {account.entries.length === 0 ? (
          <Text c="dimmed">{t.empty}</Text>
        ) : (
          <Table verticalSpacing={6} fz="sm" data-testid="account-entries" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{c.date}</Table.Th>
                <Table.Th>{c.operation}</Table.Th>
                <Table.Th ta="right">{c.debit}</Table.Th>
                <Table.Th ta="right">{c.credit}</Table.Th>
                <Table.Th ta="right">{c.balance}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.entries.map((e) => {
                const Icon = kindIcon[e.kind];
                const href = entryHref(e);
                return (
                  <Table.Tr key={`${e.kind}:${e.id}`} data-kind={e.kind}>
                    <Table.Td>{formatDate(e.date)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <Icon size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                        <Stack gap={0}>
                          <Text size="sm">
                            {href ? (
                              <Anchor href={href} size="sm" td={e.reversed ? 'line-through' : undefined}>
                                {e.label}
                              </Anchor>
                            ) : (
                              e.label
                            )}
                          </Text>
                          <Group gap={6}>
                            {e.reversed && (
                              <Badge
                                size="sm"
                                color="red.8"
                                variant="outline"
                                leftSection={<IconArrowBackUp size={12} aria-hidden />}
                              >
                                {t.reversed}
                              </Badge>
                            )}
                            {e.kind === 'invoice' && (e.openCents ?? 0) > 0 && (
                              <Text size="xs" c="red.9">
                                {t.stillDue(euros(e.openCents!))}
                              </Text>
                            )}
                          </Group>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {e.debitCents > 0 ? euros(e.debitCents) : ''}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {e.creditCents > 0 ? euros(e.creditCents) : ''}
                    </Table.Td>
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {euros(e.balanceCents)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <PaymentModal
        opened={paying}
        onClose={() => setPaying(false)}
        householdId={account.householdId}
        householdName={account.householdName}
      />
    </Stack>
  );
}
