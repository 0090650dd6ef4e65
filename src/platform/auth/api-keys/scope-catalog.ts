import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_POLICY, AccessPolicy } from '../access.decorator';

/**
 * The scopes an API key may carry: exactly those some route's policy names. Collected from the
 * routes at start, so a context adds a scope by using it and no list can drift from the code.
 */
@Injectable()
export class ScopeCatalog implements OnModuleInit {
  private scopes = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const proto = wrapper.metatype?.prototype;
      if (!proto) continue;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const policy = this.reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, proto[name]);
        policy?.scopes?.forEach((s) => this.scopes.add(s));
      }
    }
  }

  all(): string[] {
    return [...this.scopes].sort();
  }

  unknown(requested: string[]): string[] {
    return requested.filter((s) => !this.scopes.has(s));
  }
}
