// Tarifs et régie (`#/tarifs`): per activity its tariffs (unit, validity, QF brackets with resident and
// hors-commune prices, sibling reductions), its penalties (late cancellation %, unbooked presence surcharge), and
// the régie's settings (identity on documents, accepted payment modes, « ordre des chèques »). An administrateur
// edits; a régisseur reads.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconCoinEuro,
  IconInfoCircle,
  IconLock,
  IconPencil,
  IconPlus,
  IconSettings,
  IconTrash,
  IconUserExclamation,
} from '@tabler/icons-react';
import { useRef, useState, type ReactNode } from 'react';
import type { PaymentMode } from '../../../../shared/commands/payments';
import { formatSiret, siretProblem } from '../../../../shared/domain/regieIdentity';
import { FormFooter } from '../../components/FormFooter';
import { showFieldErrors } from '../../fieldErrors';
import { parisToday } from '../families/format';
import { Pill } from '../reservations/Pill';
import { useActivities, type ActivityView } from '../reservations/queries';
import { AccessGate } from './AccessGate';
import { AmountField, centsToInput, inputToCents } from './AmountField';
import { LoadError, Loading } from './Loading';
import {
  useBillingAccess,
  useBillingCommand,
  useRegieSettings,
  useTariffs,
  type RegieSettings,
  type TariffsView,
  type TariffView,
} from './queries';
import { LogoField } from './LogoField';
import { TariffFormModal } from './TariffForm';
import { euros, formatDate, paymentModeLabels, paymentModeOrder, text } from './text';

const t = text.tariffs;

export function TariffsScreen() {
  return (
    <AccessGate>
      <Tariffs />
    </AccessGate>
  );
}

function Tariffs() {
  const { access } = useBillingAccess();
  const activities = useActivities();
  const tariffs = useTariffs();
  const [tab, setTab] = useState<string | null>('tariffs');
  return (
    <Stack gap="md" data-testid="tariffs-screen">
      <Title order={1} size="h2">
        {t.title}
      </Title>
      {!access.admin && (
        <Alert color="gray" icon={<IconLock aria-hidden />} py="xs">
          {text.access.readOnly}
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="tariffs" leftSection={<IconCoinEuro size={16} aria-hidden />}>
            {t.tabTariffs}
          </Tabs.Tab>
          <Tabs.Tab value="penalties" leftSection={<IconUserExclamation size={16} aria-hidden />}>
            {t.tabPenalties}
          </Tabs.Tab>
          <Tabs.Tab value="regie" leftSection={<IconSettings size={16} aria-hidden />}>
            {t.tabRegie}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tariffs" pt="md">
          {activities.isPending || tariffs.isPending ? (
            <Loading />
          ) : tariffs.isError || !tariffs.data || !activities.data ? (
            <LoadError error={tariffs.error ?? activities.error} onRetry={() => void tariffs.refetch()} />
          ) : (
            <TariffList activities={activities.data} tariffs={tariffs.data} admin={access.admin} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="penalties" pt="md">
          {tariffs.data ? <Penalties view={tariffs.data} admin={access.admin} /> : <Loading />}
        </Tabs.Panel>
        <Tabs.Panel value="regie" pt="md">
          <RegieTab admin={access.admin} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// ——— Tariffs ———

function validityPill(tariff: TariffView, today: string) {
  if (tariff.validTo < today)
    return (
      <Pill tone="gray" icon={IconLock}>
        {t.past}
      </Pill>
    );
  if (tariff.validFrom > today) return <Pill tone="blue">{t.future}</Pill>;
  return <Pill tone="green">{t.current}</Pill>;
}

function TariffList({ activities, tariffs, admin }: { activities: ActivityView[]; tariffs: TariffsView; admin: boolean }) {
  const today = parisToday();
  const [editing, setEditing] = useState<{ activity: ActivityView; tariff: TariffView | null } | null>(null);
  const [removing, setRemoving] = useState<TariffView | null>(null);
  const remove = useBillingCommand('tariff.remove', { success: t.removed, failure: 'Suppression impossible' });
  if (activities.length === 0) return <Text c="dimmed">{t.noActivity}</Text>;
  return (
    <Stack gap="md">
      {activities.map((activity) => {
        const own = tariffs.tariffs.filter((x) => x.activityId === activity.id);
        return (
          <Paper
            key={activity.id}
            withBorder
            p="md"
            component="section"
            aria-labelledby={`tariffs-${activity.id}`}
            data-testid="tariff-activity"
          >
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id={`tariffs-${activity.id}`}>
                {activity.name}
              </Title>
              {admin && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setEditing({ activity, tariff: null })}
                  aria-label={t.addFor(activity.name)}
                >
                  {t.add}
                </Button>
              )}
            </Group>
            {own.length === 0 ? (
              <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} py="xs">
                {t.noTariff}
              </Alert>
            ) : (
              <Stack gap="md">
                {own.map((tariff) => (
                  <TariffCard
                    key={tariff.id}
                    tariff={tariff}
                    status={validityPill(tariff, today)}
                    admin={admin}
                    onEdit={() => setEditing({ activity, tariff })}
                    onRemove={() => setRemoving(tariff)}
                  />
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
      <TariffFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        activity={editing?.activity ?? null}
        tariff={editing?.tariff ?? null}
      />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t.removeTitle}>
        {removing && (
          <Stack>
            <Text size="sm">{t.removeBody(removing.label || removing.activityName)}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {text.run.cancel}
              </Button>
              <Button
                color="red"
                loading={remove.pending}
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={async () => {
                  const result = await remove.run({ tariffId: removing.id });
                  if (result?.ok) setRemoving(null);
                }}
              >
                {t.remove}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function TariffCard({
  tariff,
  status,
  admin,
  onEdit,
  onRemove,
}: {
  tariff: TariffView;
  status: ReactNode;
  admin: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const c = t.bracketColumns;
  const name = tariff.label || tariff.activityName;
  return (
    <Stack gap={6} data-testid="tariff-card">
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={700}>{name}</Text>
          <Pill tone="gray">{tariff.unitName ?? t.allUnits}</Pill>
          <Text size="sm">{t.validity(formatDate(tariff.validFrom), formatDate(tariff.validTo))}</Text>
          {status}
        </Group>
        {admin && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              aria-label={`${t.edit} ${name}`}
            >
              {t.edit}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={onRemove}
              aria-label={`${t.remove} ${name}`}
            >
              {t.remove}
            </Button>
          </Group>
        )}
      </Group>
      <Table withTableBorder verticalSpacing={3} fz="sm" maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.label}</Table.Th>
            <Table.Th ta="right">{c.qfMin}</Table.Th>
            <Table.Th ta="right">{c.qfMax}</Table.Th>
            <Table.Th ta="right">{c.resident}</Table.Th>
            <Table.Th ta="right">{c.nonResident}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tariff.brackets.map((b) => (
            <Table.Tr key={b.label}>
              <Table.Td fw={600}>{b.label}</Table.Td>
              <Table.Td ta="right">{b.qfMin}</Table.Td>
              <Table.Td ta="right">{b.qfMax ?? t.andMore}</Table.Td>
              <Table.Td ta="right">{euros(b.residentCents)}</Table.Td>
              <Table.Td ta="right">{euros(b.nonResidentCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        <Text span fw={600} size="sm">
          {t.siblings} :{' '}
        </Text>
        {tariff.siblingReductions.length === 0
          ? t.siblingsNone
          : tariff.siblingReductions.map((r) => t.siblingText(r.fromRank, r.percent)).join(' ; ')}
      </Text>
    </Stack>
  );
}

// ——— Penalties ———

function Penalties({ view, admin }: { view: TariffsView; admin: boolean }) {
  const p = t.penalties;
  if (view.penalties.length === 0) return <Text c="dimmed">{t.noActivity}</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm">{p.intro}</Text>
      <Table withTableBorder verticalSpacing={6} fz="sm" bg="white" data-testid="penalties">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.activity}</Table.Th>
            <Table.Th>{p.late}</Table.Th>
            <Table.Th>{p.surchargeKind}</Table.Th>
            <Table.Th />
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.penalties.map((row) => (
            <PenaltyRow key={row.activityId} row={row} admin={admin} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function PenaltyRow({ row, admin }: { row: TariffsView['penalties'][number]; admin: boolean }) {
  const p = t.penalties;
  const s = row.penalties.unbookedSurcharge;
  const [late, setLate] = useState<number>(row.penalties.lateCancellationPercent);
  const [kind, setKind] = useState<'percent' | 'fixed'>(s.kind);
  const [percent, setPercent] = useState<number>(s.kind === 'percent' ? s.percent : 0);
  const [amount, setAmount] = useState(s.kind === 'fixed' ? centsToInput(s.amountCents) : '');
  const [error, setError] = useState<string | undefined>();
  const save = useBillingCommand('tariff.setPenalties', {
    success: p.saved(row.activityName),
    failure: 'Pénalités non enregistrées',
  });
  const submit = async () => {
    const cents = inputToCents(amount);
    if (kind === 'fixed' && (cents === undefined || cents < 0)) {
      setError(t.invalidAmount);
      return;
    }
    setError(undefined);
    const result = await save.run({
      activityId: row.activityId,
      lateCancellationPercent: late,
      unbookedSurcharge: kind === 'percent' ? { kind, percent } : { kind, amountCents: cents! },
    });
    if (result && !result.ok) setError(Object.values(result.fieldErrors ?? {})[0] ?? result.message);
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} size="sm">
          {row.activityName}
        </Text>
        {row.isDefault && (
          <Text size="xs" c="dimmed">
            {p.isDefault}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <NumberInput
          size="xs"
          aria-label={`${p.late} — ${row.activityName}`}
          min={0}
          max={100}
          allowDecimal={false}
          suffix=" %"
          value={late}
          onChange={(v) => setLate(Number(v) || 0)}
          w={110}
          disabled={!admin}
        />
      </Table.Td>
      <Table.Td>
        <SegmentedControl
          size="xs"
          aria-label={`${p.surchargeKind} — ${row.activityName}`}
          value={kind}
          onChange={(v) => setKind(v as 'percent' | 'fixed')}
          data={[
            { value: 'percent', label: p.percent },
            { value: 'fixed', label: p.fixed },
          ]}
          disabled={!admin}
        />
      </Table.Td>
      <Table.Td>
        {kind === 'percent' ? (
          <NumberInput
            size="xs"
            aria-label={`${p.surchargePercent} — ${row.activityName}`}
            min={0}
            max={1000}
            allowDecimal={false}
            prefix="+"
            suffix=" %"
            value={percent}
            onChange={(v) => setPercent(Number(v) || 0)}
            w={110}
            disabled={!admin}
          />
        ) : (
          <AmountField
            size="xs"
            aria-label={`${p.surchargeAmount} — ${row.activityName}`}
            value={amount}
            onChange={setAmount}
            w={110}
            error={error}
            disabled={!admin}
          />
        )}
      </Table.Td>
      <Table.Td>
        {admin && (
          <Button size="xs" variant="default" loading={save.pending} onClick={() => void submit()}>
            {p.save}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

// ——— Régie settings ———

type RegieValues = Omit<RegieSettings, 'acceptedModes' | 'saved'> & { acceptedModes: PaymentMode[] };

function RegieTab({ admin }: { admin: boolean }) {
  const settings = useRegieSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError || !settings.data) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <RegieForm settings={settings.data} admin={admin} />;
}

function RegieForm({ settings, admin }: { settings: RegieSettings; admin: boolean }) {
  const r = t.regie;
  const formRef = useRef<HTMLFormElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  const save = useBillingCommand('regie.saveSettings', { success: r.saved, failure: 'Réglages non enregistrés' });
  const { acceptedModes, saved: _saved, ...fields } = settings;
  const form = useForm<RegieValues>({
    mode: 'controlled',
    initialValues: { ...fields, siret: formatSiret(fields.siret), acceptedModes: acceptedModes.map((m) => m.mode) },
    // The command checks the same rule; checking here shows the message before anything is sent.
    validate: { siret: (value) => siretProblem(value) },
  });
  const submit = async (values: RegieValues) => {
    const result = await save.run(values);
    if (!result) return;
    if (result.ok) {
      setOrphans([]);
      form.resetDirty();
    } else setOrphans(showFieldErrors(form, result.fieldErrors ?? {}, formRef.current));
  };
  const field = (
    name: keyof Omit<RegieValues, 'acceptedModes' | 'logo'>,
    extra: { withAsterisk?: boolean; span?: boolean; description?: string } = {},
  ) => (
    <TextInput
      label={r[name]}
      description={extra.description}
      withAsterisk={extra.withAsterisk}
      disabled={!admin}
      {...form.getInputProps(name)}
      style={extra.span ? { gridColumn: 'span 2' } : undefined}
    />
  );
  return (
    <Paper withBorder p="md" maw={860}>
      <form ref={formRef} onSubmit={form.onSubmit(submit)} noValidate data-testid="regie-form">
        <Stack gap="md">
          <Text size="sm">{r.intro}</Text>
          {!settings.saved && (
            <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} py="xs">
              {r.notSaved}
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="md">
            {field('communeName', { withAsterisk: true })}
            {field('siret', { description: r.siretHint })}
            {field('regieName')}
            {field('regieNumber')}
            {field('addressLine1')}
            {field('addressLine2')}
            {field('postalCode')}
            {field('city')}
            {field('phone')}
            {field('email')}
            {field('portalUrl')}
            {field('officeHours')}
            {field('payableTo', { withAsterisk: true })}
            <LogoField
              value={form.values.logo}
              onChange={(logo) => form.setFieldValue('logo', logo)}
              error={form.errors.logo as string | undefined}
              disabled={!admin}
            />
          </SimpleGrid>
          <Checkbox.Group label={r.acceptedModes} withAsterisk {...form.getInputProps('acceptedModes')}>
            <Group gap="md" mt={6}>
              {paymentModeOrder.map((mode) => (
                <Checkbox key={mode} value={mode} label={paymentModeLabels[mode]} disabled={!admin} />
              ))}
            </Group>
          </Checkbox.Group>
          {admin && <FormFooter onCancel={() => form.reset()} pending={save.pending} orphans={orphans} submitLabel={r.save} />}
        </Stack>
      </form>
    </Paper>
  );
}
