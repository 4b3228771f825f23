import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to; our CSP forbids eval
// (script-src 'self'), and even Zod's probe for it raises a CSP violation. Imported first by main.tsx.
z.config({ jitless: true });
