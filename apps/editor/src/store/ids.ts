// New node ids: readable (`button_3`), unique in the document, valid for the schema's id pattern.

/** A function giving a fresh id for a component, never one `taken` reports as used. */
export function idMaker(taken: (id: string) => boolean): (component: string) => string {
  const counters = new Map<string, number>();
  return (component) => {
    const prefix =
      component
        .replace(/[^A-Za-z0-9]/g, '')
        .replace(/^[^A-Za-z]*/, '')
        .toLowerCase() || 'node';
    let n = counters.get(prefix) ?? 1;
    while (taken(`${prefix}_${n}`)) n++;
    counters.set(prefix, n + 1);
    return `${prefix}_${n}`;
  };
}
