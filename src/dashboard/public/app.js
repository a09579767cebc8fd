// The dashboard page: asks for an API key, keeps the view in the URL (view-state.js), loads through api.js and
// draws with charts.js. Text from the API is always set with textContent, never parsed as HTML.
import { ApiError, createApi } from './api.js';
import { heatmapOption, trendOption } from './chart-options.js';
import { disposeChart, renderChart, resizeCharts } from './charts.js';
import { evidenceSupports, evidenceTooltip, highlightSegments } from './evidence.js';
import { createLabels, errorText, ignoredText, message } from './i18n.js';
import {
  activeFilters,
  FILTERS,
  formatViewState,
  INTERVALS,
  normalizeFilterValues,
  readViewState,
  restrictFilters,
  V1_GROUP_BYS,
  V2_GROUP_BYS,
} from './view-state.js';

const KEY_STORAGE = 'aisw.apiKey';
const TLP_MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const TEXT_FIELDS = ['title', 'description', 'harmDescription'];

const $ = (id) => document.getElementById(id);
const api = createApi(() => sessionStorage.getItem(KEY_STORAGE) ?? '');
let state;
/** URL parameter values the current view did not use (named in #url-notice until the next change of view). */
let ignored = [];
let vocabulary = null;
let capabilities = null;
let renderRun = 0;
/** Counts "Forget key" clicks, so that an opening started with the forgotten key draws nothing. */
let session = 0;

const text = (key) => message(state.lang, key);

/** Creates an element with optional class and text content. */
function element(tag, { className, content } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}

/** Shows a failed load with the API's reasons (field and message, i18n.js errorText) in the page's language. */
function showError(node, error) {
  node.textContent = errorText(state.lang, error);
  node.hidden = false;
}

/** Takes the view from a query string; what it could not use is named in #url-notice (view-state.js readViewState). */
function loadView(search) {
  ({ state, ignored } = readViewState(search));
}
loadView(location.search);

function applyStaticTexts() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-Hans' : 'en';
  document.title = text('title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = text(node.dataset.text);
}

// ---- key ----------------------------------------------------------------------------------------------------------

function showKeyForm(problem) {
  $('dashboard').hidden = true;
  $('forget-key').hidden = true;
  $('key-form').hidden = false;
  $('key-error').hidden = !problem;
  if (problem) $('key-error').textContent = `${text('keyRejected')} (${problem.message})`;
  $('api-key').focus();
}

async function openDashboard() {
  const opening = session;
  try {
    const taxonomy = await api.taxonomy();
    const found = await api.capabilities();
    if (opening !== session) return;
    vocabulary = taxonomy;
    capabilities = found;
  } catch (error) {
    if (opening !== session) return;
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      sessionStorage.removeItem(KEY_STORAGE);
      showKeyForm(error);
    } else {
      showKeyForm();
      showError($('key-error'), error);
    }
    return;
  }
  $('key-form').hidden = true;
  $('forget-key').hidden = false;
  $('dashboard').hidden = false;
  await render();
}

// ---- view controls ------------------------------------------------------------------------------------------------

function fillSelect(select, options, selected) {
  select.replaceChildren();
  for (const [value, label] of options) select.append(new Option(label, value));
  select.value = selected ?? '';
}

/** Codes each filter offers, from the vocabulary (null: free text). */
function filterOptions(name) {
  const codes = {
    mechanism: () => vocabulary.axes.find((axis) => axis.code === 'mechanism').values.map((term) => term.code),
    magnitude: () => vocabulary.axes.find((axis) => axis.code === 'magnitude').values.map((term) => term.code),
    source: () => vocabulary.axes.find((axis) => axis.code === 'source').values.map((term) => term.code),
    harmType: () => vocabulary.harmTypes.map((term) => term.code),
    sector: () => vocabulary.sectors.map((term) => term.code),
    severity: () => vocabulary.severities.map((term) => term.code),
    urgency: () => vocabulary.urgencies.map((term) => term.code),
    tlp: () => TLP_MARKINGS,
  }[name];
  return codes ? codes() : null;
}

function syncControls(labels) {
  fillSelect($('interval'), INTERVALS.map((code) => [code, text(`interval.${code}`)]), state.interval);
  const groupBys = capabilities.twoGroupBys ? [...V1_GROUP_BYS, ...V2_GROUP_BYS] : V1_GROUP_BYS;
  fillSelect($('groupBy'), groupBys.map((code) => [code, labels.dimension(code)]), state.groupBy);
  $('from').value = state.from;
  $('to').value = state.to;
  $('q').value = state.q;
  $('q').disabled = !capabilities.search;

  syncFilterControls(labels);
  $('filters-hint').hidden = !capabilities.filters;
  const notice = $('filters-notice');
  notice.hidden = capabilities.filters;
  notice.textContent = activeFilters(state).length ? `${text('filtersNeedV2')} ${text('filtersIgnored')}` : text('filtersNeedV2');
}

/**
 * One control per filter, each able to hold several codes: a multiple-choice list of the vocabulary's codes, or for
 * countries a text field taking a comma list of ISO codes. The controls are rebuilt only when the language changes
 * (otherwise their choices are updated in place, so a list keeps its focus and scroll while the user picks codes).
 */
function syncFilterControls(labels) {
  const fieldset = $('filter-fields');
  const builtFor = `${state.lang}:${capabilities.filters}`;
  if (fieldset.dataset.builtFor !== builtFor) {
    for (const old of fieldset.querySelectorAll('label.filter')) old.remove();
    for (const name of FILTERS) {
      const label = element('label', { className: 'filter' });
      label.append(element('span', { content: labels.dimension(name) }));
      const codes = filterOptions(name);
      let control;
      if (codes) {
        control = document.createElement('select');
        control.multiple = true;
        control.size = Math.min(4, codes.length);
        for (const code of codes) control.append(new Option(labels.value(name, code), code));
        control.setAttribute('aria-describedby', 'filters-hint');
      } else {
        control = Object.assign(document.createElement('input'), { type: 'text', size: 16, maxLength: 200, placeholder: text('countryHint') });
        control.pattern = '\\s*[A-Za-z]{2}(\\s*[,，]\\s*[A-Za-z]{2})*\\s*';
        control.title = text('countryHint');
      }
      control.id = `filter-${name}`;
      control.disabled = !capabilities.filters;
      label.append(control);
      fieldset.insertBefore(label, $('filters-hint'));
    }
    fieldset.dataset.builtFor = builtFor;
  }
  for (const name of FILTERS) {
    const control = $(`filter-${name}`);
    const chosen = state.filters[name] ?? [];
    if (control.multiple) for (const option of control.options) option.selected = chosen.includes(option.value);
    else control.value = chosen.join(', ');
  }
}

/** The codes a filter control holds (a list's chosen options, or the country field's comma list). */
function controlValues(control) {
  if (control.multiple) return [...control.selectedOptions].map((option) => option.value);
  return control.value.split(/[\s,，]+/);
}

/** The view the controls show now (filters only when the API takes them, so a link's filters are not lost). */
function readControls() {
  const filters = { ...state.filters };
  if (capabilities.filters) {
    for (const name of FILTERS) {
      const codes = normalizeFilterValues(name, controlValues($(`filter-${name}`)));
      if (codes.length) filters[name] = codes;
      else delete filters[name];
    }
  }
  return { ...state, interval: $('interval').value, groupBy: $('groupBy').value, from: $('from').value, to: $('to').value, q: $('q').value.trim(), filters };
}

/** Moves to a new view: the URL first (shareable; back and forward work), then the page. */
async function navigate(next) {
  loadView(formatViewState(next));
  history.pushState(null, '', `${location.pathname}${formatViewState(state)}`);
  await render();
}

/** Codes each filter may take (the vocabulary's; null for countries: any well-formed ISO code). */
const allowedFilterCodes = () => Object.fromEntries(FILTERS.map((name) => [name, filterOptions(name)]));

/**
 * Drops filter codes the vocabulary does not have (named like other ignored values) and, when the view differs from
 * the URL's text, rewrites the URL in place to the view shown, so the address never claims what is not applied.
 */
function settleView() {
  const restricted = restrictFilters(state, allowedFilterCodes());
  state = restricted.state;
  ignored = [...ignored, ...restricted.ignored];
  const canonical = formatViewState(state);
  if (location.search !== canonical) history.replaceState(null, '', `${location.pathname}${canonical}`);
  $('url-notice').textContent = ignoredText(state.lang, ignored);
  $('url-notice').hidden = !ignored.length;
}

/**
 * After "Forget key": removes every drawn piece of data from the page (chart instances disposed, list, detail and
 * messages emptied), not just hides it, and drops the results of loads still under way.
 */
function clearData() {
  session += 1;
  renderRun += 1;
  vocabulary = null;
  capabilities = null;
  for (const id of ['trend-chart', 'heatmap-chart']) {
    disposeChart($(id));
    $(id).replaceChildren();
  }
  $('incident-list').replaceChildren();
  $('incident-detail').replaceChildren();
  $('incident-detail').hidden = true;
  $('incident-id').value = '';
  $('more').hidden = true;
  $('more').onclick = null;
  for (const id of ['load-error', 'url-notice']) {
    $(id).textContent = '';
    $(id).hidden = true;
  }
  for (const old of $('filter-fields').querySelectorAll('label.filter')) old.remove();
  delete $('filter-fields').dataset.builtFor;
}

// ---- rendering ----------------------------------------------------------------------------------------------------

async function render() {
  const run = ++renderRun;
  const main = $('dashboard');
  main.setAttribute('aria-busy', 'true');
  $('load-error').hidden = true;
  applyStaticTexts();
  settleView();
  const labels = createLabels(vocabulary, state.lang);
  syncControls(labels);
  // A later render (the user changed the view again) owns the page; this one's results are dropped.
  const current = () => run === renderRun;
  await Promise.all([renderTrend(labels, current), renderHeatmap(labels, current), renderIncidentList(labels, current), renderDetail(labels, current)]);
  if (current()) main.setAttribute('aria-busy', 'false');
}

async function renderTrend(labels, current) {
  try {
    const trend = await api.trends(state, capabilities);
    if (current()) renderChart($('trend-chart'), trendOption(trend, labels, text));
  } catch (error) {
    if (current()) showError($('load-error'), error);
  }
}

async function renderHeatmap(labels, current) {
  const chart = $('heatmap-chart');
  try {
    const heatmap = await api.heatmap(state, capabilities);
    if (!current()) return;
    $('heatmap-notice').hidden = !heatmap.unsupported;
    chart.hidden = Boolean(heatmap.unsupported);
    if (heatmap.unsupported) disposeChart(chart);
    else renderChart(chart, heatmapOption(heatmap, labels));
  } catch (error) {
    if (current()) showError($('load-error'), error);
  }
}

/** A link that opens an incident in this view (a real href, so it can be copied or opened in a new tab). */
function incidentLink(title, id, className) {
  const link = element('a', { className, content: title });
  link.href = `${location.pathname}${formatViewState({ ...state, incident: id })}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void navigate({ ...state, incident: id });
  });
  return link;
}

async function renderIncidentList(labels, current, cursor = null) {
  const list = $('incident-list');
  try {
    const page = await api.searchIncidents(state, capabilities, cursor);
    if (!current()) return;
    $('search-notice').hidden = !page.unsupported;
    if (!cursor) list.replaceChildren();
    $('more').hidden = !page.nextCursor;
    $('more').onclick = () => renderIncidentList(labels, current, page.nextCursor);
    if (page.unsupported) return;
    if (!page.items.length && !cursor) list.append(element('li', { content: text('noIncidents') }));
    for (const item of page.items) {
      const entry = element('li');
      const link = incidentLink(item.title, item.id);
      const labelText = ['mechanism', 'magnitude', 'source'].map((axis) => labels.value(axis, item.labels[axis])).join(' · ');
      entry.append(link, element('span', { className: 'meta', content: `${String(item.occurredAt).slice(0, 10)} · ${labels.value('country', item.country)} · ${labelText}` }));
      list.append(entry);
    }
  } catch (error) {
    if (current()) showError($('load-error'), error);
  }
}

async function renderDetail(labels, current) {
  const section = $('incident-detail');
  $('incident-id').value = state.incident;
  if (!state.incident) {
    section.hidden = true;
    return;
  }
  try {
    const detail = await api.incident(state.incident);
    if (!current()) return;
    section.replaceChildren(...detailNodes(detail, labels));
  } catch (error) {
    if (!current()) return;
    const problem = element('p', { className: 'error' });
    showError(problem, error);
    section.replaceChildren(problem);
  }
  section.hidden = false;
}

function table(headers, rows) {
  const node = element('table');
  const head = element('tr');
  for (const header of headers) head.append(element('th', { content: header }));
  node.append(element('thead'), element('tbody'));
  node.tHead.append(head);
  for (const row of rows) {
    const line = element('tr');
    for (const cell of row) line.append(cell instanceof Node ? wrap('td', cell) : element('td', { content: cell ?? '—' }));
    node.tBodies[0].append(line);
  }
  return node;
}

function wrap(tag, child) {
  const node = element(tag);
  node.append(child);
  return node;
}

const dateTime = (iso) => (iso ? iso.replace('T', ' ').slice(0, 16) : null);

function detailNodes(detail, labels) {
  const { incident } = detail;
  const nodes = [
    element('h2', { content: incident.title }),
    element('p', {
      className: 'hint',
      content: [
        `${text('occurredAt')}: ${incident.occurredAt.slice(0, 10)}`,
        labels.value('country', incident.country),
        `${labels.dimension('sector')}: ${labels.value('sector', detail.sector)}`,
        `TLP:${incident.tlp}`,
        `v${incident.version}`,
        incident.status,
      ].join(' · '),
    }),
    element('h3', { content: text('classification') }),
    table(
      [text('axis'), text('label'), text('confidence')],
      detail.axes.map((axis) => [labels.dimension(axis.axis), labels.value(axis.axis, axis.label), axis.confidence === null ? null : axis.confidence.toFixed(2)]),
    ),
    table(
      [labels.dimension('harmType'), labels.dimension('severity'), labels.dimension('urgency')],
      [[detail.harmTypes.map((code) => labels.value('harmType', code)).join(text('listSeparator')) || '—', labels.value('severity', detail.severity), labels.value('urgency', detail.urgency)]],
    ),
    element('h3', { content: text('evidence') }),
    element('p', { className: 'hint', content: text('evidenceHint') }),
    evidenceLegend(labels),
  ];
  for (const field of TEXT_FIELDS) {
    if (!incident[field]) continue;
    const block = highlightedText(incident[field], detail.evidence.filter((item) => item.field === field), labels);
    block.dataset.field = field;
    nodes.push(element('div', { className: 'field-name', content: text(`field.${field}`) }), block);
  }
  nodes.push(element('h3', { content: text('related') }));
  if (!detail.related.length) nodes.push(element('p', { className: 'hint', content: text('noRelated') }));
  else nodes.push(element('p', { className: 'hint', content: text('relatedHint') }), relatedList(detail.related, labels));
  nodes.push(element('h3', { content: text('deliveries') }));
  if (!detail.deliveries.length) nodes.push(element('p', { className: 'hint', content: text('noDeliveries') }));
  else nodes.push(deliveryTable(detail.deliveries));
  return nodes;
}

// The colours of mark.evidence.part-* in dashboard.css; every other part (sector, severity, red line) is yellow.
function evidenceLegend(labels) {
  const legend = element('p', { className: 'legend' });
  for (const part of ['mechanism', 'magnitude', 'source', 'harmType']) {
    legend.append(element('mark', { className: `evidence part-${part}`, content: labels.dimension(part) }), ' ');
  }
  const others = ['sector', 'severity', 'redLine'].map((part) => labels.dimension(part)).join(' / ');
  legend.append(element('mark', { className: 'evidence', content: others }));
  return legend;
}

function highlightedText(fieldText, evidence, labels) {
  const block = element('p', { className: 'field-text' });
  for (const segment of highlightSegments(fieldText, evidence)) {
    if (!segment.evidence.length) {
      block.append(document.createTextNode(segment.text));
      continue;
    }
    const parts = [...new Set(segment.evidence.map((item) => item.part))];
    const mark = element('mark', { className: `evidence part-${parts[0]}${parts.length > 1 ? ' multiple' : ''}`, content: segment.text });
    mark.dataset.supports = evidenceSupports(segment.evidence);
    mark.title = evidenceTooltip(segment.evidence, labels);
    block.append(mark);
  }
  return block;
}

/** Linked incidents, best first: a link that opens each, its jurisdiction, date and score, and why it was linked. */
function relatedList(related, labels) {
  const list = element('ol', { className: 'related' });
  for (const item of related) {
    const entry = element('li');
    entry.dataset.incident = item.incidentId;
    const link = incidentLink(item.title, item.incidentId, 'related-title');
    const meta = [
      `${text('jurisdiction')}: ${labels.value('country', item.originJurisdiction)}`,
      `${text('occurredAt')}: ${String(item.occurredAt).slice(0, 10)}`,
      `${text('score')}: ${item.score.toFixed(2)}`,
    ].join(' · ');
    const reasons = element('ul', { className: 'reasons' });
    for (const reason of item.reasons) {
      const line = element('li', { content: `${text(`signal.${reason.signal}`)} +${reason.weight.toFixed(2)}` });
      line.dataset.signal = reason.signal;
      line.title = reason.detail;
      reasons.append(line);
    }
    entry.append(link, element('span', { className: 'meta', content: meta }), reasons);
    list.append(entry);
  }
  return list;
}

function deliveryTable(deliveries) {
  const statusOf = (delivery) => (delivery.acknowledgedAt ? 'acknowledged' : delivery.overdueAt ? 'overdue' : delivery.status);
  return table(
    [text('partner'), text('version'), text('msgType'), text('status'), text('attempts'), text('lastError'), text('deliveredAt'), text('acknowledgedAt'), text('ackDueAt')],
    deliveries.map((delivery) => {
      const status = statusOf(delivery);
      return [
        delivery.partnerName,
        delivery.version,
        delivery.msgType,
        element('span', { className: `status status-${status}`, content: text(`status.${status}`) }),
        delivery.attempts,
        delivery.lastError,
        dateTime(delivery.deliveredAt),
        dateTime(delivery.acknowledgedAt),
        dateTime(delivery.ackDueAt),
      ];
    }),
  );
}

// ---- events -------------------------------------------------------------------------------------------------------

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY_STORAGE, $('api-key').value.trim());
  $('api-key').value = '';
  void openDashboard();
});
$('forget-key').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  clearData();
  showKeyForm();
});
$('language-toggle').addEventListener('click', () => {
  const next = { ...state, lang: state.lang === 'en' ? 'zh' : 'en' };
  if (vocabulary) void navigate(next);
  else {
    state = next;
    history.pushState(null, '', `${location.pathname}${formatViewState(state)}`);
    applyStaticTexts();
  }
});
$('view-form').addEventListener('change', () => void navigate(readControls()));
$('view-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void navigate(readControls());
});
$('open-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void navigate({ ...state, incident: $('incident-id').value.trim() });
});
window.addEventListener('popstate', () => {
  loadView(location.search);
  if (vocabulary) void render();
  else applyStaticTexts();
});
window.addEventListener('resize', () => resizeCharts([$('trend-chart'), $('heatmap-chart')]));

applyStaticTexts();
if (sessionStorage.getItem(KEY_STORAGE)) void openDashboard();
else showKeyForm();
