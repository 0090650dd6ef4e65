import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import type { Principal } from './principal';
import { UpdateMeDto } from './dto/me.dto';
import { TokenPair, TokensService } from './tokens/tokens.service';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Injectable()
export class AuthService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(dto: RegisterDto): Promise<TokenPair> {
    if (!this.config.REGISTRATION_ENABLED) {
      throw new Problem(403, 'Registration is closed on this server', { slug: 'registration-closed' });
    }
    const user = await this.users.create(dto);
    return this.tokens.issue(user);
  }

  /** Throttled per account and client IP (LoginThrottle); unknown names are throttled alike. */
  async login(dto: LoginDto, clientIp: string): Promise<TokenPair> {
    const user = await this.users.findByLogin(dto.username);
    const account = user?.id ?? `login:${dto.username.toLowerCase()}`;
    await this.throttle.attempt(account, clientIp);
    const matches = await this.users.passwordMatches(user, dto.password);
    if (!user || !matches)
      throw new Problem(401, 'Unknown username or wrong password', { slug: 'invalid-credentials' });
    await this.throttle.succeeded(account, clientIp);
    return this.tokens.issue(user);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken, (id) => this.users.findActive(id));
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  async updateMe(principal: Principal, dto: UpdateMeDto): Promise<User> {
    const user = principal.user;
    if (dto.newPassword) {
      if (
        user.passwordHash &&
        !(dto.currentPassword && (await argon2.verify(user.passwordHash, dto.currentPassword)))
      ) {
        throw Problem.validation([{ path: 'currentPassword', message: 'currentPassword is wrong or missing' }]);
      }
      user.passwordHash = await this.users.hashPassword(dto.newPassword);
      // A new password ends every other session and their access tokens: a leaked one must not
      // outlive the change. The session making the change stays (through an API key: none does).
      await this.tokens.revokeAllForUser(user.id, principal.sessionId);
    }
    if (dto.email !== undefined) user.email = dto.email?.toLowerCase() ?? null;
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    return this.users.save(user);
  }
}
