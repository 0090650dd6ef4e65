import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../../platform/audit/audit.service';
import { keysetPage, Page, timeAndId } from '../../../../platform/http/pagination';
import {
  AdjustStoreItemDto,
  CreateStoreItemDto,
  ItemMovementDto,
  ListItemMovementsQueryDto,
  ListStoreItemsQueryDto,
  StoreItemAdjustedDto,
  StoreItemDto,
  UpdateStoreItemDto,
} from './dto/item.dto';
import { ItemMovement } from './item-movement.entity';
import { quantityAfter } from './item-rules';
import { StoreItemsRepository } from './items.repository';
import { StoreItem } from './store-item.entity';

const toItemDto = (i: StoreItem): StoreItemDto => ({
  id: i.id,
  title: i.title,
  description: i.description,
  quantity: i.quantity,
  imageUrl: i.imageUrl,
  category: i.category,
  location: i.location,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

const toMovementDto = (m: ItemMovement): ItemMovementDto => ({
  id: m.id,
  itemId: m.itemId,
  delta: m.delta,
  quantityAfter: m.quantityAfter,
  reason: m.reason,
  actorUserId: m.actorUserId,
  createdAt: m.createdAt,
});

@Injectable()
export class StoreItemsService {
  constructor(
    private readonly items: StoreItemsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, q: ListStoreItemsQueryDto): Promise<Page<StoreItemDto>> {
    const rows = await this.items.page(orgId, { category: q.category, location: q.location, search: q.search }, q);
    return keysetPage(rows, q.limit, (i) => [i.title, i.id], toItemDto);
  }

  async get(orgId: string, id: string): Promise<StoreItemDto> {
    return toItemDto(await this.items.load(orgId, id));
  }

  create(orgId: string, dto: CreateStoreItemDto): Promise<StoreItemDto> {
    return this.audited((tx) => this.items.save(tx, { orgId, description: '', ...dto, quantity: 0 }));
  }

  update(orgId: string, id: string, dto: UpdateStoreItemDto): Promise<StoreItemDto> {
    return this.audited(async (tx) =>
      this.items.save(tx, Object.assign(await this.items.load(orgId, id, tx, true), dto)),
    );
  }

  /** Deletes the item and its movement history. */
  async remove(orgId: string, id: string): Promise<void> {
    await this.items.transaction(async (tx) => {
      await this.items.load(orgId, id, tx, true);
      await this.items.delete(tx, orgId, id);
      await this.audit.recordInTransaction(tx, { id });
    });
  }

  /**
   * Moves the quantity by `delta` under the item's row lock (FOR UPDATE): concurrent adjustments of
   * one item queue behind each other, so none is lost and the check against zero sees the latest
   * quantity. The CHECK (quantity >= 0) backs the rule up.
   */
  adjust(
    orgId: string,
    id: string,
    dto: AdjustStoreItemDto,
    actorUserId: string | null,
  ): Promise<StoreItemAdjustedDto> {
    return this.items.transaction(async (tx) => {
      const item = await this.items.load(orgId, id, tx, true);
      const after = quantityAfter(item.quantity, dto.delta);
      const movement = await this.items.move(tx, item, {
        orgId,
        itemId: id,
        delta: dto.delta,
        quantityAfter: after,
        reason: dto.reason,
        actorUserId,
      });
      const result = { item: toItemDto({ ...item, quantity: after }), movement: toMovementDto(movement) };
      await this.audit.recordInTransaction(tx, { id });
      return result;
    });
  }

  /** The item's movements, newest first. */
  async movements(orgId: string, id: string, q: ListItemMovementsQueryDto): Promise<Page<ItemMovementDto>> {
    await this.items.load(orgId, id);
    const rows = await this.items.movementsPage(orgId, id, q);
    return keysetPage(rows, q.limit, (m) => timeAndId(m.createdAt, m.id), toMovementDto);
  }

  /** An item write with its audit entry, in one transaction. */
  private audited(work: (tx: EntityManager) => Promise<StoreItem>): Promise<StoreItemDto> {
    return this.items.transaction(async (tx) => {
      const dto = toItemDto(await work(tx));
      await this.audit.recordInTransaction(tx, dto);
      return dto;
    });
  }
}
