// What every page shares: the audience a site is built for, which pages it has, its title and
// navigation, the path back to the site's root, and the page's title in the browser's tab.

import { capitalise, withArticle } from '../../english.js';
import type { LinkedPortfolio, Plan } from '../../link/plan-graph.js';
import { PlanningYear, type PortfolioTargets } from '../../link/year.js';
import type { Terms } from '../../model/schema.js';
import { formatDate } from '../engine.js';

/**
 * Who a site is for. The team's site has every document, the gap report, the findings on each page,
 * SMART badges and plan.json; the public site has only what a communications team publishes.
 */
export type Audience = 'team' | 'public';

export interface NavItem {
  title: string;
  path: string;
  current: boolean;
}

export interface DocumentEntry {
  path: string;
  title: string;
  description: string;
}

/**
 * What the plan calls its units (`plan.terms`), in running text and at the start of a sentence:
 * `portfolio`, `Portfolio`, `portfolios`, `Portfolios`, `enabler`, `Enabler`, `enablers`, `Enablers`.
 */
export type TermsView = Record<'portfolio' | 'Portfolio' | 'portfolios' | 'Portfolios' | 'enabler' | 'Enabler' | 'enablers' | 'Enablers' | 'enablerWithArticle', string>;

export function termsOf(terms: Terms = {}): TermsView {
  const portfolio = terms.portfolio ?? 'portfolio';
  const portfolios = terms.portfolios ?? (terms.portfolio ? `${terms.portfolio}s` : 'portfolios');
  const enabler = terms.enabler ?? 'enabling workstream';
  const enablers = terms.enablers ?? (terms.enabler ? `${terms.enabler}s` : 'enabling workstreams');
  return {
    portfolio, Portfolio: capitalise(portfolio), portfolios, Portfolios: capitalise(portfolios),
    enabler, Enabler: capitalise(enabler), enablers, Enablers: capitalise(enablers), enablerWithArticle: withArticle(enabler),
  };
}

/** A page of the performance document: the tracked targets one portfolio reports, or those tied to none. */
export interface PerformancePage extends PortfolioTargets {
  path: string;
}

/**
 * The pages one site has. Views ask it where to link, so a public page never links to a page the public
 * site does not have (the gap report, the page of a workstream with nothing to say).
 */
export class SiteMap {
  readonly team: boolean;
  readonly terms: TermsView;
  private readonly portfolioPages: Set<string>;
  private performanceMemo: PerformancePage[] | undefined;

  /**
   * @param pdf whether the public site's documents are printed to PDF (`plan build --pdf`), so that
   *   each can link to its PDF
   */
  constructor(readonly plan: Plan, readonly audience: Audience, readonly pdf = false) {
    this.team = audience === 'team';
    this.terms = termsOf(plan.manifest.plan.terms);
    this.portfolioPages = new Set(plan.portfolios.filter((p) => this.team || hasSomethingToSay(p)).map((p) => p.id));
  }

  /** The documents of the site, in the order the front page and navigation list them. */
  get documents(): DocumentEntry[] {
    const { portfolios } = this.terms;
    const list: DocumentEntry[] = [
      { path: 'summary', title: 'Summary', description: `The published summary of the plan: our system, priorities, ${portfolios} and objectives.` },
      { path: 'plan-on-a-page', title: 'Plan on a page', description: `The golden thread on one page: collective aim, priorities, objectives and the ${portfolios} that deliver them.` },
      { path: 'objectives', title: 'Objectives', description: 'Every objective with its owner, the priorities it serves, its target and deadline.' },
    ];
    if (this.team || this.plan.duties.length > 0) list.push({ path: 'duties', title: 'Statutory duties', description: 'The statutory duties of the plan and the sections of each edition that cover them.' });
    if (this.team) {
      list.push(
        { path: 'performance', title: 'Performance', description: 'Where each target stands for each organisation: measured, planned and assessed, with charts of trajectory against actuals.' },
        { path: 'stocktake', title: 'Stocktake', description: 'Every action with its latest progress update, by portfolio.' },
        { path: 'gaps', title: 'Gap report', description: 'Where the plan does not hang together, with the source line of every finding.' },
      );
    }
    return list;
  }

  /** Every page of the site, without its format: index, the documents, the performance document's pages, portfolios and each portfolio's page. */
  get pages(): string[] {
    return ['index', ...this.documents.map((d) => d.path), ...this.performancePages.map((p) => p.path), 'portfolios', ...this.plan.portfolios.filter((p) => this.hasPage(p)).map((p) => portfolioPath(p.id))];
  }

  /** The plan's year, which every page of the site asks. */
  get year(): PlanningYear {
    return PlanningYear.of(this.plan);
  }

  /**
   * The pages of the performance document beyond its first, on the team's site only: one per portfolio
   * that reports a tracked target, and one for the targets tied to no portfolio.
   */
  get performancePages(): PerformancePage[] {
    if (!this.team) return [];
    if (!this.performanceMemo) {
      const groups = this.year.byPortfolio();
      // The page of targets tied to no portfolio takes a name no portfolio's page has.
      const taken = new Set(groups.flatMap((g) => (g.portfolio ? [g.portfolio.id.toLowerCase()] : [])));
      let unowned = 'no-portfolio';
      for (let n = 2; taken.has(unowned); n++) unowned = `no-portfolio-${n}`;
      this.performanceMemo = groups.map((group) => ({ ...group, path: `performance/${group.portfolio ? group.portfolio.id : unowned}` }));
    }
    return this.performanceMemo;
  }

  /** The performance page of a portfolio, or null when the site has none for it. */
  performancePath(portfolio: LinkedPortfolio): string | null {
    return this.performancePages.find((p) => p.portfolio === portfolio)?.path ?? null;
  }

  /** The pages a reader may want on paper: the documents and the portfolio pages, not the indexes. */
  get printable(): string[] {
    return this.pages.filter((page) => page !== 'index' && page !== 'portfolios' && page !== 'gaps');
  }

  /** Where a printable page's PDF is, relative to the site root, when the site has PDFs. */
  pdfOf(page: string): string | null {
    return this.pdf && !this.team && this.printable.includes(page) ? `pdf/${page}.pdf` : null;
  }

  hasPage(portfolio: LinkedPortfolio): boolean {
    return this.portfolioPages.has(portfolio.id);
  }

  /** The page of a portfolio, or null when the site has none for it. */
  portfolioPath(portfolio: LinkedPortfolio): string | null {
    return this.hasPage(portfolio) ? portfolioPath(portfolio.id) : null;
  }
}

/** A workstream with nothing to say (no description, focus, objectives, actions or projects) gets no public page. */
function hasSomethingToSay(portfolio: LinkedPortfolio): boolean {
  return Boolean(portfolio.item.description) || portfolio.item.focus.length > 0 || portfolio.objectives.length > 0 || portfolio.actions.length > 0 || portfolio.projects.length > 0;
}

export interface SiteView {
  planId: string;
  title: string;
  system: string;
  organisation: string | undefined;
  published: string;
  nav: NavItem[];
  /** True on the team's site: findings, SMART, the gap report and plan.json are shown. */
  team: boolean;
  /** On the team's site, the page's public version, relative to the site root; null when it has none. */
  publicVersion: string | null;
  /** On the public site built with PDFs, the page's PDF, relative to the site root; null otherwise. */
  pdfVersion: string | null;
  /** The page's title in the browser's tab: the page, the plan and the system, each said once. */
  documentTitle: string;
  terms: TermsView;
}

/**
 * @param publicSite the public site's map, on the team's site (whose public version sits in public/)
 */
export function siteView(map: SiteMap, current: string, pageTitle: string, publicSite?: SiteMap): SiteView {
  const plan = map.plan;
  const info = plan.manifest.plan;
  const org = info.organisation ? plan.byId.get(info.organisation) : undefined;
  return {
    planId: info.id,
    title: info.title,
    system: info.system,
    organisation: org?.kind === 'organisation' ? org.item.name : undefined,
    published: formatDate(info.published),
    nav: [{ path: 'index', title: 'Home' }, ...map.documents, { path: 'portfolios', title: map.terms.Portfolios }].map((d) => ({
      title: d.title,
      path: d.path,
      current: d.path === current,
    })),
    team: map.team,
    publicVersion: publicSite?.pages.includes(current) ? `public/${current}` : null,
    pdfVersion: map.pdfOf(current),
    documentTitle: documentTitle([current === 'index' ? '' : pageTitle, info.title, info.system]),
    terms: map.terms,
  };
}

/**
 * Joins the parts of a title with dashes, leaving out a part that an earlier one already says:
 * "Operational Plan 2023/24 Summary – Staffordshire…", never "… Summary – Operational Plan 2023/24 – …".
 */
export function documentTitle(parts: readonly string[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '' || kept.some((k) => k.toLowerCase().includes(text.toLowerCase()))) continue;
    kept.push(text);
  }
  return kept.join(' – ');
}

/** `''` for a page at the root of the site, `'../'` for one in a sub-folder. */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

export function portfolioPath(id: string): string {
  return `portfolios/${id}`;
}
