// Functions the host installed (console, db, fetch) lead only to the sandbox's Function constructor.
// expect: {"ok":true,"value":["undefined","undefined","undefined","undefined","undefined"]}
export async function main() {
  const routes = [
    console.log.constructor,
    db.collection.constructor,
    fetch.constructor.constructor,
    setTimeout.constructor,
    env.constructor.constructor,
  ];
  return routes.map((F) => F('return typeof process')().toString());
}
