// What every page needs to know about the request it renders for.
export type Variant = 'cn' | 'tw';

export interface SiteInfo {
  name: string;
  domain: string;
  /** SITE_URL (config.siteUrl): absoluteUrl(ctx.site, path) builds the links people follow from outside. */
  siteUrl: string;
  idCode: string;
  /** Footer registrations, '' when not configured. */
  icp?: string;
  psb?: string;
  conacUrl?: string;
}

export interface ViewUser {
  id: number;
  username: string;
  displayName: string;
  orgName: string;
}

export interface NavItem {
  href: string;
  label: string;
  /** Work waiting behind this entry (the 工作台 counts); absent or 0: no badge. */
  badge?: number;
}

export interface ViewContext {
  site: SiteInfo;
  variant: Variant;
  /** 0 = normal, 1 = 长者模式, 2 = 长者模式 larger preset */
  elder: 0 | 1 | 2;
  /** Current path with query, for the 简/繁 and 长者模式 switches to return to. */
  path: string;
  csrfToken: string;
  user?: ViewUser;
  adminNav?: NavItem[];
  demo: boolean;
}

/** Government-website meta tags (政府网站网页设计规范): filled per page. */
export interface PageMeta {
  title: string;
  columnName?: string;
  articleTitle?: string;
  pubDate?: string;
  contentSource?: string;
  keywords?: string;
  description?: string;
  url?: string;
}
