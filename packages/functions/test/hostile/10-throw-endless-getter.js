// An error whose message getter never returns: describing it runs out of time in the sandbox.
// expect: {"ok":false,"kind":"timeout"}
export async function main() {
  const error = new Error('x');
  Object.defineProperty(error, 'message', {
    get: () => {
      for (;;) {}
    },
  });
  throw error;
}
