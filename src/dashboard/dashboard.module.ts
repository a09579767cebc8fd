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
 * The page's icon (16×16 SVG: three rising bars), kept here rather than as a file in public/ so that the build's
 * assets rule (nest-cli.json: html, css, js) needs no change. index.html links it, so browsers ask for it and not for
 * `/favicon.ico` (a 404 on every load before).
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
  '<rect width="16" height="16" rx="3" fill="#1f4e79"/>' +
  '<rect x="3" y="9" width="2.5" height="4" fill="#fff"/><rect x="6.75" y="6" width="2.5" height="7" fill="#fff"/>' +
  '<rect x="10.5" y="3" width="2.5" height="10" fill="#f2a900"/></svg>';

/** `GET /dashboard/favicon.svg`: the page's icon (public, static). */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardIconController {
  @Get('favicon.svg')
  serve(@Res() response: Response): void {
    setSecurityHeaders(response);
    response.setHeader('Cache-Control', 'public, max-age=86400');
    response.type('image/svg+xml').send(FAVICON_SVG);
  }
}

/**
 * The analysts' dashboard at `/dashboard/` (static, public: the page asks for an API key and sends it as a bearer
 * token to the API; the key stays in sessionStorage). `/dashboard/vendor/echarts/echarts.esm.min.mjs` serves the
 * chart library (EchartsController), `/dashboard/favicon.svg` the icon (DashboardIconController).
 * `renderPath: '/'` keeps unknown paths under /dashboard a 404 instead of the index page.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot(
      { rootPath: PAGE_ROOT, serveRoot: '/dashboard', renderPath: '/', serveStaticOptions: { setHeaders: setSecurityHeaders } },
    ),
  ],
  controllers: [EchartsController, DashboardIconController],
})
export class DashboardModule {}
