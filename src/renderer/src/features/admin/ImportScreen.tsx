// Administration › Import (`#/admin/import`): a CSV file of families, previewed row by row with every error in
// French (line, column, message) by `import.preview`, which writes nothing; then the administrator chooses
// explicitly « Tout ou rien » or « Importer seulement les lignes valides » and `import.run` creates the
// households (through `household.create`, in one transaction). The file travels as base64 bytes, so the core
// detects its encoding (UTF-8 or Excel's Windows-1252) and separator.
import { Alert, Button, Card, FileInput, Group, List, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconFileImport,
  IconFileSpreadsheet,
  IconRefresh,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ScreenTitle } from '../../components/ScreenTitle';
import { call, type Returned } from '../../api';
import { paths } from '../../router';
import { darkTitle } from './alertStyles';
import { StateBadge } from './StateBadge';
import { text } from './text';

type Preview = Extract<Returned<'import.preview'>, { ok: true }>['value'];
type Outcome = Returned<'import.run'>;
type Mode = 'allOrNothing' | 'validRowsOnly';

const t = text.import;
/** Browser mode sends calls as JSON bodies of 1 Mio at most (src/main/webServer.ts). */
const BROWSER_MODE_LIMIT = 1_000_000;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportScreen() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [base64, setBase64] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode | ''>('');
  const [modeError, setModeError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const preview = useMutation({
    mutationFn: (content: string) => call('import.preview', { csv: { base64: content } }),
    onError: (e) => setFileError(e.message),
  });
  const run = useMutation({
    mutationFn: (args: { content: string; mode: Mode }) => call('import.run', { csv: { base64: args.content }, mode: args.mode }),
    onSuccess: async (result) => {
      setOutcome(result);
      if (result.ok) await queryClient.invalidateQueries({ queryKey: ['families'] });
    },
    onError: (e) => setOutcome({ ok: false, code: 'error', message: e.message }),
  });
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setBase64(null);
    setFileError(null);
    setOutcome(null);
    setMode('');
    preview.reset();
    if (!chosen) return;
    const content = await toBase64(chosen);
    if (!window.guichet && content.length > BROWSER_MODE_LIMIT) {
      setFileError('Fichier trop volumineux pour le mode navigateur (environ 700 Ko au plus) : utilisez l’application Guichet.');
      return;
    }
    setBase64(content);
    preview.mutate(content);
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!base64) return;
    if (!mode) return setModeError(t.modeRequired);
    setModeError(null);
    setOutcome(null);
    run.mutate({ content: base64, mode });
  };

  const result = preview.data;
  const done = outcome?.ok === true;
  return (
    <Stack gap="md" maw={1100}>
      <ScreenTitle title={t.title} intro={t.intro} />
      <Card withBorder padding="md">
        <FileInput
          label={t.file}
          description={t.fileHelp}
          placeholder={t.filePlaceholder}
          accept=".csv,.txt,text/csv,text/plain"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          clearButtonProps={{ 'aria-label': 'Retirer le fichier' }}
          error={fileError ?? (result && !result.ok ? result.message : undefined)}
          maw={720}
          disabled={done}
        />
        {preview.isPending && (
          <Text size="sm" mt="sm" role="status">
            {t.reading}
          </Text>
        )}
      </Card>

      {result?.ok && !done && (
        <PreviewView preview={result.value}>
          <form onSubmit={submit} noValidate>
            <Radio.Group
              label={t.modeTitle}
              value={mode}
              onChange={(v) => {
                setMode(v as Mode);
                setModeError(null);
              }}
              error={modeError}
              withAsterisk
            >
              <Stack gap="sm" mt="xs">
                <Radio value="allOrNothing" label={t.modeAll} description={t.modeAllHint} />
                <Radio value="validRowsOnly" label={t.modeValid} description={t.modeValidHint} />
              </Stack>
            </Radio.Group>
            <Group mt="md">
              <Button type="submit" loading={run.isPending} leftSection={<IconFileImport size={18} aria-hidden />}>
                {t.run}
              </Button>
            </Group>
          </form>
        </PreviewView>
      )}

      {outcome && (
        <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
          <OutcomeView outcome={outcome} onAgain={() => void choose(null)} />
        </div>
      )}
    </Stack>
  );
}

function PreviewView({ preview, children }: { preview: Preview; children: React.ReactNode }) {
  const errors = preview.errors;
  return (
    <Card withBorder component="section" aria-labelledby="import-preview-title" padding="md">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="import-preview-title">
            {t.previewTitle}
          </Title>
          <Text size="sm" fw={600} mt={4} data-testid="import-summary">
            {preview.message}
          </Text>
          <Text size="xs" mt={2}>
            {t.fileInfo(preview.encoding, t.separators[preview.separator] ?? preview.separator)} ·{' '}
            {t.households(preview.households.length)}
          </Text>
          <Text size="xs" mt={2}>
            {t.columnsFound} : {preview.columns.map((c) => c.label).join(', ') || '—'}
            {preview.ignoredColumns.length > 0 && ` · ${t.columnsIgnored} : ${preview.ignoredColumns.join(', ')}`}
          </Text>
        </div>

        {errors.length === 0 ? (
          <Group gap="xs">
            <IconCircleCheck size={18} color="var(--mantine-color-green-8)" aria-hidden />
            <Text size="sm">{t.noErrors}</Text>
          </Group>
        ) : (
          <section aria-labelledby="import-errors-title">
            <Group gap="xs" mb={4}>
              <IconAlertTriangle size={18} color="var(--mantine-color-red-8)" aria-hidden />
              <Title order={3} size="h5" id="import-errors-title" c="red.9">
                {t.errorsTitle(errors.length)}
              </Title>
            </Group>
            <Table verticalSpacing={4} fz="sm" withTableBorder aria-labelledby="import-errors-title" data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t.errorColumns.line}</Table.Th>
                  <Table.Th w={200}>{t.errorColumns.column}</Table.Th>
                  <Table.Th>{t.errorColumns.message}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.column || t.fileLevel}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        )}

        {preview.rows.length > 0 && (
          <section aria-labelledby="import-rows-title">
            <Title order={3} size="h5" id="import-rows-title" mb={4}>
              {t.rowsTitle}
            </Title>
            <Table.ScrollContainer minWidth={700} maxHeight={320}>
              <Table
                verticalSpacing={4}
                fz="sm"
                striped
                stickyHeader
                aria-labelledby="import-rows-title"
                data-testid="import-rows"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t.rowColumns.line}</Table.Th>
                    <Table.Th w={110}>{t.rowColumns.state}</Table.Th>
                    <Table.Th w={110}>{t.rowColumns.family}</Table.Th>
                    <Table.Th>{t.rowColumns.summary}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((row) => (
                    <Table.Tr key={row.line}>
                      <Table.Td>{row.line}</Table.Td>
                      <Table.Td>
                        {row.errors.length > 0 ? (
                          <StateBadge tone="error">{t.rowError}</StateBadge>
                        ) : row.kind === 'ignored' ? (
                          <StateBadge tone="neutral">{t.rowIgnored}</StateBadge>
                        ) : (
                          <StateBadge tone="ok">{t.rowOk}</StateBadge>
                        )}
                      </Table.Td>
                      <Table.Td>{row.family}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{row.summary}</Text>
                        {row.errors.map((e, i) => (
                          <Text size="sm" c="red.9" key={i}>
                            {e.column ? `${e.column} : ` : ''}
                            {e.message}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        )}
        {children}
      </Stack>
    </Card>
  );
}

function OutcomeView({ outcome, onAgain }: { outcome: Outcome; onAgain: () => void }) {
  if (!outcome.ok) {
    const details = Object.entries(outcome.fieldErrors ?? {});
    return (
      <Alert color="red" icon={<IconCircleX aria-hidden />} title={t.refused} role="alert" data-testid="import-outcome">
        <Text size="sm">{outcome.message}</Text>
        {details.length > 0 && (
          <List size="sm" mt={4}>
            {details.map(([where, message]) => (
              <List.Item key={where}>
                {where} : {message}
              </List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  const v = outcome.value;
  return (
    <Alert
      color="green"
      icon={<IconCircleCheck aria-hidden />}
      title={t.done}
      role="status"
      data-testid="import-outcome"
      styles={darkTitle}
    >
      <Text size="sm" fw={600}>
        {t.result(v.households, v.guardians, v.children)}
      </Text>
      {v.skipped.length > 0 && (
        <>
          <Text size="sm" mt={4}>
            {t.skipped(new Set(v.skipped.map((e) => e.line)).size)}
          </Text>
          <List size="sm">
            {v.skipped.map((e, i) => (
              <List.Item key={i}>
                {text.import.errorColumns.line} {e.line}
                {e.column ? ` — ${e.column}` : ''} : {e.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Group mt="sm">
        <Button variant="default" size="sm" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onAgain}>
          {t.again}
        </Button>
        <Button component="a" href={paths.home} variant="subtle" size="sm">
          {t.openFamily}
        </Button>
      </Group>
    </Alert>
  );
}
