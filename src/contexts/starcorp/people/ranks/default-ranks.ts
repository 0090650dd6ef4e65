/**
 * The seed portal's ten ranks, lowest first: every org starts with them (on first use) and edits
 * them freely afterwards. Their badges are left unset; admins point `imageUrl` at their own art.
 */
export const DEFAULT_RANK_NAMES: readonly string[] = [
  'Private',
  'Corporal',
  'Sergeant',
  'Lieutenant',
  'Captain',
  'Major',
  'Colonel',
  'Commander',
  'Admiral',
  'Fleet Admiral',
];
