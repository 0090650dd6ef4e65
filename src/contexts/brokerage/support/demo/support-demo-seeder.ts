import type { INestApplicationContext } from '@nestjs/common';
import type { DemoOrg, DemoUser } from '../../../../platform/contexts/context-definition';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import type { Tier } from '../../../../platform/tenancy/tiers';
import type { BugReportAction } from '../bug-reports/bug-report-rules';
import { BugReportsService } from '../bug-reports/bug-reports.service';
import type { CreateBugReportDto } from '../bug-reports/dto/bug-report.dto';

function access(demo: DemoOrg, user: DemoUser, tier: Tier): OrgAccess {
  return { org: demo.org as OrgAccess['org'], tier, grants: [], userId: user.id };
}

/** Reports in every state: what was filed, and the moves that bring it where it stands. */
const REPORTS: { report: CreateBugReportDto; moves: BugReportAction[]; triageNotes?: string }[] = [
  {
    report: {
      title: 'Invoice PDF shows the due date in UTC',
      description: 'Invoices issued late in the evening show the next day as the due date.',
      category: 'bug',
      severity: 'high',
      browser: 'Chrome 131',
      os: 'Windows 11',
      url: 'https://app.prime-meats.example/brokerage/invoices',
      steps: '1. Issue an invoice after 6 pm Central\n2. Download its PDF',
      expected: 'The due date in the org time zone',
      actual: 'The due date one day later',
    },
    moves: [],
  },
  {
    report: {
      title: 'Export receivables ageing to Excel',
      description: 'Accounting would like the ageing report as an .xlsx file, not only CSV.',
      category: 'feature_request',
      severity: 'low',
    },
    moves: ['start'],
    triageNotes: 'CSV opens in Excel; an .xlsx export is planned with the reporting work.',
  },
  {
    report: {
      title: 'Catch weight total not updated after receiving',
      description: 'The PO list kept the ordered total after the load was received.',
      category: 'bug',
      severity: 'critical',
      browser: 'Safari 18',
      os: 'macOS 15',
    },
    moves: ['start', 'resolve'],
    triageNotes: 'The list cached the total; fixed in the purchase order service.',
  },
  {
    report: {
      title: 'How do I change the PO number prefix?',
      description: 'We want our purchase orders numbered PM-PO-000001.',
      category: 'question',
      severity: 'low',
    },
    moves: ['start', 'resolve', 'close'],
    triageNotes: 'Answered: Settings → number prefixes (admins).',
  },
  {
    report: {
      title: 'Dark mode please',
      description: 'The dashboard is very bright on the night shift.',
      category: 'feedback',
      severity: 'low',
    },
    moves: ['wont-fix'],
    triageNotes: 'The theme colors in the settings cover this for now.',
  },
  {
    report: {
      title: 'Carrier insurance warning appears twice',
      description: 'The expired-insurance warning shows twice on the order form.',
      category: 'bug',
      severity: 'medium',
    },
    moves: ['start', 'resolve', 'start'],
    triageNotes: 'Reopened: still shows twice when the carrier is changed.',
  },
];

/** Bug reports for prime-meats: filed by the demo member and officer, triaged by the owner, in every state. */
export async function seedSupportDemo(app: INestApplicationContext, demo: DemoOrg): Promise<void> {
  const reports = app.get(BugReportsService);
  const orgId = demo.org.id;
  for (const [i, { report, moves, triageNotes }] of REPORTS.entries()) {
    const reporter = i % 2 === 0 ? access(demo, demo.member, 'member') : access(demo, demo.officer, 'officer');
    const filed = await reports.create(reporter, report);
    if (triageNotes) await reports.triage(orgId, filed.id, { triageNotes });
    for (const move of moves) await reports.transition(orgId, filed.id, move);
  }
}
