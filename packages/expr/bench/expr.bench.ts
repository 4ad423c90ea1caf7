import { parseExpressionAt } from 'acorn';
import { compileExpression, evaluateExpression, parseExpression, STANDARD_ROOTS } from '../src/index';

// Typical bindings of a page; the figures show what a 2,000-node app costs to check and compile.
const SOURCES = [
  'state.count + 1',
  'queries.orders.data.filter(o => o.status === "paid").length',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  '`${item.title} · ${utils.formatNumber(item.price, 2)}`',
  'auth.user?.name ?? "guest"',
  'state.items.map((x, i) => ({ ...x, index: i })).sort((a, b) => a.price - b.price)',
  'form.email.includes("@") && form.password.length >= 8',
  'code.cart.total(state.items) > 100 ? "free shipping" : ""',
  'params.id === item._id',
];

function time(name: string, runs: number, fn: (i: number) => void): number {
  for (let i = 0; i < 200; i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn(i);
  const micros = ((performance.now() - start) * 1000) / runs;
  console.log(`bench: ${name} = ${micros.toFixed(2)} us`);
  return micros;
}

const scope = { scope: STANDARD_ROOTS };
// a unique suffix defeats any cache, so this is the cost of a fresh parse
// baseline: acorn alone on the same sources, so the ratio shows what checking adds
const acorn = time('expr.acorn.us', 20_000, (i) =>
  parseExpressionAt(`(${SOURCES[i % SOURCES.length]}) || ${i}`, 0, {
    ecmaVersion: 2022,
    sourceType: 'module',
    locations: true,
  }),
);
const parse = time('expr.parse.us', 20_000, (i) =>
  parseExpression(`(${SOURCES[i % SOURCES.length]}) || ${i}`, scope),
);
console.log(`bench: expr.parse.vs.acorn.ratio = ${(parse / acorn).toFixed(2)} x`);
time('expr.compile.us', 20_000, (i) => compileExpression(`(${SOURCES[i % SOURCES.length]}) || ${i}`, scope));
time('expr.parse.cached.us', 100_000, (i) => parseExpression(SOURCES[i % SOURCES.length] as string, scope));
const data = { state: { items: [{ price: 2 }, { price: 1 }], count: 1 } };
time('expr.evaluate.cached.us', 100_000, () => evaluateExpression('state.items.map(x => x.price * 2)', data));
