import type { ProblemDefinition } from '../../platform/http/problem-catalogue';

const str = { type: 'string' } as const;
const points = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: 'Points, a decimal string.' } as const;
const sessionStatus = { $ref: '#/components/schemas/BidSessionStatus' };
const applicationStatus = { $ref: '#/components/schemas/ApplicationStatus' };
// A string enum or null (OpenAPI 3.0: `nullable` needs a `type` beside the reference).
const trialStatus = {
  type: 'string',
  allOf: [{ $ref: '#/components/schemas/ApplicationTrialStatus' }],
  nullable: true,
};

/** The problems DKP's code throws (see `ContextDefinition.problems`). */
export const DKP_PROBLEMS: readonly ProblemDefinition[] = [
  // --- Bidding. ---
  {
    slug: 'bid-too-low',
    status: 409,
    description:
      'The bid is below the minimum, or (open auction) not above your standing bid; `minimumBid` is the least that would count.',
    extensions: { minimumBid: points },
    required: ['minimumBid'],
    example: { detail: 'The bid must be at least 25.00', minimumBid: '25.00' },
  },
  {
    slug: 'bid-exceeds-balance',
    status: 409,
    description:
      'The bid exceeds what the bidder can spend in the pool (balance minus other leading bids); `maxBid` is the most.',
    extensions: { maxBid: points },
    required: ['maxBid'],
    example: { detail: 'The bid exceeds what you can spend (120.00)', maxBid: '120.00' },
  },
  {
    slug: 'auction-closed',
    status: 409,
    description: 'The auction no longer takes bids.',
    extensions: { sessionStatus },
    required: ['sessionStatus'],
    example: { detail: 'The auction is closed', sessionStatus: 'closed' },
  },
  {
    slug: 'auction-cancelled',
    status: 409,
    description: 'The auction was cancelled.',
    extensions: { sessionStatus },
    required: ['sessionStatus'],
    example: { detail: 'The auction was cancelled', sessionStatus: 'cancelled' },
  },
  {
    slug: 'auction-awarded',
    status: 409,
    description: 'The auction was awarded; reverse the loot award instead of cancelling.',
    extensions: { sessionStatus },
    required: ['sessionStatus'],
    example: { detail: 'The auction was awarded; reverse the loot award instead', sessionStatus: 'awarded' },
  },
  {
    slug: 'auction-not-closed',
    status: 409,
    description: 'Only a closed auction can be awarded.',
    extensions: { sessionStatus },
    required: ['sessionStatus'],
    example: { detail: 'The auction is open; close it before awarding', sessionStatus: 'open' },
  },
  {
    slug: 'insufficient-points',
    status: 409,
    description: 'The user has fewer points in the pool than the spend; `balance` is what they have.',
    extensions: { balance: points },
    required: ['balance'],
    example: { detail: 'The user has 10.00 points in this pool and cannot spend 25.00', balance: '10.00' },
  },

  // --- Loot, items, events, pools, ranks, raids. ---
  {
    slug: 'loot-already-reversed',
    status: 409,
    description: 'This loot award was already reversed.',
    example: { detail: 'This award was already reversed' },
  },
  {
    slug: 'item-name-taken',
    status: 409,
    description: 'An item of that name is in the catalog.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'An item named Cloak of Flames exists', field: 'name' },
  },
  {
    slug: 'item-in-use',
    status: 409,
    description: 'The item has loot awards and stays in the catalog.',
    example: { detail: 'The item has loot awards and stays in the catalog' },
  },
  {
    slug: 'event-name-taken',
    status: 409,
    description: 'An event of that name exists.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'An event named Plane of Fear exists', field: 'name' },
  },
  {
    slug: 'event-in-use',
    status: 409,
    description: 'Raids refer to the event; deactivate it instead.',
    example: { detail: 'Raids refer to this event; set active=false instead' },
  },
  {
    slug: 'pool-name-taken',
    status: 409,
    description: 'A pool of that name exists.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'A pool named Main exists', field: 'name' },
  },
  {
    slug: 'rank-name-taken',
    status: 409,
    description: 'A rank of that name exists.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'A rank named Raider exists', field: 'name' },
  },
  {
    slug: 'raid-not-empty',
    status: 409,
    description: 'The raid has attendance or loot; remove those first.',
    example: { detail: 'The raid has attendance or loot; remove those first' },
  },

  // --- Attendance imports. ---
  {
    slug: 'no-attendees',
    status: 422,
    description: 'No character names were found in the imported text; `skipped` shows the lines that were not read.',
    extensions: {
      format: str,
      skipped: { type: 'array', items: str, maxItems: 50 },
      unparsedCharacterLines: { type: 'integer', minimum: 0 },
    },
    required: ['format', 'skipped', 'unparsedCharacterLines'],
    example: {
      detail: 'No character names found in the text (read as who)',
      format: 'who',
      skipped: ['Players on EverQuest:'],
      unparsedCharacterLines: 0,
    },
  },
  {
    slug: 'raidtick-points-differ',
    status: 422,
    description: "The RaidTick file's ticks carry different points: set the raid's value.",
    extensions: { filePoints: { type: 'array', items: points } },
    required: ['filePoints'],
    example: {
      detail: "The RaidTick ticks carry different points (2.00, 3.00): set the raid's value",
      filePoints: ['2.00', '3.00'],
    },
  },
  {
    slug: 'raid-value-missing',
    status: 422,
    description: 'The raid has no value: set one, or import a RaidTick file with a Points column.',
    example: {
      detail: "The raid has no value: set one (PATCH the raid's value) or import a RaidTick file with a Points column",
    },
  },

  // --- Roster. ---
  {
    slug: 'character-name-taken',
    status: 409,
    description: 'A character of that name exists in the org.',
    example: { detail: 'A character with that name exists in this org' },
  },
  {
    slug: 'already-owner',
    status: 409,
    description: 'The character already belongs to that user.',
    example: { detail: 'The character already belongs to that user' },
  },
  {
    slug: 'character-has-history',
    status: 409,
    description: 'The character has points history: retire it (`retireWith`) instead of deleting it.',
    extensions: {
      characterId: { type: 'string', format: 'uuid' },
      retireWith: { type: 'object', properties: { status: { type: 'string', enum: ['retired'] } } },
    },
    required: ['characterId', 'retireWith'],
    example: {
      detail: 'Brindle has points history; retire it with PATCH {"status": "retired"} instead of deleting it',
      characterId: '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3',
      retireWith: { status: 'retired' },
    },
  },

  // --- Recruitment. ---
  {
    slug: 'application-exists',
    status: 409,
    description: 'An application for that character is already open.',
    extensions: { currentStatus: applicationStatus },
    example: { detail: 'An application for Brindle is already open', currentStatus: 'submitted' },
  },
  {
    slug: 'character-exists',
    status: 409,
    description: 'The character is already on the roster.',
    extensions: { currentStatus: applicationStatus },
    example: { detail: 'Brindle is already on the roster' },
  },
  {
    slug: 'illegal-application-transition',
    status: 409,
    description: "The step is not allowed from the application's current status; `allowedFrom` lists where it is.",
    extensions: { currentStatus: applicationStatus, allowedFrom: { type: 'array', items: str } },
    required: ['currentStatus', 'allowedFrom'],
    example: {
      detail: 'Cannot approve an application that is withdrawn',
      currentStatus: 'withdrawn',
      allowedFrom: ['submitted', 'trial_accepted', 'voting_complete'],
    },
  },
  {
    slug: 'voting-not-open',
    status: 409,
    description: 'Voting is not open on this application.',
    extensions: { currentStatus: applicationStatus },
    required: ['currentStatus'],
    example: { detail: 'Voting is not open on this application (it is submitted)', currentStatus: 'submitted' },
  },
  {
    slug: 'voting-closed',
    status: 409,
    description: 'The voting window has ended.',
    extensions: { currentStatus: applicationStatus, votingEndsAt: { type: 'string', format: 'date-time' } },
    required: ['currentStatus', 'votingEndsAt'],
    example: {
      detail: 'The voting window has ended',
      currentStatus: 'voting_active',
      votingEndsAt: '2026-03-01T20:00:00.000Z',
    },
  },
  {
    slug: 'vote-not-passed',
    status: 409,
    description: 'Only an application whose vote passed can be approved.',
    extensions: { currentStatus: applicationStatus, decision: str },
    required: ['currentStatus'],
    example: {
      detail: 'The vote decided rejected; only a passed vote can be approved',
      currentStatus: 'voting_complete',
      decision: 'rejected',
    },
  },
  {
    slug: 'no-active-trial',
    status: 409,
    description: 'There is no running trial for this application.',
    extensions: { currentStatus: applicationStatus, trialStatus },
    required: ['currentStatus'],
    example: {
      detail: 'There is no running trial for this application (it is submitted)',
      currentStatus: 'submitted',
    },
  },

  // --- Discord. ---
  {
    slug: 'discord-role-mapping-exists',
    status: 409,
    description: 'That Discord role is already mapped to this rank or tier.',
    extensions: { field: str },
    required: ['field'],
    example: { detail: 'That Discord role is already mapped to this rank or tier', field: 'discordRoleId' },
  },
  {
    slug: 'link-needs-owner-consent',
    status: 409,
    description: 'The user belongs to other orgs too: they must link Discord themselves (Discord OAuth).',
    example: { detail: 'This user belongs to other orgs too; they must link Discord themselves (Discord OAuth)' },
  },
];
