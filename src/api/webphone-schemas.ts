/**
 * The operator's webphone configuration (issue 13): one zod schema shared by the server (which stores
 * and validates it), the app (which applies it) and the Admin form (which shows its field errors).
 */
import { z } from 'zod';
import { embedOriginProblem, MAX_EMBED_ORIGINS } from './embed-origins';
import { DEFAULT_JOIN_WIDGET } from './join-widget-defaults';
import { JoinWidget } from './join-widget-config';
import { MENU_ICONS, TAB_IDS, type TabId } from './webphone-defaults';

export { DEFAULT_WEBPHONE_CONFIG, MENU_ICONS, TAB_IDS, type TabId } from './webphone-defaults';

export const ROLES = ['admin', 'agent', 'user'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MenuIcon = z.enum(MENU_ICONS, {
  error: () => `Choose one of the icons the app can draw: ${MENU_ICONS.join(', ')}.`,
});
export type MenuIcon = z.infer<typeof MenuIcon>;

export const MenuItem = z.object({
  title: z.string().trim().min(1, 'Give the tab a title.').max(24, 'At most 24 characters.'),
  icon: MenuIcon,
  /** 1 is the first (leftmost, or topmost in the side menu) tab. */
  position: z.int('A whole number.').min(1, 'From 1.').max(TAB_IDS.length, `Up to ${TAB_IDS.length}.`),
  /** A disabled tab's route does not exist in the app (not merely hidden). */
  disabled: z.boolean(),
});
export type MenuItem = z.infer<typeof MenuItem>;

export const MAX_MENU_PAGES = 8;
export const MAX_PAGE_HTML = 20_000;

/**
 * An extra menu page (issue 13, ADR 0022): a tab whose content is the operator's HTML, shown
 * sanitised (DOMPurify) at `/page/<id>`; HTML starting `<!-- NO-CONTAINER -->` fills the page in a
 * frameless iframe sandboxed without scripts.
 */
export const MenuPage = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'Use 1–32 of a–z, 0–9 and "-", starting with a letter or digit.'),
  title: z.string().trim().min(1, 'Give the page a title.').max(24, 'At most 24 characters.'),
  icon: MenuIcon,
  /** Among the tabs: 1 is the first. A page after the last tab can say so with a larger number. */
  position: z.int('A whole number.').min(1, 'From 1.').max(20, 'Up to 20.'),
  disabled: z.boolean(),
  html: z.string().max(MAX_PAGE_HTML, `At most ${MAX_PAGE_HTML} characters.`),
});
export type MenuPage = z.infer<typeof MenuPage>;

export const Flags = z.object({
  /** Hide the build id otherwise shown in Settings → About for support. */
  hideUuid: z.boolean(),
  /** The side menu on the right on wide screens. */
  menuRight: z.boolean(),
  /** Users may edit their SIP settings; otherwise they are read-only once signed in. */
  editSettings: z.boolean(),
  /** The header shows the signed-in username instead of the brand name. */
  usernameAsTitle: z.boolean(),
  /** Forces the auto-answer preference on. */
  autoAnswer: z.boolean(),
  /** Shows a link to `paymentUrl` (Openline never handles card data). */
  acceptPayment: z.boolean(),
  /** Shows the account balance from `GET /api/account/balance`. */
  displayBalance: z.boolean(),
  /** Self sign-up: the sign-in screen offers "Create account" (`registration` says how). */
  register: z.boolean().default(false),
  /** Restrict Customer Login: only accounts of `allowedCompanies` (and admins) may sign in. */
  restrictLogin: z.boolean().default(false),
});
export type Flags = z.infer<typeof Flags>;

/** A codec pattern: a name or a regular expression, anchored and case-insensitive (`PC.*`). */
export const MAX_CODEC_PATTERN = 40;
export const MAX_CODEC_RULES = 16;

/** The pattern as the app applies it: the whole name must match, case does not matter. */
export function codecMatcher(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'i');
}

function compiles(pattern: string): boolean {
  try {
    codecMatcher(pattern);
    return true;
  } catch {
    return false;
  }
}

const CodecPattern = z
  .string()
  .trim()
  .min(1, 'Empty pattern.')
  .max(MAX_CODEC_PATTERN, `At most ${MAX_CODEC_PATTERN} characters.`)
  .refine(compiles, 'Not a valid regular expression.');

export const Codecs = z.object({
  /**
   * Codecs removed from every offer and answer, by name or regular expression. Opus cannot be removed:
   * it is the one codec every WebRTC browser has, so a call could otherwise fail to negotiate any.
   */
  remove: z
    .array(
      CodecPattern.refine(
        (p) => !compiles(p) || !codecMatcher(p).test('opus'),
        'Opus cannot be removed: it is the one codec every browser supports.',
      ),
    )
    .max(MAX_CODEC_RULES),
  /** Preferred order (first wins); codecs not listed keep their order after these. */
  priority: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{1,24}$/, 'A codec name such as PCMU or opus.'),
    )
    .max(MAX_CODEC_RULES),
});
export type Codecs = z.infer<typeof Codecs>;

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
/** Same-origin image path (the CSP serves images from 'self' only). */
const LOGO_PATH = /^\/[A-Za-z0-9._/-]{1,200}\.(?:svg|png|webp)$/;

export const Brand = z.object({
  name: z.string().trim().min(1, 'Give the brand a name.').max(40, 'At most 40 characters.'),
  themeColor: z.string().regex(HEX_COLOUR, 'A colour as #rrggbb.'),
  logo: z
    .string()
    .regex(LOGO_PATH, 'A path on this server ending in .svg, .png or .webp, e.g. /icons/icon.svg.')
    .refine((p) => !p.includes('..'), 'No ".." in the path.'),
});
export type Brand = z.infer<typeof Brand>;

/** Custom CSS source; the server also parses it and refuses what could load or run anything. */
export const MAX_CUSTOM_CSS = 20_000;
/** Self sign-up: whose defaults a new account copies, and what it is told once created. */
export const Registration = z.object({
  /** The template customer: its role (never admin), company and per-account settings are copied. */
  templateUsername: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'The username of an existing account.'),
  ]),
  successMessage: z
    .string()
    .trim()
    .min(1, 'Say what a new user should know.')
    .max(300, 'At most 300 characters.'),
});
export type Registration = z.infer<typeof Registration>;

export const DEFAULT_REGISTRATION: Registration = {
  templateUsername: '',
  successMessage: 'Your account is ready. Sign in with your username and password.',
};

const CompanyName = z.string().trim().min(1, 'Empty company name.').max(60, 'At most 60 characters.');

const PaymentUrl = z
  .string()
  .max(500)
  .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'An https:// address.');

/** One exact origin a host page may frame Openline from (see embed-origins.ts). */
export const EmbedOrigin = z
  .string()
  .trim()
  .max(200, 'At most 200 characters.')
  .superRefine((origin, ctx) => {
    const problem = embedOriginProblem(origin);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Embedding (issue 13): the pages allowed to frame the app. Empty: nobody may (the default). */
export const Embed = z.object({
  allowedOrigins: z
    .array(EmbedOrigin)
    .max(MAX_EMBED_ORIGINS, `At most ${MAX_EMBED_ORIGINS} origins.`)
    .refine((list) => new Set(list).size === list.length, 'An origin is listed twice.'),
});
export type Embed = z.infer<typeof Embed>;

export const WebphoneConfig = z
  .object({
    brand: Brand,
    menu: z.object({
      ...(Object.fromEntries(TAB_IDS.map((id) => [id, MenuItem])) as Record<TabId, typeof MenuItem>),
      // A configuration saved before the Chat tab existed gets it last (its positions end at 6).
      messages: MenuItem.default({ title: 'Chat', icon: 'chat', position: TAB_IDS.length, disabled: false }),
    }),
    flags: Flags,
    /** Where Accept Payment links to. */
    paymentUrl: z.union([PaymentUrl, z.literal('')]),
    codecs: Codecs,
    /**
     * Applied to the app as a same-origin stylesheet, scoped inside it (server/webphone/custom-css.ts:
     * no url(), @import, @font-face or escapes). Saved before this field existed: none.
     */
    customCss: z.string().max(MAX_CUSTOM_CSS, `At most ${MAX_CUSTOM_CSS} characters.`).default(''),
    registration: Registration.default(DEFAULT_REGISTRATION),
    /** Restrict Customer Login: the companies whose accounts may sign in (any case). */
    allowedCompanies: z.array(CompanyName).max(100, 'At most 100 companies.').default([]),
    // A configuration saved before embedding existed: not embeddable.
    embed: Embed.default({ allowedOrigins: [] }),
    /** Extra menu pages from templates; saved before they existed: none. */
    pages: z.array(MenuPage).max(MAX_MENU_PAGES, `At most ${MAX_MENU_PAGES} pages.`).default([]),
    /** The customers' join page (issue 14); saved before it existed: today's page. */
    joinWidget: z._default(JoinWidget, DEFAULT_JOIN_WIDGET),
  })
  .superRefine((config, ctx) => {
    if (config.flags.register && !config.registration.templateUsername) {
      ctx.addIssue({
        code: 'custom',
        path: ['registration', 'templateUsername'],
        message: 'Register needs a template customer: the account new accounts copy.',
      });
    }
    if (config.flags.restrictLogin && config.allowedCompanies.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowedCompanies'],
        message: 'Restrict Customer Login needs at least one company (otherwise only admins sign in).',
      });
    }
    if (config.menu.settings.disabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['menu', 'settings', 'disabled'],
        message: 'Settings cannot be disabled: it holds sign-in and the Support log.',
      });
    }
    const seen = new Map<number, TabId>();
    for (const id of TAB_IDS) {
      const item = config.menu[id];
      if (item.disabled) continue;
      const other = seen.get(item.position);
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: ['menu', id, 'position'],
          message: `Position ${item.position} is already taken by ${config.menu[other].title}.`,
        });
      }
      seen.set(item.position, id);
    }
    const pageIds = new Set<string>();
    const pagePositions = new Map<number, string>();
    config.pages.forEach((page, i) => {
      if (pageIds.has(page.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pages', i, 'id'],
          message: `Another page is already "${page.id}".`,
        });
      }
      pageIds.add(page.id);
      if (page.disabled) return;
      const title = seen.has(page.position)
        ? config.menu[seen.get(page.position)!].title
        : pagePositions.get(page.position);
      if (title !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['pages', i, 'position'],
          message: `Position ${page.position} is already taken by ${title}.`,
        });
      }
      pagePositions.set(page.position, page.title);
    });
    if (config.flags.acceptPayment && !config.paymentUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['paymentUrl'],
        message: 'Accept Payment needs the https:// address of your payment page.',
      });
    }
  });
export type WebphoneConfig = z.infer<typeof WebphoneConfig>;

/** `GET /api/webphone/config`: the configuration, its revision, and who is asking (for the Admin tab). */
export const WebphoneConfigResponse = z.object({
  revision: z.int().nonnegative(),
  config: WebphoneConfig,
  viewer: z.object({ username: z.string(), role: Role }),
});
export type WebphoneConfigResponse = z.infer<typeof WebphoneConfigResponse>;

/** One row of `GET /api/admin/audit`, newest first. */
export const AuditEntry = z.object({
  id: z.int(),
  at: z.int(),
  actor: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ entries: z.array(AuditEntry) });

/** `GET /api/account/balance`: in minor units (cents) with an ISO 4217 currency. */
export const AccountBalance = z.object({
  amountMinor: z.int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type AccountBalance = z.infer<typeof AccountBalance>;
