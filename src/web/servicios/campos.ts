/** Form ↔ API conversions shared by the service dialogs (forms hold strings; the API wants null for "empty"). */

export const textoONull = (v: string | null | undefined): string | null => (v ?? '').trim() || null;

export const numeroONull = (v: number | string | null | undefined): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

export const idONull = (v: string | null | undefined): number | null => (v ? Number(v) : null);

export const aTexto = (v: number | string | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

export const aId = (v: number | null | undefined): string | null => (v == null ? null : String(v));

/** Money fields: `$1.234.567` as the user types, whole pesos only (DOMAIN.md: CLP integers). */
export const PROPS_MONTO = {
  prefix: '$',
  thousandSeparator: '.',
  decimalSeparator: ',',
  allowDecimal: false,
  allowNegative: false,
  min: 0,
} as const;
