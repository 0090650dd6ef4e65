import { Body, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../platform/http/idempotency';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { BrokerageApprove, BrokerageRead, BrokerageWrite } from '../brokerage-access';
import { BrokerageController } from '../common/brokerage-controller.decorator';
import { CreateProductDto, ListProductsQueryDto, ProductDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

const ProductPageDto = PageOf(ProductDto);

@ApiTags('brokerage-products')
@BrokerageController()
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Lists the product catalogue by product code; search code and description, filter by protein, storage, active. */
  @Get('products')
  @BrokerageRead()
  @ApiOkResponse({ type: ProductPageDto })
  listBrokerageProducts(@CurrentOrg() access: OrgAccess, @Query() q: ListProductsQueryDto): Promise<Page<ProductDto>> {
    return this.products.list(access.org.id, q);
  }

  /** Gets one product. */
  @Get('products/:id')
  @BrokerageRead()
  @ApiOkResponse({ type: ProductDto })
  getBrokerageProduct(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<ProductDto> {
    return this.products.get(access.org.id, id);
  }

  /** Adds a product; product codes are unique per org. */
  @Post('products')
  @BrokerageWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblem(409, ['duplicate-value'], 'A product with that code exists')
  createBrokerageProduct(@CurrentOrg() access: OrgAccess, @Body() dto: CreateProductDto): Promise<ProductDto> {
    return this.products.create(access.org.id, dto);
  }

  /** Changes a product (active=false keeps it off new orders). */
  @Patch('products/:id')
  @BrokerageWrite()
  @ApiOkResponse({ type: ProductDto })
  @ApiProblem(409, ['duplicate-value'], 'A product with that code exists')
  updateBrokerageProduct(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductDto> {
    return this.products.update(access.org.id, id, dto);
  }

  /** Deletes a product no order refers to; one in use answers 409 `in-use` (set active=false instead). */
  @Delete('products/:id')
  @HttpCode(204)
  @BrokerageApprove()
  @ApiProblem(409, ['in-use'], 'Orders refer to the product')
  deleteBrokerageProduct(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.products.remove(access.org.id, id);
  }
}
