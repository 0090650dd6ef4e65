import { isParticipant, nameSnapshot, recipientErrors, shouldPurge } from './message-rules';

describe('message rules', () => {
  it('names a person by display name, else username, trimmed to 100 characters', () => {
    expect(nameSnapshot({ username: 'rook', displayName: 'Rook Harlan' })).toBe('Rook Harlan');
    expect(nameSnapshot({ username: 'rook', displayName: null })).toBe('rook');
    expect(nameSnapshot({ username: 'rook', displayName: '  ' })).toBe('rook');
    expect(nameSnapshot({ username: 'x', displayName: 'y'.repeat(150) })).toHaveLength(100);
  });

  it('reports each recipient who is not a member by its index', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    expect(recipientErrors([a, b], new Set([a]))).toEqual([
      { path: 'recipientUserIds.1', message: expect.stringContaining('not a member') },
    ]);
    expect(recipientErrors([a], new Set([a]))).toEqual([]);
  });

  it('a participant has an undeleted side', () => {
    expect(isParticipant({ asSender: true, asRecipient: false })).toBe(true);
    expect(isParticipant({ asSender: false, asRecipient: true })).toBe(true);
    expect(isParticipant({ asSender: false, asRecipient: false })).toBe(false);
  });

  it('purges once the sender and every recipient have deleted the message', () => {
    const sender = 'u1';
    expect(shouldPurge({ senderUserId: sender, senderDeletedAt: null }, 0)).toBe(false);
    expect(shouldPurge({ senderUserId: sender, senderDeletedAt: new Date() }, 1)).toBe(false);
    expect(shouldPurge({ senderUserId: sender, senderDeletedAt: new Date() }, 0)).toBe(true);
    // A system message has no sender side.
    expect(shouldPurge({ senderUserId: null, senderDeletedAt: null }, 0)).toBe(true);
    expect(shouldPurge({ senderUserId: null, senderDeletedAt: null }, 2)).toBe(false);
  });
});
