// expect: {"ok":false,"kind":"thrown","message":"Too many timers"}
export async function main() {
  for (;;) setTimeout(() => {}, 0);
}
