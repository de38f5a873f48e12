// The lifecycle's part of the report input, the same for the CLI and the editor: the people and
// dates of portfolio.yaml, each evidence file's sign-offs and off-the-job hours, and the gateway.
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { sumHours } from '../model/hours';
import { fileSignoffs, gatewayReport, hoursReport } from '../lifecycle/portfolioLifecycle';
import type { ReportInput } from './reportModel';
import { proofWords } from '../rules/signoffUnverified';

/**
 * What the report shows of the apprenticeship on `today`. Sign-offs and hours appear once any file
 * has them; the gateway checklist once `portfolio.yaml` gives a `start` or a `gateway:` block, so a
 * portfolio that tracks none of it is not shown seven failing checks.
 */
export function lifecycleReportInput(index: PortfolioIndex, today: string): Omit<ReportInput, 'generated'> {
  const config = index.portfolio?.config;
  const files = new Map(index.allFiles().map((file) => [file.relativePath, file]));
  const signed = [...files.values()].some((file) => (file.analysis.frontMatter?.lifecycle?.signoffs.length ?? 0) > 0);
  const total = hoursReport(index, today);
  const logged = new Map<string, number[]>();
  for (const entry of total.counted) logged.set(entry.relativePath, [...(logged.get(entry.relativePath) ?? []), entry.hours]);
  const hours = new Map([...logged].map(([path, entries]) => [path, sumHours(entries)]));
  const gateway = config && (config.start !== undefined || config.gateway !== undefined) ? gatewayReport(index, today) : undefined;
  return {
    employer: config?.employer,
    provider: config?.provider,
    mentor: config?.mentor,
    start: config?.start,
    end: config?.end,
    ...(signed
      ? {
          signoffState: (path: string) => (files.has(path) ? fileSignoffs(files.get(path)!, index).state : 'unsigned'),
          signoffs: (path: string) =>
            files.has(path)
              ? fileSignoffs(files.get(path)!, index).signoffs.map(({ by, role, date, current, proof }) => ({
                  by,
                  role,
                  date,
                  current,
                  proof: proof.state === 'verified' ? `verified: ${proofWords(proof)}` : proofWords(proof),
                }))
              : [],
        }
      : {}),
    ...(hours.size > 0 ? { otjHours: (path: string) => hours.get(path) } : {}),
    ...(hours.size > 0 || total.target !== undefined
      ? { otjTotal: { logged: total.total, target: total.target, expectedByToday: total.expectedByToday } }
      : {}),
    ...(gateway ? { gateway: { ready: gateway.ready, checks: gateway.checks.map(({ id, ok, detail }) => ({ id, ok, detail })) } } : {}),
  };
}
