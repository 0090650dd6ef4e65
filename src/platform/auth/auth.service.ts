import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { LoginDto, RegisterDto } from './dto/auth.dto';
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
  ) {}

  async register(dto: RegisterDto): Promise<TokenPair> {
    if (!this.config.REGISTRATION_ENABLED) {
      throw new Problem(403, 'Registration is closed on this server', { slug: 'registration-closed' });
    }
    const user = await this.users.create(dto);
    return this.tokens.issue(user);
  }

  async login(dto: LoginDto): Promise<TokenPair> {
    const user = await this.users.verifyLogin(dto.username, dto.password);
    if (!user) throw new Problem(401, 'Unknown username or wrong password', { slug: 'invalid-credentials' });
    return this.tokens.issue(user);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken, (id) => this.users.findActive(id));
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  async updateMe(user: User, dto: UpdateMeDto): Promise<User> {
    if (dto.newPassword) {
      if (user.passwordHash && !(dto.currentPassword && (await argon2.verify(user.passwordHash, dto.currentPassword)))) {
        throw Problem.validation([{ path: 'currentPassword', message: 'currentPassword is wrong or missing' }]);
      }
      user.passwordHash = await this.users.hashPassword(dto.newPassword);
      // A new password ends every existing session: a leaked one must not outlive the change.
      await this.tokens.revokeAllForUser(user.id);
    }
    if (dto.email !== undefined) user.email = dto.email?.toLowerCase() ?? null;
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    return this.users.save(user);
  }
}
