import { awardFor, tallyAttendance } from './attendance-tally';

const pay = { value: '10.00', lateAwardFraction: '0.50', leftEarlyAwardFraction: '0.25' };

describe('attendance tally', () => {
  it('scales the award by flag', () => {
    expect(awardFor(pay, 'on_time')).toBe('10.00');
    expect(awardFor(pay, 'late')).toBe('5.00');
    expect(awardFor(pay, 'left_early')).toBe('2.50');
  });

  it('credits each user once, skips repeated names and reports unknown ones', () => {
    const owners = new Map([
      ['main', { name: 'Main', userId: 'u1' }],
      ['alt', { name: 'Alt', userId: 'u1' }],
      ['other', { name: 'Other', userId: 'u2' }],
      ['old', { name: 'Old', userId: 'u3' }],
    ]);
    const tally = tallyAttendance(
      [
        { name: 'Main' },
        { name: 'main' },
        { name: 'Alt' },
        { name: 'Other', flag: 'late' },
        { name: 'Old' },
        { name: 'Nobody' },
      ],
      owners,
      new Set(['u3']),
      pay,
    );
    expect(tally.awarded).toEqual([
      { characterName: 'Main', userId: 'u1', flag: 'on_time', points: '10.00' },
      { characterName: 'Other', userId: 'u2', flag: 'late', points: '5.00' },
    ]);
    expect(tally.notAwarded).toEqual([
      { characterName: 'Alt', userId: 'u1', reason: 'same_user' },
      { characterName: 'Old', userId: 'u3', reason: 'already_credited' },
    ]);
    expect(tally.unknown).toEqual(['Nobody']);
    expect(tally.totalPoints).toBe('15.00');
  });
});
