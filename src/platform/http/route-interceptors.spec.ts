import {
  CallHandler,
  Controller,
  Delete,
  ExecutionContext,
  forwardRef,
  Get,
  Injectable,
  Module,
  NestInterceptor,
  Patch,
  Post,
  UseInterceptors,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { applyRouteInterceptors, isMutation, RouteInterceptorRule } from './route-interceptors';

@Injectable()
class Outer implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler) {
    return next.handle();
  }
}
@Injectable()
class Inner extends Outer {}
@Injectable()
class OwnInterceptor extends Outer {}

const MARKED = 'test:marked';
const rules: RouteInterceptorRule[] = [
  { interceptor: Outer, appliesTo: ({ handler }) => Reflect.getMetadata(MARKED, handler) === true },
  { interceptor: Inner, appliesTo: isMutation },
];

abstract class BaseController {
  @Post('inherited')
  inherited() {
    return 1;
  }
}

@Controller('a')
class StaticController extends BaseController {
  @Get()
  read() {
    return 1;
  }

  @Post()
  @UseInterceptors(OwnInterceptor)
  @((target: object, key: string | symbol, descriptor: PropertyDescriptor) =>
    Reflect.defineMetadata(MARKED, true, descriptor.value as object))
  create() {
    return 1;
  }

  /** Not a route. */
  helper() {
    return 1;
  }
}

@Controller('b')
class DynamicController {
  @Patch(':id')
  update() {
    return 1;
  }

  @Delete(':id')
  remove() {
    return 1;
  }
}

@Controller('c')
class ForwardController {
  @Post()
  act() {
    return 1;
  }
}

@Module({ controllers: [ForwardController] })
class ForwardModule {}

@Module({})
class DynamicHost {}

@Module({ controllers: [StaticController], imports: [forwardRef(() => ForwardModule)] })
class StaticModule {}

const root = {
  module: DynamicHost,
  imports: [StaticModule, Promise.resolve({ module: DynamicHost, controllers: [DynamicController] })],
};

const names = (handler: object) =>
  ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as { name: string }[] | undefined) ?? []).map((i) => i.name);

describe('applyRouteInterceptors', () => {
  beforeAll(() => applyRouteInterceptors(root, rules));

  it('leaves reads and non-routes alone', () => {
    expect(names(StaticController.prototype.read)).toEqual([]);
    expect(names(StaticController.prototype.helper)).toEqual([]);
  });

  it('wraps mutations by rule, outermost first, around the route’s own interceptors', () => {
    expect(names(StaticController.prototype.create)).toEqual(['Outer', 'Inner', 'OwnInterceptor']);
  });

  it('reaches inherited routes, dynamic modules, promised imports and forward references', () => {
    expect(names(BaseController.prototype.inherited)).toEqual(['Inner']);
    expect(names(DynamicController.prototype.update)).toEqual(['Inner']);
    expect(names(DynamicController.prototype.remove)).toEqual(['Inner']);
    expect(names(ForwardController.prototype.act)).toEqual(['Inner']);
  });

  it('gives the same result when applied again (one process, many apps)', async () => {
    await applyRouteInterceptors(root, rules);
    await applyRouteInterceptors(root, rules);
    expect(names(StaticController.prototype.create)).toEqual(['Outer', 'Inner', 'OwnInterceptor']);
    expect(names(DynamicController.prototype.update)).toEqual(['Inner']);
  });
});
