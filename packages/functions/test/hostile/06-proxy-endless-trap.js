// A Proxy whose trap never returns ends by the time limit, inside the sandbox.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  return new Proxy(
    {},
    {
      ownKeys: () => {
        for (;;) {}
      },
    },
  );
}
