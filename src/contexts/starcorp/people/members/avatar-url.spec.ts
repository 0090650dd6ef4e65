import { chooseAvatar } from './avatar-url';

describe('chooseAvatar', () => {
  const discordId = '80351110224678912';

  it('prefers the uploaded avatar', () => {
    expect(chooseAvatar({ uploadedUrl: '/api/v1/x/avatar', discordId, discordAvatar: 'abc' })).toEqual({
      avatarUrl: '/api/v1/x/avatar',
      avatarSource: 'upload',
    });
  });

  it('falls back to the Discord avatar, png for a still hash', () => {
    expect(chooseAvatar({ uploadedUrl: null, discordId, discordAvatar: '8342729096ea3675442027381ff50dfe' })).toEqual({
      avatarUrl: `https://cdn.discordapp.com/avatars/${discordId}/8342729096ea3675442027381ff50dfe.png`,
      avatarSource: 'discord',
    });
  });

  it('uses gif for an animated hash', () => {
    expect(chooseAvatar({ uploadedUrl: null, discordId, discordAvatar: 'a_1269e74af4df7417b13759eae50c83dc' })).toEqual(
      {
        avatarUrl: `https://cdn.discordapp.com/avatars/${discordId}/a_1269e74af4df7417b13759eae50c83dc.gif`,
        avatarSource: 'discord',
      },
    );
  });

  it("falls back to Discord's default avatar by (id >> 22) % 6", () => {
    // 80351110224678912 >> 22 = 19157197529, % 6 = 5
    expect(chooseAvatar({ uploadedUrl: null, discordId, discordAvatar: null })).toEqual({
      avatarUrl: 'https://cdn.discordapp.com/embed/avatars/5.png',
      avatarSource: 'default',
    });
    expect(chooseAvatar({ uploadedUrl: null, discordId: '4194304', discordAvatar: null }).avatarUrl).toBe(
      'https://cdn.discordapp.com/embed/avatars/1.png',
    );
  });

  it('is null without an upload or a Discord id', () => {
    expect(chooseAvatar({ uploadedUrl: null, discordId: null, discordAvatar: 'abc' })).toEqual({
      avatarUrl: null,
      avatarSource: null,
    });
  });
});
