// Factures: the household's invoices with what is left to pay, the PDF, and online payment (the hub answers
// with the payment provider's address, where the browser goes). No invoice yet: a sentence says so.
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconCreditCard, IconFileTypePdf } from '@tabler/icons-react';
import { useId } from 'react';
import { errorMessage } from '../../api';
import { Loading, LoadError, Page } from '../../components/Page';
import { euros, formatDate } from '../../format';
import { useSpace } from '../../session';
import type { Invoice } from '../../types';
import { fetchInvoices, invoicePdfUrl, invoicesKey, invoiceStatusLabel, payInvoice } from './invoices';
import { PaymentOutcome } from './PaymentOutcome';

function InvoiceCard({ householdId, invoice }: { householdId: string; invoice: Invoice }) {
  const id = useId();
  const pay = useMutation({
    mutationFn: () => payInvoice(householdId, invoice.id),
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
  const paid = invoice.dueCents <= 0;
  return (
    <Card component="article" aria-labelledby={id} withBorder radius="md" padding="md">
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={2} size="h4" id={id}>
          Facture n° {invoice.number}
        </Title>
        <Badge color={paid ? 'green' : 'orange'} variant="light">
          {invoiceStatusLabel(invoice.status)}
        </Badge>
      </Group>
      <Stack gap={4}>
        <Text size="sm">
          Émise le {formatDate(invoice.issuedOn, { withYear: true, weekday: false })}, à régler avant le{' '}
          {formatDate(invoice.dueOn, { withYear: true, weekday: false })}.
        </Text>
        <Text size="sm">Montant : {euros(invoice.totalCents)}</Text>
        {invoice.paidCents > 0 && <Text size="sm">Déjà payé : {euros(invoice.paidCents)}</Text>}
        <Text size="sm" fw={700}>
          Reste à payer : {euros(Math.max(0, invoice.dueCents))}
        </Text>
      </Stack>
      {pay.isError && (
        <Alert mt="sm" color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {errorMessage(pay.error)}
        </Alert>
      )}
      <Group mt="md" gap="sm">
        <Button
          component="a"
          href={invoicePdfUrl(householdId, invoice.id)}
          variant="default"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
          aria-label={`Télécharger la facture n° ${invoice.number} (PDF)`}
        >
          Télécharger (PDF)
        </Button>
        {!paid && (
          <Button
            onClick={() => pay.mutate()}
            loading={pay.isPending || pay.isSuccess}
            leftSection={<IconCreditCard size={18} aria-hidden />}
            aria-label={`Payer en ligne la facture n° ${invoice.number} (${euros(invoice.dueCents)})`}
          >
            Payer en ligne
          </Button>
        )}
      </Group>
    </Card>
  );
}

export function InvoicesPage() {
  const { household } = useSpace();
  const invoices = useQuery({ queryKey: invoicesKey(household.id), queryFn: () => fetchInvoices(household.id) });
  const due = (invoices.data ?? []).reduce((sum, i) => sum + Math.max(0, i.dueCents), 0);
  return (
    <Page title="Factures" intro="Vos factures, à télécharger ou à payer en ligne.">
      <PaymentOutcome />
      {invoices.isPending ? (
        <Loading />
      ) : invoices.isError ? (
        <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <Text>Aucune facture pour le moment.</Text>
      ) : (
        <Stack gap="md">
          <Text fw={700}>{due > 0 ? `Solde à régler : ${euros(due)}` : 'Toutes vos factures sont réglées.'}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {invoices.data.map((invoice) => (
              <InvoiceCard key={invoice.id} householdId={household.id} invoice={invoice} />
            ))}
          </SimpleGrid>
          <Text size="sm">
            Vous pouvez aussi payer à l’accueil de la mairie, selon les moyens de paiement acceptés par la régie.
          </Text>
        </Stack>
      )}
    </Page>
  );
}
