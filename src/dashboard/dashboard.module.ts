import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Module, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/auth.decorators.js';

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
/**
 * The one Apache ECharts file the page imports (the prebuilt minified ES module), self-hosted from node_modules (no
 * CDN: many government networks have none). Only this file is served, not the rest of the package.
 */
const ECHARTS_FILE = join(dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.esm.min.mjs');

/** `GET /dashboard/vendor/echarts/echarts.esm.min.mjs`: the chart library (public, static; ETag and ranges by Express). */
@ApiExcludeController()
@Public()
@Controller('dashboard/vendor/echarts')
export class EchartsController {
  @Get('echarts.esm.min.mjs')
  serve(@Res() response: Response): void {
    setSecurityHeaders(response);
    response.sendFile(ECHARTS_FILE, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' }, maxAge: '1d' });
  }
}

/**
 * The analysts' dashboard at `/dashboard/` (static, public: the page asks for an API key and sends it as a bearer
 * token to the API; the key stays in sessionStorage). `/dashboard/vendor/echarts/echarts.esm.min.mjs` serves the
 * chart library (EchartsController).
 * `renderPath: '/'` keeps unknown paths under /dashboard a 404 instead of the index page.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot(
      { rootPath: PAGE_ROOT, serveRoot: '/dashboard', renderPath: '/', serveStaticOptions: { setHeaders: setSecurityHeaders } },
    ),
  ],
  controllers: [EchartsController],
})
export class DashboardModule {}
