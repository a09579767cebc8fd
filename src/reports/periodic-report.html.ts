import { Eta } from 'eta';
import type { PeriodicReport } from './queries/get-periodic-report/get-periodic-report.query.js';

/**
 * Printable HTML of a periodic report (A4, no script). Rendered by Eta with `autoEscape` on: every `<%= %>` output is
 * HTML-escaped (& < > " '), so incident titles and other user text cannot inject markup; the template has no raw
 * (`<%~ %>`) output.
 */
const TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Periodic assessment <%= it.period.code %> — AI Risk Single Window</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 60em; margin: 0 auto; }
  h1 { font-size: 18pt; margin-bottom: 0; } h2 { font-size: 13pt; margin-top: 1.5em; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; } th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; } .tlp { font-weight: bold; } .muted { color: #555; }
  section.axis { break-inside: avoid; }
</style>
</head>
<body>
<p class="tlp">TLP:<%= it.tlp %></p>
<h1>Periodic assessment <%= it.period.code %></h1>
<p class="muted"><%= it.period.start %> to <%= it.period.end %> (exclusive, UTC), compared with <%= it.previousPeriod.code %>. Generated <%= it.generatedAt %>.</p>

<h2>Incidents</h2>
<table>
<tr><th><%= it.period.code %></th><th><%= it.previousPeriod.code %></th><th>Change</th><th>Change %</th></tr>
<tr><td class="n"><%= it.total.count %></td><td class="n"><%= it.total.previous %></td><td class="n"><%= it.signed(it.total.change) %></td><td class="n"><%= it.percent(it.total.changePercent) %></td></tr>
</table>

<h2>Top categories</h2>
<% for (const axis of it.axes) { %>
<section class="axis">
<h3><%= axis.dimension %></h3>
<% if (axis.top.length === 0) { %><p class="muted">No incidents.</p><% } else { %>
<table>
<tr><th>Category</th><th>Incidents</th><th>Share</th><th><%= it.previousPeriod.code %></th><th>Change</th><th>Change %</th></tr>
<% for (const category of axis.top) { %>
<tr><td><%= category.value %></td><td class="n"><%= category.count %></td><td class="n"><%= it.share(category.share) %></td><td class="n"><%= category.previous %></td><td class="n"><%= it.signed(category.change) %></td><td class="n"><%= it.percent(category.changePercent) %></td></tr>
<% } %>
</table>
<% } %>
</section>
<% } %>

<h2>Surges</h2>
<p class="muted">Method: <%= it.method %> per ISO week (docs/signals.md).</p>
<% if (it.surges.length === 0) { %><p>No surge in this period.</p><% } else { %>
<table>
<tr><th>Week from</th><th>Dimension</th><th>Category</th><th>Incidents</th><th>Expected</th><th>Statistic</th></tr>
<% for (const surge of it.surges) { %>
<tr><td><%= surge.start.slice(0, 10) %></td><td><%= surge.dimension %></td><td><%= surge.value %></td><td class="n"><%= surge.count %></td><td class="n"><%= surge.expected %></td><td class="n"><%= surge.statistic %> &gt; <%= surge.threshold %></td></tr>
<% } %>
</table>
<% } %>

<h2>Notable incidents</h2>
<p class="muted">Flash urgency (a red-line flag or existential magnitude) first, then critical and severe severity; at most ten.</p>
<% if (it.notableIncidents.length === 0) { %><p>None.</p><% } else { %>
<table>
<tr><th>Occurred</th><th>Title</th><th>Country</th><th>Mechanism</th><th>Magnitude</th><th>Severity</th><th>Urgency</th><th>TLP</th></tr>
<% for (const incident of it.notableIncidents) { %>
<tr><td><%= incident.occurredAt.slice(0, 10) %></td><td><%= incident.title %></td><td><%= incident.country %></td><td><%= incident.mechanism %></td><td><%= incident.magnitude %></td><td><%= incident.severity %></td><td><%= incident.urgency %></td><td><%= incident.tlp %></td></tr>
<% } %>
</table>
<% } %>
</body>
</html>
`;

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'] });
const render = eta.compile(TEMPLATE);

const signed = (value: number): string => (value > 0 ? `+${value}` : String(value));
/** A change in percent with its sign, `—` when there is none (the previous count was 0). */
const percent = (value: number | null): string => (value === null ? '—' : `${signed(Math.round(value * 10) / 10)}%`);
/** A share (0–1) in percent. */
const share = (value: number): string => `${Math.round(value * 1000) / 10}%`;

/** The report as a complete HTML document (UTF-8). */
export function renderPeriodicReportHtml(report: PeriodicReport): string {
  return eta.render(render, { ...report, signed, percent, share });
}
