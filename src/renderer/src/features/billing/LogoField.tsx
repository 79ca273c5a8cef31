// The commune's logo in the régie settings: pick a PNG or JPEG file, checked by its bytes (not its name), scaled
// down to at most 400 px and re-encoded when it is too heavy or very large, kept as a data URL (what regie.saveSettings stores
// and the PDFs print). The command checks the same rules again (shared/domain/regieIdentity).
import { Button, FileButton, Group, Image, Input, Paper, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { decodeLogo, imageTypeOf, LOGO_MAX_BYTES, type LogoType } from '../../../../shared/domain/regieIdentity';
import { text } from './text';

const t = text.tariffs.regie;
/** Printed about 2 cm wide: 400 px is plenty, and keeps the data URL small. */
const MAX_SIDE = 400;
/** Up to this size, a file within the weight limit is kept untouched. */
const KEEP_SIDE = 1024;

export function LogoField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string;
  onChange: (dataUrl: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decoded = value ? decodeLogo(value) : null;
  const pick = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await prepareLogo(file);
      if (typeof result === 'string') onChange(result);
      else setProblem(result.problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Input.Wrapper label={t.logo} description={t.logoHint} error={problem ?? error} style={{ gridColumn: 'span 2' }}>
      <Paper withBorder p="sm" mt={6}>
        <Group gap="md" align="center">
          {value ? (
            <Image src={value} alt={t.logoAlt} h={72} w="auto" fit="contain" data-testid="regie-logo-preview" />
          ) : (
            <Text size="sm" c="dimmed">
              {t.logoNone}
            </Text>
          )}
          {!disabled && (
            <Stack gap={6}>
              <FileButton onChange={(file) => void pick(file)} accept="image/png,image/jpeg" disabled={busy}>
                {(props) => (
                  <Button variant="default" leftSection={<IconPhotoUp size={16} aria-hidden />} loading={busy} {...props}>
                    {value ? t.logoReplace : t.logoChoose}
                  </Button>
                )}
              </FileButton>
              {value && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  onClick={() => onChange('')}
                >
                  {t.logoRemove}
                </Button>
              )}
            </Stack>
          )}
          {decoded && (
            <Text size="xs" c="dimmed">
              {decoded.type === 'image/png' ? 'PNG' : 'JPEG'}, {Math.ceil(decoded.bytes.length / 1024)} Ko
            </Text>
          )}
        </Group>
      </Paper>
    </Input.Wrapper>
  );
}

/** A data URL ready to save, or the French reason the file cannot be used. */
async function prepareLogo(file: File): Promise<string | { problem: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = imageTypeOf(bytes);
  if (!type) return { problem: t.logoNotImage };
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  try {
    const image = await loadImage(url);
    if (!image) return { problem: t.logoUnreadable };
    const side = Math.max(image.naturalWidth, image.naturalHeight);
    // A light file of a reasonable size is kept as it is (re-encoding a small logo often makes it heavier).
    if (side <= KEEP_SIDE && bytes.length <= LOGO_MAX_BYTES) return dataUrlOf(bytes, type);
    const scale = Math.min(1, MAX_SIDE / side);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d')!;
    // PNG keeps its transparency; a JPEG (or a PNG still too heavy as PNG) gets a white background.
    if (type === 'image/png') {
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      const png = canvas.toDataURL('image/png');
      if (base64Size(png) <= LOGO_MAX_BYTES) return png;
    }
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.9, 0.8, 0.65, 0.5]) {
      const jpeg = canvas.toDataURL('image/jpeg', quality);
      if (base64Size(jpeg) <= LOGO_MAX_BYTES) return jpeg;
    }
    return { problem: t.logoTooLarge };
  } finally {
    URL.revokeObjectURL(url);
  }
}

function loadImage(url: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new window.Image();
    image.onload = () => resolve(image.naturalWidth > 0 ? image : null);
    image.onerror = () => resolve(null);
    image.src = url;
  });
}

function dataUrlOf(bytes: Uint8Array, type: LogoType): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

function base64Size(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}
