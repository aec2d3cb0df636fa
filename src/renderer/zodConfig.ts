// zod compiles its validators with `Function` when it may. The CSP (script-src 'self', no
// 'unsafe-eval') refuses that, and zod's first probe shows as a CSP violation at start-up; it then
// validates without compiling anyway. Saying so up front keeps the probe, and the violation, away.
import { z } from 'zod';

z.config({ jitless: true });
