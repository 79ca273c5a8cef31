// Encaissement: a payment received at the desk for a household. Mode (only those the régie accepts; a cheque
// needs its bank and number), amount, date, payer, and its ventilation over the household's open invoices —
// oldest first by default (the invoice it was opened from first), or amounts typed per invoice. What is not
// allocated is kept as the household's credit, and shown as such before saving. Once saved: the receipt number,
// where the money went, and « Imprimer le reçu » (the receipt PDF, in the same dialog).
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconCash, IconCircleCheck, IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import type { PaymentMode, RecordedPayment } from '../../../../shared/commands/payments';
import { allocateOldestFirst, byAge, type Allocation } from '../../../../shared/domain/allocation';
import { sumCents, type Cents } from '../../../../shared/domain/money';
import { DateField } from '../../components/DateField';
import { newId } from '../../ids';
import { paths } from '../../router';
import { formatDate, parisToday, parseDate } from '../families/format';
import { AmountField, centsToInput, inputToCents } from './AmountField';
import { LoadError, Loading } from './Loading';
import { PdfBody } from './PdfViewer';
import { useAccount, useBillingCommand, useRegieSettings, type HouseholdAccount } from './queries';
import { euros, text } from './text';

const t = text.payment;

interface PaymentModalProps {
  opened: boolean;
  onClose: () => void;
  householdId: string;
  householdName: string;
  /** Opened from an invoice: it is paid first. */
  invoiceId?: string;
}

export function PaymentModal({ opened, onClose, householdId, householdName, invoiceId }: PaymentModalProps) {
  const [wide, setWide] = useState(false);
  const close = () => {
    setWide(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t.title(householdName)} size={wide ? 'min(1100px, 94vw)' : 'xl'}>
      {opened && <PaymentDialog householdId={householdId} invoiceId={invoiceId} onClose={close} onWide={() => setWide(true)} />}
    </Modal>
  );
}

type OpenInvoice = HouseholdAccount['openInvoices'][number];

/** The automatic ventilation: the preferred invoice first, then the others oldest first. */
function automaticPlan(amountCents: Cents, open: readonly OpenInvoice[], preferred?: string): Allocation[] {
  const first = open.find((o) => o.invoiceId === preferred);
  if (!first) return allocateOldestFirst(amountCents, open).allocations;
  const head = Math.min(amountCents, first.openCents);
  const rest = allocateOldestFirst(
    amountCents - head,
    open.filter((o) => o !== first),
  ).allocations;
  return head > 0 ? [{ invoiceId: first.invoiceId, amountCents: head }, ...rest] : rest;
}

function PaymentDialog({
  householdId,
  invoiceId,
  onClose,
  onWide,
}: {
  householdId: string;
  invoiceId?: string;
  onClose: () => void;
  onWide: () => void;
}) {
  const settings = useRegieSettings();
  const account = useAccount(householdId);
  const [done, setDone] = useState<{ value: RecordedPayment; message?: string } | null>(null);

  if (settings.isPending || account.isPending) return <Loading />;
  if (settings.isError || account.isError || !settings.data || !account.data)
    return <LoadError error={settings.error ?? account.error} />;
  if (done) return <PaymentDone payment={done.value} message={done.message} onClose={onClose} onWide={onWide} />;
  return (
    <PaymentForm
      householdId={householdId}
      invoiceId={invoiceId}
      modes={settings.data.acceptedModes}
      account={account.data}
      onClose={onClose}
      onDone={(value, message) => setDone({ value, message })}
    />
  );
}

function PaymentForm({
  householdId,
  invoiceId,
  modes,
  account,
  onClose,
  onDone,
}: {
  householdId: string;
  invoiceId?: string;
  modes: { mode: PaymentMode; label: string }[];
  account: HouseholdAccount;
  onClose: () => void;
  onDone: (value: RecordedPayment, message?: string) => void;
}) {
  const today = parisToday();
  const [paymentId] = useState(newId);
  const open = useMemo(() => [...account.openInvoices].sort(byAge), [account.openInvoices]);
  const preferred = open.find((o) => o.invoiceId === invoiceId);
  const [mode, setMode] = useState<PaymentMode | null>(modes.length === 1 ? modes[0]!.mode : null);
  const [amount, setAmount] = useState(() => {
    const due = preferred ? preferred.openCents : account.openInvoicesCents;
    return due > 0 ? centsToInput(due) : '';
  });
  const [receivedOn, setReceivedOn] = useState(formatDate(today));
  const [payerName, setPayerName] = useState('');
  const [chequeBank, setChequeBank] = useState('');
  const [chequeNumber, setChequeNumber] = useState('');
  const [note, setNote] = useState('');
  /** Typed amounts per invoice; null: automatic (oldest first). */
  const [custom, setCustom] = useState<Record<string, string> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [orphans, setOrphans] = useState<string[]>([]);
  const record = useBillingCommand('payment.record', { failure: 'Règlement non enregistré' });
  /** A field's message goes as soon as the field changes. */
  const edited =
    <V,>(key: string, set: (value: V) => void) =>
    (value: V) => {
      set(value);
      if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
    };

  const amountCents = inputToCents(amount);
  const auto = automaticPlan(amountCents ?? 0, open, invoiceId);
  const allocationOf = (id: string): Cents | undefined =>
    custom
      ? (inputToCents(custom[id] ?? '') ?? (custom[id]?.trim() ? undefined : 0))
      : (auto.find((a) => a.invoiceId === id)?.amountCents ?? 0);
  const allocationErrors: Record<string, string> = {};
  for (const o of open) {
    const value = allocationOf(o.invoiceId);
    if (value === undefined || value < 0) allocationErrors[o.invoiceId] = t.amountRequired;
    else if (value > o.openCents) allocationErrors[o.invoiceId] = t.overInvoice(euros(o.openCents));
  }
  const allocatedCents = sumCents(open.map((o) => Math.max(0, allocationOf(o.invoiceId) ?? 0)));
  const creditCents = (amountCents ?? 0) - allocatedCents;
  const overAllocated = amountCents !== undefined && creditCents < 0;

  const switchToCustom = (value: string) => {
    if (value === 'auto') setCustom(null);
    else
      setCustom(
        Object.fromEntries(
          open.map((o) => [o.invoiceId, centsToInput(auto.find((a) => a.invoiceId === o.invoiceId)?.amountCents ?? 0)]),
        ),
      );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!mode) found.mode = 'Choisissez un mode de règlement.';
    if (amountCents === undefined || amountCents <= 0) found.amountCents = t.amountRequired;
    const receivedIso = parseDate(receivedOn);
    if (!receivedIso) found.receivedOn = t.dateRequired;
    else if (receivedIso > today) found.receivedOn = 'La date de réception ne peut pas être dans le futur.';
    if (mode === 'cheque' && !chequeBank.trim()) found.chequeBank = 'Indiquez la banque du chèque.';
    if (mode === 'cheque' && !chequeNumber.trim()) found.chequeNumber = 'Indiquez le numéro du chèque.';
    if (Object.keys(allocationErrors).length > 0 || overAllocated)
      found.allocations = overAllocated ? t.overAllocated : t.amountRequired;
    setErrors(found);
    setOrphans([]);
    if (Object.keys(found).length > 0) return;
    // Automatic without a preferred invoice: the desk core allocates oldest first itself (same rule).
    const allocations =
      custom || preferred
        ? open
            .map((o) => ({ invoiceId: o.invoiceId, amountCents: allocationOf(o.invoiceId) ?? 0 }))
            .filter((a) => a.amountCents > 0)
        : undefined;
    const result = await record.run({
      paymentId,
      householdId,
      mode: mode!,
      amountCents: amountCents!,
      receivedOn: receivedIso!,
      chequeBank: mode === 'cheque' ? chequeBank.trim() : '',
      chequeNumber: mode === 'cheque' ? chequeNumber.trim() : '',
      payerName: payerName.trim(),
      note: note.trim(),
      allocations,
    });
    if (!result) return;
    if (result.ok) onDone(result.value, result.message);
    else {
      const fieldErrors = result.fieldErrors ?? {};
      const known = ['mode', 'amountCents', 'receivedOn', 'chequeBank', 'chequeNumber', 'payerName', 'note', 'allocations'];
      setErrors(Object.fromEntries(Object.entries(fieldErrors).filter(([k]) => known.includes(k))));
      setOrphans(
        Object.entries(fieldErrors)
          .filter(([k]) => !known.includes(k))
          .map(([, m]) => m),
      );
    }
  };

  if (modes.length === 0)
    return (
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
        {t.modesMissing}
      </Alert>
    );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="payment-form">
      <Stack gap="md">
        <Radio.Group
          label={t.mode}
          withAsterisk
          value={mode ?? ''}
          onChange={edited('mode', (v: string) => setMode(v as PaymentMode))}
          error={errors.mode}
        >
          <Group gap="md" mt={6}>
            {modes.map((m, i) => (
              <Radio key={m.mode} value={m.mode} label={m.label} data-autofocus={i === 0 ? true : undefined} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={3} spacing="md">
          <AmountField
            label={t.amount}
            withAsterisk
            value={amount}
            onChange={edited('amountCents', setAmount)}
            placeholder={t.amountHint}
            error={errors.amountCents}
          />
          <DateField
            label={t.receivedOn}
            withAsterisk
            value={receivedOn}
            onChange={edited('receivedOn', setReceivedOn)}
            error={errors.receivedOn}
          />
          <TextInput
            label={t.payer}
            placeholder={account.householdName}
            description={t.payerHint}
            value={payerName}
            onChange={(e) => setPayerName(e.currentTarget.value)}
            error={errors.payerName}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
        </SimpleGrid>
        {mode === 'cheque' && (
          <SimpleGrid cols={2} spacing="md">
            <TextInput
              label={t.chequeBank}
              withAsterisk
              value={chequeBank}
              onChange={(e) => edited('chequeBank', setChequeBank)(e.currentTarget.value)}
              error={errors.chequeBank}
            />
            <TextInput
              label={t.chequeNumber}
              withAsterisk
              value={chequeNumber}
              onChange={(e) => edited('chequeNumber', setChequeNumber)(e.currentTarget.value)}
              error={errors.chequeNumber}
              inputMode="numeric"
            />
          </SimpleGrid>
        )}

        <Stack gap={6}>
          <Group justify="space-between" align="center">
            <Text fw={600} size="sm" id="allocation-title">
              {t.allocation}
            </Text>
            {open.length > 0 && (
              <SegmentedControl
                size="xs"
                aria-labelledby="allocation-title"
                value={custom ? 'custom' : 'auto'}
                onChange={switchToCustom}
                data={[
                  { value: 'auto', label: t.allocationAuto },
                  { value: 'custom', label: t.allocationCustom },
                ]}
              />
            )}
          </Group>
          {open.length === 0 ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} py="xs">
              {t.noOpenInvoice}
            </Alert>
          ) : (
            <Table withTableBorder verticalSpacing={4} fz="sm" aria-labelledby="allocation-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{text.invoices.columns.number}</Table.Th>
                  <Table.Th>{text.invoices.columns.issueDate}</Table.Th>
                  <Table.Th ta="right">{t.open}</Table.Th>
                  <Table.Th ta="right" w={170}>
                    {t.allocated}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {open.map((o) => (
                  <Table.Tr key={o.invoiceId}>
                    <Table.Td ff="monospace">{o.number}</Table.Td>
                    <Table.Td>{formatDate(o.issueDate)}</Table.Td>
                    <Table.Td ta="right">{euros(o.openCents)}</Table.Td>
                    <Table.Td ta="right">
                      {custom ? (
                        <AmountField
                          aria-label={`${t.allocated} — ${o.number}`}
                          size="xs"
                          value={custom[o.invoiceId] ?? ''}
                          onChange={edited('allocations', (v: string) => setCustom({ ...custom, [o.invoiceId]: v }))}
                          error={allocationErrors[o.invoiceId]}
                        />
                      ) : (
                        <Text size="sm" fw={600}>
                          {euros(allocationOf(o.invoiceId) ?? 0)}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="space-between" data-testid="allocation-summary">
            <Text size="sm">{t.allocatedTotal(euros(allocatedCents))}</Text>
            {creditCents > 0 && (
              <Text size="sm" fw={600} c="teal.9">
                {t.credit(euros(creditCents))}
              </Text>
            )}
          </Group>
          {errors.allocations && (
            <Text size="sm" c="red.8" role="alert">
              {errors.allocations}
            </Text>
          )}
        </Stack>

        <Textarea
          label={t.note}
          autosize
          minRows={1}
          maxRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        {orphans.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {orphans.join(' ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {text.run.cancel}
          </Button>
          <Button type="submit" loading={record.pending} leftSection={<IconCash size={18} aria-hidden />}>
            {t.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PaymentDone({
  payment,
  message,
  onClose,
  onWide,
}: {
  payment: RecordedPayment;
  message?: string;
  onClose: () => void;
  onWide: () => void;
}) {
  const [showReceipt, setShowReceipt] = useState(false);
  return (
    <Stack gap="md" data-testid="payment-done">
      <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t.doneTitle(payment.receiptNumber)} role="status">
        <Stack gap={4}>
          {payment.allocations.length > 0 && (
            <Text size="sm">
              {t.doneAllocations}{' '}
              {payment.allocations.map((a, i) => (
                <span key={a.invoiceId}>
                  {i > 0 ? ', ' : ''}
                  <Anchor href={paths.invoice(a.invoiceId)} size="sm">
                    {a.number}
                  </Anchor>{' '}
                  ({euros(a.amountCents)})
                </span>
              ))}
            </Text>
          )}
          {payment.creditCents > 0 && <Text size="sm">{t.doneCredit(euros(payment.creditCents))}</Text>}
        </Stack>
      </Alert>
      {message && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button component="a" href={paths.payment(payment.paymentId)} variant="default" onClick={onClose}>
          {t.seePayment}
        </Button>
        {!showReceipt && (
          <Button
            leftSection={<IconPrinter size={18} aria-hidden />}
            onClick={() => {
              onWide();
              setShowReceipt(true);
            }}
            data-autofocus
          >
            {t.printReceipt}
          </Button>
        )}
        <Button variant="default" onClick={onClose}>
          {t.close}
        </Button>
      </Group>
      {showReceipt && <PdfBody kind="receipt" id={payment.paymentId} height="calc(100vh - 360px)" />}
    </Stack>
  );
}
