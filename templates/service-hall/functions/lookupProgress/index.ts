// Progress by reference number, for anyone who has the number (signed in or not). The answer
// leaves out the name and phone number: the reference is not a password.
import { db } from '@tessera/function-sdk';

export async function main(event: { reference?: unknown }) {
  const reference = typeof event.reference === 'string' ? event.reference.trim().toUpperCase() : '';
  if (!/^SH-\d{8}-[A-Z0-9]{4,8}$/.test(reference)) return { found: false, reference };
  const found = await db.admin().collection('appointments').findOne({ reference });
  if (!found) return { found: false, reference };
  return {
    found: true,
    reference,
    service: found.service,
    serviceTitle: found.serviceTitle,
    date: found.date,
    time: found.time,
    status: found.status,
    steps: found.steps ?? [],
  };
}
