import { DynamicModule, Module } from '@nestjs/common';
import { CONTEXTS } from './contexts';
import { AppConfig, loadConfig } from './platform/config/app-config';
import { enabledContexts } from './platform/contexts/contexts';
import { PlatformModule } from './platform/platform.module';

/**
 * The app: the platform, handed every context's definition, plus the modules of the contexts
 * this deployment has not disabled (CONTEXTS_DISABLED).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, contexts: CONTEXTS }),
        ...enabledContexts(CONTEXTS, config).map((context) => context.module),
      ],
    };
  }
}
