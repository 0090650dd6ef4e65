import type { UserDto } from '../dto/me.dto';
import type { User } from './user.entity';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    discordId: user.discordId,
    discordUsername: user.discordUsername,
    isPlatformAdmin: user.isPlatformAdmin,
    hasPassword: Boolean(user.passwordHash),
    createdAt: user.createdAt,
  };
}
