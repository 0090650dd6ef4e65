import {
  bioHasCode,
  flag,
  integer,
  parseCitizenBio,
  parseOrganization,
  mergeMemberPages,
  parseOrganizationMembersPage,
  richText,
  RsiUpstreamError,
  url,
} from './rsi-api-parse';

describe('rsi-api-parse', () => {
  it('reads numbers sent as strings, and refuses what is not a whole number in range', () => {
    expect(integer('123', 0, 1e9)).toBe(123);
    expect(integer(' 3 ', 0, 5)).toBe(3);
    expect(integer(4, 0, 5)).toBe(4);
    expect(integer('6', 0, 5)).toBeNull();
    expect(integer('2.5', 0, 5)).toBeNull();
    expect(integer('', 0, 5)).toBeNull();
    expect(integer(null, 0, 5)).toBeNull();
    expect(integer('1e3', 0, 5000)).toBeNull();
  });

  it('reads flags in their many spellings', () => {
    expect([flag('1'), flag(1), flag(true), flag('Yes'), flag('0'), flag('false'), flag(undefined), flag('x')]).toEqual(
      [true, true, true, true, false, false, null, null],
    );
  });

  it('keeps plain text, never HTML', () => {
    expect(richText({ html: '<b>x</b>', plaintext: 'x' })).toBe('x');
    expect(richText({ html: '<p>Hello <b>there</b></p>' })).toBe('Hello there');
    expect(richText('  plain  ')).toBe('plain');
    expect(richText({})).toBeNull();
  });

  it('makes RSI media paths absolute and refuses other schemes', () => {
    expect(url('/media/a.png')).toBe('https://robertsspaceindustries.com/media/a.png');
    expect(url('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(url('javascript:alert(1)')).toBeNull();
    expect(url(42)).toBeNull();
  });

  it('parses an organization; success 0 or a wrong shape is an upstream error', () => {
    const org = parseOrganization({
      success: 1,
      data: { sid: 'far', members: '12', recruiting: '0', lang: 'English' },
    });
    expect(org).toEqual(
      expect.objectContaining({
        sid: 'FAR',
        memberCount: 12,
        recruiting: false,
        primaryLanguage: 'English',
        name: null,
      }),
    );
    expect(() => parseOrganization({ success: 0, data: {} })).toThrow(RsiUpstreamError);
    expect(() => parseOrganization({ success: 1, data: [] })).toThrow(RsiUpstreamError);
    expect(() => parseOrganization('nope')).toThrow(RsiUpstreamError);
    expect(() => parseOrganization({ success: '1' })).toThrow(RsiUpstreamError);
  });

  it('parses member list pages: skips entries without a handle (counting them), keeps the first of a repeated handle', () => {
    const first = parseOrganizationMembersPage({
      success: '1',
      data: [
        { handle: 'Ann', display: 'Ann A', rank: 'Officer', stars: '4', image: '/media/ann.jpg' },
        { display: 'hidden' },
        'garbage',
        { handle: 'ann', stars: '1' },
        { handle: 'Ben', stars: '9' },
      ],
    });
    expect(first.entries).toBe(5);
    const second = parseOrganizationMembersPage({ success: 1, data: [{ handle: 'BEN' }, { handle: 'Cy' }] });
    const members = mergeMemberPages([first, second]);
    expect(members.map((m) => m.handle)).toEqual(['Ann', 'Ben', 'Cy']);
    expect(members.slice(0, 2)).toEqual([
      {
        handle: 'Ann',
        displayName: 'Ann A',
        rank: 'Officer',
        stars: 4,
        avatarUrl: 'https://robertsspaceindustries.com/media/ann.jpg',
      },
      { handle: 'Ben', displayName: null, rank: null, stars: null, avatarUrl: null },
    ]);
    expect(() => parseOrganizationMembersPage({ success: 1, data: {} })).toThrow(RsiUpstreamError);
  });

  it("reads a citizen's bio and finds a claim code in it, whatever the case", () => {
    expect(parseCitizenBio({ success: 1, data: { profile: { bio: 'Hi QM-ABCD2345' } } })).toBe('Hi QM-ABCD2345');
    expect(parseCitizenBio({ success: 1, data: {} })).toBeNull();
    expect(bioHasCode('hi qm-abcd2345 there', 'QM-ABCD2345')).toBe(true);
    expect(bioHasCode('QM-ABCD234', 'QM-ABCD2345')).toBe(false);
    expect(bioHasCode(null, 'QM-ABCD2345')).toBe(false);
  });
});
