/** The four rules of one collection (or storage prefix), each an expression of the expression language. */
export interface CollectionRules {
  read: string;
  create: string;
  update: string;
  delete: string;
}

export const presetNames = ['public-read', 'owner-only', 'signed-in-read', 'admin-only'] as const;
export type RulePreset = (typeof presetNames)[number];

const signedIn = 'auth != null';
const owner = 'auth != null && doc._openid == auth.uid';
const admin = "auth != null && auth.roles.includes('admin')";

/** Presets, defined precisely here and in apps/server/src/rules/README.md. */
export const presets: Record<RulePreset, CollectionRules> = {
  // Anyone, even signed out, reads; signed-in users create; only the creator changes or deletes.
  'public-read': { read: 'true', create: signedIn, update: owner, delete: owner },
  // Only the creator reads, changes or deletes; signed-in users create.
  'owner-only': { read: owner, create: signedIn, update: owner, delete: owner },
  // Signed-in users (anonymous ones included) read; signed-in users create; the creator changes or deletes.
  'signed-in-read': { read: signedIn, create: signedIn, update: owner, delete: owner },
  // Only users with the app role "admin" do anything.
  'admin-only': { read: admin, create: admin, update: admin, delete: admin },
};

/** Collections nobody configured are owner-only: private by default, like CloudBase's default. */
export const defaultPreset: RulePreset = 'owner-only';
