import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { toUnits } from '../../../platform/domain/decimal';
import { keysetPage, Page } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import type { WeightType } from '../common/choices';
import { lineTotal, PricedLine } from '../purchase-orders/purchase-order-rules';
import { SettingsService } from '../settings/settings.service';
import { CreateProductDto, ListProductsQueryDto, ProductDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { ProductsRepository } from './products.repository';

function toProductDto(p: Product, proteinNames: ReadonlyMap<string, string>): ProductDto {
  return {
    id: p.id,
    productCode: p.productCode,
    description: p.description,
    proteinId: p.proteinId,
    proteinType: proteinNames.get(p.proteinId) ?? '',
    storage: p.storage,
    packageType: p.packageType,
    weightType: p.weightType,
    edible: p.edible,
    tested: p.tested,
    unitWeight: { value: p.unitWeight, unit: p.unitWeightUnit },
    active: p.active,
  };
}

/** The product catalogue. Inactive products stay for past orders but cannot be ordered. */
/** What an order line gives for pricing (purchase and sales orders alike). */
export type OrderLineInput = Omit<PricedLine, 'weightType' | 'receivedWeight'> & { productId: string };

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListProductsQueryDto): Promise<Page<ProductDto>> {
    const proteinId = q.proteinType
      ? (await this.settings.proteinIds(orgId, [q.proteinType], 'proteinType', { single: true }))[0]
      : undefined;
    const rows = await this.products.page(
      orgId,
      { search: q.search, proteinId, storage: q.storage, active: q.active },
      q,
    );
    const names = await this.proteinNames(orgId);
    return keysetPage(
      rows,
      q.limit,
      (p) => [p.productCode, p.id],
      (p) => toProductDto(p, names),
    );
  }

  async get(orgId: string, id: string): Promise<ProductDto> {
    return toProductDto(await this.products.load(orgId, id), await this.proteinNames(orgId));
  }

  /**
   * The products of new order lines, share-locked in the order's transaction in id order (so two
   * orders never lock them crosswise): 404 when one is not the org's, 409 `inactive-product` when
   * one is inactive.
   */
  async orderable(tx: EntityManager, orgId: string, ids: readonly string[]): Promise<Map<string, Product>> {
    const distinct = [...new Set(ids)].sort();
    const products = await this.products.lockMany(tx, orgId, distinct);
    if (products.length !== distinct.length) throw Problem.notFound('Product');
    const inactive = products.find((p) => !p.active);
    if (inactive)
      throw Problem.conflict(`Product ${inactive.productCode} is inactive`, 'inactive-product', {
        productId: inactive.id,
      });
    return new Map(products.map((p) => [p.id, p]));
  }

  /**
   * An order's input lines as the server prices them: numbered from 1, with each product's weight
   * type and the line total (`lineTotal`); the products orderable (see `orderable`).
   */
  async priceOrderLines<L extends OrderLineInput>(
    tx: EntityManager,
    orgId: string,
    input: readonly L[],
  ): Promise<(L & { lineNo: number; weightType: WeightType; total: string })[]> {
    const products = await this.orderable(
      tx,
      orgId,
      input.map((l) => l.productId),
    );
    return input.map((l, i) => {
      const weightType = products.get(l.productId)!.weightType;
      return { ...l, lineNo: i + 1, weightType, total: lineTotal({ ...l, weightType }) };
    });
  }

  create(orgId: string, dto: CreateProductDto): Promise<ProductDto> {
    return this.write(orgId, dto, async (tx) => tx.create(Product, { orgId }));
  }

  update(orgId: string, id: string, dto: UpdateProductDto): Promise<ProductDto> {
    return this.write(orgId, dto, (tx) => this.products.load(orgId, id, tx, true));
  }

  /** Deletes a product no order refers to (else 409 `in-use`: set active=false instead). */
  async remove(orgId: string, id: string): Promise<void> {
    await this.products.transaction(async (tx) => {
      const product = await this.products.load(orgId, id, tx, true);
      await this.products.delete(tx, product);
      await this.audit.recordInTransaction(tx);
    });
  }

  private async write(
    orgId: string,
    dto: UpdateProductDto,
    target: (tx: EntityManager) => Promise<Product>,
  ): Promise<ProductDto> {
    const { proteinType, unitWeight, ...fields } = dto;
    if (unitWeight && toUnits(unitWeight.value, 3) <= 0n)
      throw Problem.validation([{ path: 'unitWeight.value', message: 'unitWeight.value must be more than zero' }]);
    const names = await this.proteinNames(orgId);
    return this.products.transaction(async (tx) => {
      const product = await target(tx);
      for (const [field, value] of Object.entries(fields))
        if (value !== undefined) (product as unknown as Record<string, unknown>)[field] = value;
      if (proteinType !== undefined)
        [product.proteinId] = await this.settings.proteinIds(orgId, [proteinType], 'proteinType', { tx, single: true });
      if (unitWeight) {
        product.unitWeight = unitWeight.value;
        product.unitWeightUnit = unitWeight.unit;
      }
      const answer = toProductDto(await this.products.save(tx, product), names);
      await this.audit.recordInTransaction(tx, answer);
      return answer;
    });
  }

  private async proteinNames(orgId: string): Promise<Map<string, string>> {
    return new Map((await this.settings.proteins(orgId)).map((p) => [p.id, p.name]));
  }
}
