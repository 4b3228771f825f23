import { DateInput, type DateInputProps } from '@mantine/dates';
import '@mantine/dates/styles.css';

/** `dd-mm-aaaa` (also with / or .) or `aaaa-mm-dd` → `aaaa-mm-dd`, or null if that day does not exist. */
export function leerFecha(texto: string): string | null {
  const t = texto.trim();
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [a, m, d] = local ? [local[3], local[2], local[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!a || !m || !d) return null;
  const fecha = new Date(Date.UTC(Number(a), Number(m) - 1, Number(d)));
  const valida =
    fecha.getUTCFullYear() === Number(a) && fecha.getUTCMonth() === Number(m) - 1 && fecha.getUTCDate() === Number(d);
  return valida ? `${a}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : null;
}

/** A calendar date typed or picked, shown dd-mm-aaaa, valued aaaa-mm-dd (what the API takes). */
export function CampoFecha(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  return (
    <DateInput
      valueFormat="DD-MM-YYYY"
      dateParser={leerFecha}
      placeholder="dd-mm-aaaa"
      clearable
      allowDeselect
      {...props}
    />
  );
}
