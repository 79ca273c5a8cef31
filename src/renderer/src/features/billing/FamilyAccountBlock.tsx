// The « Compte » block of the family file: the household's balance, what is still due, a link to the account and
// « Encaisser ». Shown to the régisseur and the administrateur only (nothing for an agent d'accueil).
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCash, IconWallet } from '@tabler/icons-react';
import { useState } from 'react';
import { paths } from '../../router';
import { PaymentModal } from './PaymentModal';
import { useAccount, useBillingAccess } from './queries';
import { euros, text } from './text';

const t = text.account;

export function FamilyAccountBlock({ householdId, householdName }: { householdId: string; householdName: string }) {
  const { access } = useBillingAccess();
  const account = useAccount(householdId, access.billing);
  const [paying, setPaying] = useState(false);
  if (!access.billing) return null;
  const data = account.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-block-title" data-testid="family-account-block">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="account-block-title">
          {t.blockTitle}
        </Title>
        <IconWallet size={20} aria-hidden />
      </Group>
      {data ? (
        <Stack gap={6}>
          <Text size="lg" fw={700} c={data.balanceCents > 0 ? 'red.9' : data.balanceCents < 0 ? 'teal.9' : undefined}>
            {t.balanceWords(data.balanceCents)}
          </Text>
          <Text size="sm">
            {t.openCount(data.openInvoices.length)}
            {data.openInvoicesCents > 0 ? ` (${euros(data.openInvoicesCents)})` : ''}
          </Text>
          {data.availableCreditCents > 0 && <Text size="sm">{`${t.availableCredit} : ${euros(data.availableCreditCents)}`}</Text>}
          <Group justify="space-between" mt={4}>
            <Anchor href={paths.account(householdId)} size="sm">
              {t.seeAccount}
            </Anchor>
            <Button size="xs" leftSection={<IconCash size={16} aria-hidden />} onClick={() => setPaying(true)}>
              {t.pay}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {account.isError ? text.loadFailed : text.loading}
        </Text>
      )}
      <PaymentModal opened={paying} onClose={() => setPaying(false)} householdId={householdId} householdName={householdName} />
    </Paper>
  );
}
