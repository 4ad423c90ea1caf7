// expect: {"ok":false,"kind":"timeout","name":"NeverSettled"}
export async function main() {
  await new Promise(() => {});
}
