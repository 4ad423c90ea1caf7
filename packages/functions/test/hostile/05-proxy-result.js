// Proxy traps on the returned value run only inside the sandbox, while it makes the JSON copy.
// expect: {"ok":true,"value":{"a":"trapped:a"}}
export async function main() {
  return new Proxy(
    {},
    {
      ownKeys: () => ['a'],
      getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }),
      get: (_t, key) => (key === 'toJSON' ? undefined : `trapped:${String(key)}`),
    },
  );
}
