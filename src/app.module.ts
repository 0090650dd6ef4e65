import { DynamicModule, Module } from '@nestjs/common';
import { CONTEXT_MODULES } from './contexts';
import { AppConfig, loadConfig } from './platform/config/app-config';
import { PlatformModule } from './platform/platform.module';

/** The platform plus every context this deployment has not disabled. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    const enabled = Object.entries(CONTEXT_MODULES).filter(([name]) => !config.CONTEXTS_DISABLED.includes(name));
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, contexts: enabled.map(([name]) => name) }), ...enabled.map(([, module]) => module)],
    };
  }
}
