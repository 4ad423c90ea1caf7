// Getters and toJSON are evaluated once, by the sandbox; the host receives plain data.
// expect: {"ok":true,"value":{"inner":{"replaced":true},"count":1}}
export async function main() {
  let count = 0;
  const value = {
    get count() {
      count++;
      if (count > 1) throw new Error('getter called twice');
      return count;
    },
    inner: { toJSON: () => ({ replaced: true }) },
  };
  return value;
}
