// Mantine's PostCSS preset: rem()/light-dark() helpers and breakpoint mixins in our CSS files.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
