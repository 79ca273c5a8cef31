// A clock time typed as HH:MM, 24-hour (the native time input follows the machine's locale and may show
// "10:00 AM"). What staff type is normalised on blur: 8h30, 830, 08.30 → 08:30.
import { TextInput, type TextInputProps } from '@mantine/core';

interface TimeFieldProps extends Omit<TextInputProps, 'onChange' | 'value'> {
  value?: string;
  onChange?: (value: string) => void;
}

/** '8h30', '830', '0830', '8:30', '8.30', '8h' → '08:30' / '08:00'; undefined when it is not a time. */
export function parseTime(input: string): string | undefined {
  const value = input.trim().toLowerCase();
  const match = /^(\d{1,2})\s*[:h.]\s*(\d{2})?$/.exec(value) ?? /^(\d{1,2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function TimeField({ value = '', onChange, onBlur, ...props }: TimeFieldProps) {
  return (
    <TextInput
      placeholder="HH:MM"
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      {...props}
      value={value}
      onChange={(event) => onChange?.(event.currentTarget.value)}
      onBlur={(event) => {
        const time = parseTime(value);
        if (time && time !== value) onChange?.(time);
        onBlur?.(event);
      }}
    />
  );
}
