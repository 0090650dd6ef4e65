import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AccessGuard } from './access.guard';
import { ApiKey } from './api-keys/api-key.entity';
import { BotKeysController, PersonalApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ScopeCatalog } from './api-keys/scope-catalog';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { CallerCache } from './caller-cache';
import { CredentialAuthenticator } from './credential-authenticator';
import { DiscordAuthService } from './discord/discord-auth.service';
import { DiscordOAuthClient } from './discord/discord-oauth.client';
import { LoginThrottle } from './login-throttle';
import { DiscordController } from './discord/discord.controller';
import { OAuthState } from './discord/oauth-state.entity';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetService } from './password-reset/password-reset.service';
import { RefreshToken } from './tokens/refresh-token.entity';
import { TokensService } from './tokens/tokens.service';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    DiscoveryModule,
    TenancyModule,
    TypeOrmModule.forFeature([User, RefreshToken, ApiKey, OAuthState]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject made once: given the secret string, jsonwebtoken would build a key from it
      // (trying it as a PEM public key first) on every sign and verify.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    DiscordController,
    PersonalApiKeysController,
    BotKeysController,
    PasswordResetController,
  ],
  providers: [
    UsersService,
    TokensService,
    AuthService,
    LoginThrottle,
    ApiKeysService,
    ScopeCatalog,
    CallerCache,
    CredentialAuthenticator,
    DiscordOAuthClient,
    DiscordAuthService,
    AccessGuard,
    PasswordResetService,
  ],
  exports: [UsersService, AccessGuard],
})
export class AuthModule {}
