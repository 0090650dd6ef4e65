/** Where a member's avatar comes from: their upload, their Discord avatar, Discord's default one. */
export type AvatarSource = 'upload' | 'discord' | 'default';

export const AVATAR_SOURCES: AvatarSource[] = ['upload', 'discord', 'default'];

const DISCORD_CDN = 'https://cdn.discordapp.com';

/**
 * The avatar to show: the uploaded one's route when set, else the Discord avatar (`.gif` for an
 * animated `a_` hash), else Discord's default avatar for a known Discord id, else none.
 */
export function chooseAvatar(input: {
  uploadedUrl: string | null;
  discordId: string | null;
  discordAvatar: string | null;
}): { avatarUrl: string | null; avatarSource: AvatarSource | null } {
  if (input.uploadedUrl) return { avatarUrl: input.uploadedUrl, avatarSource: 'upload' };
  const discordId = input.discordId && /^\d{1,20}$/.test(input.discordId) ? input.discordId : null;
  if (!discordId) return { avatarUrl: null, avatarSource: null };
  if (input.discordAvatar) {
    const ext = input.discordAvatar.startsWith('a_') ? 'gif' : 'png';
    return {
      avatarUrl: `${DISCORD_CDN}/avatars/${discordId}/${encodeURIComponent(input.discordAvatar)}.${ext}`,
      avatarSource: 'discord',
    };
  }
  // Discord's rule for accounts on the new username system: (id >> 22) % 6.
  const index = (BigInt(discordId) >> 22n) % 6n;
  return { avatarUrl: `${DISCORD_CDN}/embed/avatars/${index}.png`, avatarSource: 'default' };
}
