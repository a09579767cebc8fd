import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { ServerResponse } from 'node:http';

/**
 * Content-Security-Policy of the dashboard's files: scripts, styles and API calls from this origin only, no inline
 * script or style, no plug-ins, no framing and no form submission (the page holds an API key; CSP Level 3).
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
}

/** The page's own files (copied next to the compiled module by nest-cli.json `assets`). */
const PAGE_ROOT = fileURLToPath(new URL('./public', import.meta.url));
/** Apache ECharts' prebuilt bundles, self-hosted from node_modules (no CDN: many government networks have none). */
const ECHARTS_DIST = dirname(createRequire(import.meta.url).resolve('echarts'));

/**
 * The analysts' dashboard at `/dashboard/` (static, public: the page asks for an API key and sends it as a bearer
 * token to the API; the key stays in sessionStorage). `/dashboard/vendor/echarts/` serves the chart library.
 * `renderPath: '/'` keeps unknown paths under /dashboard a 404 instead of the index page.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot(
      { rootPath: PAGE_ROOT, serveRoot: '/dashboard', renderPath: '/', serveStaticOptions: { setHeaders: setSecurityHeaders } },
      {
        rootPath: ECHARTS_DIST,
        serveRoot: '/dashboard/vendor/echarts',
        renderPath: '/',
        serveStaticOptions: { index: false, setHeaders: setSecurityHeaders },
      },
    ),
  ],
})
export class DashboardModule {}
