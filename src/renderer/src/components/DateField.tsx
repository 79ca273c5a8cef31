// A date typed as JJ/MM/AAAA (faster at the desk than a calendar for birth dates). The value stays what was
// typed; on blur a readable date is rewritten in the canonical form (12042018 → 12/04/2018).
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatDate, parseDate } from '../features/families/format';

interface DateFieldProps extends Omit<TextInputProps, 'onChange' | 'value' | 'defaultValue'> {
  /** What is typed (JJ/MM/AAAA once readable); works with `{...form.getInputProps(path)}`. */
  value?: string;
  onChange: (value: string) => void;
}

export function DateField({ value = '', onChange, onBlur, ...props }: DateFieldProps) {
  return (
    <TextInput
      placeholder="JJ/MM/AAAA"
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const iso = parseDate(value);
        if (iso && formatDate(iso) !== value) onChange(formatDate(iso));
        onBlur?.(event);
      }}
    />
  );
}
