import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Grant, Tier } from '../../../../platform/tenancy/tiers';
import { InvoicesService } from '../../sales/invoices/invoices.service';
import { PaymentsService } from '../payments/payments.service';
import { money } from '../payments/payment-rules';
import { toUnits } from '../../../../platform/domain/decimal';

function access(demo: DemoOrg, user: DemoUser, tier: Tier, grants: Grant[] = []): OrgAccess {
  return { org: demo.org as OrgAccess['org'], tier, grants, userId: user.id };
}

/** Half of an amount, to the cent. */
const half = (amount: string) => money(toUnits(amount, 2) / 2n);

/**
 * The Prime Meats payments, made through the services after the sales demo: one issued invoice paid
 * in full, one partly paid with the rest left as customer credit, and one payment that bounced and
 * was reversed. Runs once (skipped when the org has payments).
 */
export async function seedReceivablesDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const orgId = demo.org.id;
  const payments = app.get(PaymentsService);
  if ((await payments.list(orgId, { limit: 1 } as never)).items.length) return;
  const treasurerUser = demo.grantHolders.treasurer;
  const treasurer = treasurerUser
    ? access(demo, treasurerUser, 'member', ['treasurer'])
    : access(demo, demo.officer, 'officer');
  const open = (await app.get(InvoicesService).list(orgId, { limit: 200, kind: 'invoice' } as never)).items.filter(
    (i) => i.status === 'issued' || i.status === 'partly_paid',
  );
  // The credited invoice is paid off, a current one part-paid, and the overdue one keeps its
  // balance (its payment bounced and was reversed), so every ageing bucket demo stays visible.
  const pick = (test: (i: (typeof open)[number]) => boolean) => {
    const found = open.find(test);
    if (found) open.splice(open.indexOf(found), 1);
    return found;
  };
  const paid = pick((i) => i.status === 'partly_paid') ?? pick(() => true);
  const partly = pick((i) => !i.overdue) ?? pick(() => true);
  const reversed = pick(() => true);
  const receivedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  if (paid)
    await payments.record(treasurer, {
      customerId: paid.customerId,
      amount: paid.outstanding,
      method: 'wire',
      reference: `WIRE-${paid.number}`,
      receivedAt,
      allocations: [{ invoiceId: paid.id, amount: paid.outstanding }],
    });
  if (partly) {
    const part = half(partly.outstanding);
    // A check for more than the part allocated: the rest is the customer's credit.
    await payments.record(treasurer, {
      customerId: partly.customerId,
      amount: money(toUnits(part, 2) + 10000n),
      method: 'check',
      reference: 'CHK-10421',
      receivedAt,
      allocations: [{ invoiceId: partly.id, amount: part }],
    });
  }
  if (reversed) {
    const amount = reversed.outstanding;
    const wrong = await payments.record(treasurer, {
      customerId: reversed.customerId,
      amount,
      method: 'ach',
      reference: 'ACH-77810',
      receivedAt,
      allocations: [{ invoiceId: reversed.id, amount }],
    });
    await payments.reverse(treasurer, wrong.id, { reason: 'ACH returned: insufficient funds' });
  }
}
