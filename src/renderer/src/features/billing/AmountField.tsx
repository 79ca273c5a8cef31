// An amount typed the way staff type it (`29,56`, `29.56`, `1 234,56 €`), read exactly with the money helper
// `parseEuros` (never through a float). The text stays what was typed; on blur a readable amount is rewritten
// in the French form (`29,5` → `29,50`).
import { TextInput, type TextInputProps } from '@mantine/core';
import { parseEuros, type Cents } from '../../../../shared/domain/money';

/** Cents → what the field shows: `2956` → `29,56` (no thousands separator, no currency: the field says €). */
export function centsToInput(cents: Cents): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** The cents of a typed amount, undefined when it is not one (empty, letters, three decimals). */
export function inputToCents(value: string): Cents | undefined {
  return value.trim() === '' ? undefined : parseEuros(value);
}

interface AmountFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  value: string;
  onChange: (value: string) => void;
}

export function AmountField({ value, onChange, onBlur, ...props }: AmountFieldProps) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      rightSection="€"
      rightSectionPointerEvents="none"
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const cents = inputToCents(value);
        if (cents !== undefined && centsToInput(cents) !== value) onChange(centsToInput(cents));
        onBlur?.(event);
      }}
    />
  );
}
