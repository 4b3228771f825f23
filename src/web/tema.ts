import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Field green: shade 7 keeps white text above 4.5:1 contrast (WCAG AA). */
const campo: MantineColorsTuple = [
  '#f0f8ec',
  '#e1efd9',
  '#c1deb0',
  '#9fcc84',
  '#82bd5f',
  '#6fb347',
  '#4f9a32',
  '#2f7d22',
  '#276b1c',
  '#1d5515',
];

export const tema = createTheme({
  primaryColor: 'campo',
  primaryShade: { light: 7, dark: 6 },
  colors: { campo },
  defaultRadius: 'md',
  cursorType: 'pointer',
  headings: { fontWeight: '700' },
  components: {
    // Mantine keeps closed dropdowns in the DOM, and their listbox is labelled by the field's label:
    // getByLabel('Comuna') would then find two elements. Mount the options only while open.
    // A plain object rather than Combobox.extend(): importing Combobox would pull it into the first load.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});
