// « Avoir » on an issued invoice (creditNote.issue): either quantities of its lines (at the line's unit price) or
// a free amount, always with a reason. The invoice itself never changes; the credit note reduces what it still
// owes, and becomes household credit when it was already paid.
import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconReceiptRefund } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { sumCents, times } from '../../../../shared/domain/money';
import { newId } from '../../ids';
import { AmountField, inputToCents } from './AmountField';
import { useBillingCommand, type InvoiceDetail } from './queries';
import { euros, text } from './text';

const t = text.creditNote;

export function CreditNoteModal({ invoice, opened, onClose }: { invoice: InvoiceDetail; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t.title(invoice.number)} size="xl">
      {opened && <CreditNoteForm invoice={invoice} onClose={onClose} />}
    </Modal>
  );
}

function CreditNoteForm({ invoice, onClose }: { invoice: InvoiceDetail; onClose: () => void }) {
  const [creditNoteId] = useState(newId);
  const creditable = invoice.lines.filter((l) => l.amountCents > 0);
  const [mode, setMode] = useState<'lines' | 'amount'>(creditable.length > 0 ? 'lines' : 'amount');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [orphans, setOrphans] = useState<string[]>([]);
  const issue = useBillingCommand('creditNote.issue', { success: t.issued, failure: t.failed });
  // What is left to credit: the total less the credit notes already issued on this invoice.
  const left = invoice.totalCents - sumCents(invoice.creditNotes.map((c) => c.totalCents));

  const requested = creditable.filter((l) => (quantities[l.id] ?? 0) > 0).map((l) => ({ line: l, quantity: quantities[l.id]! }));
  const totalCents =
    mode === 'lines' ? sumCents(requested.map((r) => times(r.line.unitPriceCents, r.quantity))) : (inputToCents(amount) ?? 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = t.reasonRequired;
    if (mode === 'lines' && requested.length === 0) found.lines = t.nothingSelected;
    const cents = inputToCents(amount);
    if (mode === 'amount' && (cents === undefined || cents <= 0)) found.amountCents = t.amountRequired;
    setErrors(found);
    setOrphans([]);
    if (Object.keys(found).length > 0) return;
    const result = await issue.run({
      creditNoteId,
      invoiceId: invoice.invoiceId,
      reason: reason.trim(),
      ...(mode === 'lines'
        ? { lines: requested.map((r) => ({ invoiceLineId: r.line.id, quantity: r.quantity })) }
        : { amountCents: cents! }),
    });
    if (!result) return;
    if (result.ok) onClose();
    else {
      // `lines.<i>.quantity` → the line asked at index i.
      const byLine: Record<string, string> = {};
      const rest: string[] = [];
      for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
        const match = /^lines\.(\d+)\./.exec(path);
        const line = match ? requested[Number(match[1])]?.line : undefined;
        if (line) byLine[line.id] = message;
        else if (path === 'reason' || path === 'amountCents') byLine[path] = message;
        else rest.push(message);
      }
      setErrors(byLine);
      setOrphans(rest);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="credit-note-form">
      <Stack gap="md">
        <Text size="sm">{t.intro}</Text>
        <Text size="sm" fw={600}>
          {t.creditable(euros(left))}
        </Text>
        <SegmentedControl
          aria-label={t.mode}
          value={mode}
          onChange={(v) => setMode(v as 'lines' | 'amount')}
          data={[
            { value: 'lines', label: t.byLines, disabled: creditable.length === 0 },
            { value: 'amount', label: t.byAmount },
          ]}
          w="fit-content"
        />
        {mode === 'lines' ? (
          creditable.length === 0 ? (
            <Text c="dimmed">{t.noLine}</Text>
          ) : (
            <Table withTableBorder verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{text.run.columns.label}</Table.Th>
                  <Table.Th ta="right">{text.run.columns.quantity}</Table.Th>
                  <Table.Th ta="right">{text.run.columns.unitPrice}</Table.Th>
                  <Table.Th ta="right" w={150}>
                    {t.quantityShort}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {creditable.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {l.childName} — {l.activityName}
                      </Text>
                      <Text size="sm">
                        {l.label}
                        {l.detail ? ` · ${l.detail}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{l.quantity}</Table.Td>
                    <Table.Td ta="right">{euros(l.unitPriceCents)}</Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        aria-label={`${t.quantity(l.quantity)} — ${l.childName}, ${l.label}`}
                        min={0}
                        max={l.quantity}
                        allowDecimal={false}
                        allowNegative={false}
                        value={quantities[l.id] ?? 0}
                        onChange={(v) => {
                          setQuantities({ ...quantities, [l.id]: typeof v === 'number' ? v : Number(v) || 0 });
                          setErrors(({ [l.id]: _line, lines: _lines, ...rest }) => rest);
                        }}
                        error={errors[l.id]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        ) : (
          <AmountField
            label={t.amount}
            withAsterisk
            value={amount}
            onChange={setAmount}
            error={errors.amountCents}
            w={220}
            data-autofocus
          />
        )}
        {errors.lines && (
          <Text size="sm" c="red.8" role="alert">
            {errors.lines}
          </Text>
        )}
        <Textarea
          label={t.reason}
          withAsterisk
          placeholder={t.reasonPlaceholder}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setErrors(({ reason: _gone, ...rest }) => rest);
          }}
          error={errors.reason}
        />
        <Text fw={700}>{t.total(euros(totalCents))}</Text>
        {orphans.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {orphans.join(' ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {text.run.cancel}
          </Button>
          <Button type="submit" loading={issue.pending} leftSection={<IconReceiptRefund size={18} aria-hidden />}>
            {t.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
