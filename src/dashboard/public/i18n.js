// English and Simplified Chinese texts of the page. Taxonomy labels come from GET /taxonomy (libs/taxonomy
// taxonomy-vocabulary.ts); country names from the browser's CLDR data (Intl.DisplayNames); the rest is here.

const MESSAGES = {
  en: {
    title: 'AI Risk Single Window — analyst dashboard',
    otherLanguage: '中文',
    keyLabel: 'API key',
    keyHint: 'The key stays in this browser tab (sessionStorage) and is sent only in the Authorization header.',
    keySubmit: 'Open dashboard',
    keyForget: 'Forget key',
    keyRejected: 'The API refused this key.',
    view: 'View',
    interval: 'Interval',
    'interval.day': 'Day',
    'interval.week': 'Week',
    'interval.month': 'Month',
    'interval.quarter': 'Quarter',
    'interval.year': 'Year',
    from: 'From',
    to: 'To',
    groupBy: 'Stack by',
    filters: 'Filters',
    listSeparator: ', ',
    search: 'Search text (incident list only; the charts count every incident the filters match)',
    filtersNeedV2: 'Taxonomy filters and text search need API v2 (filters on GET /trends, GET /incidents); they are off.',
    filtersIgnored: 'This link sets filters the API does not support yet; they are not applied.',
    trendsTitle: 'Incidents over time',
    heatmapTitle: 'Sector × harm type',
    heatmapNeedsV2:
      'Needs API v2: GET /trends grouped by two dimensions (groupBy=sector,harmType). The API here groups by one dimension and not by harm type, so no heatmap is drawn.',
    incidentsTitle: 'Incidents',
    searchNeedsV2: 'Incident search needs API v2 (GET /incidents). Open an incident by its id:',
    incidentId: 'Incident id',
    open: 'Open',
    more: 'More',
    noIncidents: 'No incident matches.',
    classification: 'Classification',
    evidence: 'Text with evidence',
    evidenceHint: 'Highlighted phrases are the classifier’s evidence; hover over one to see what it supports.',
    related: 'Related incidents',
    relatedHint: 'Reports of likely the same event, often from another jurisdiction: linked, never merged. Hover over a reason to see what matched.',
    noRelated: 'No related incident found.',
    jurisdiction: 'Jurisdiction',
    score: 'Score',
    'signal.ai_system': 'Same AI system',
    'signal.organisation': 'Same developer or deployer',
    'signal.name_in_text': 'Name in the other’s text',
    'signal.title': 'Similar title',
    'signal.description': 'Similar description',
    'signal.date': 'Close dates',
    'signal.labels': 'Same classification',
    deliveries: 'Delivery to partners',
    noDeliveries: 'Not sent to any partner.',
    axis: 'Axis',
    label: 'Label',
    confidence: 'Confidence',
    partner: 'Partner',
    version: 'Version',
    msgType: 'CAP msgType',
    status: 'Status',
    attempts: 'Attempts',
    lastError: 'Last error',
    deliveredAt: 'Delivered',
    acknowledgedAt: 'Acknowledged',
    ackDueAt: 'Acknowledgement due',
    'status.pending': 'pending',
    'status.delivered': 'delivered',
    'status.dead': 'dead letter',
    'status.available': 'on partner’s Kafka topic',
    'status.acknowledged': 'acknowledged',
    'status.overdue': 'acknowledgement overdue',
    'field.title': 'Title',
    'field.description': 'Description',
    'field.harmDescription': 'Harm',
    occurredAt: 'Occurred',
    total: 'Total',
    surge: 'Surge',
    unspecified: 'Unspecified',
    loadFailed: 'Could not load',
    colon: ': ',
    requestRefused: 'the API refused the request. ',
    urlIgnored: 'Not applied (not a valid value here)',
    multiHint: 'Ctrl-click or ⌘-click to choose several; none chosen: any.',
    countryHint: 'ISO codes, comma-separated, e.g. US, CN',
    'dimension.harmType': 'Harm type',
    'dimension.sector': 'Sector',
    'dimension.severity': 'Severity',
    'dimension.urgency': 'Urgency',
    'dimension.lifecycleStage': 'Lifecycle stage',
    'dimension.country': 'Country',
    'dimension.tlp': 'TLP marking',
    'dimension.redLine': 'Red line',
  },
  zh: {
    title: '人工智能风险单一窗口 — 分析看板',
    otherLanguage: 'English',
    keyLabel: 'API 密钥',
    keyHint: '密钥只保存在当前浏览器标签页（sessionStorage）中，只通过 Authorization 请求头发送。',
    keySubmit: '打开看板',
    keyForget: '清除密钥',
    keyRejected: 'API 拒绝了该密钥。',
    view: '视图',
    interval: '时间粒度',
    'interval.day': '日',
    'interval.week': '周',
    'interval.month': '月',
    'interval.quarter': '季度',
    'interval.year': '年',
    from: '起始日期',
    to: '截止日期',
    groupBy: '堆叠维度',
    filters: '筛选',
    listSeparator: '、',
    search: '检索文本（仅用于事件列表；图表统计符合筛选条件的全部事件）',
    filtersNeedV2: '分类筛选和文本检索需要 API v2（GET /trends 筛选、GET /incidents），当前不可用。',
    filtersIgnored: '此链接设置了 API 尚不支持的筛选条件，未予应用。',
    trendsTitle: '事件数量趋势',
    heatmapTitle: '行业 × 危害类型',
    heatmapNeedsV2: '需要 API v2：按两个维度分组的 GET /trends（groupBy=sector,harmType）。当前 API 只能按一个维度分组，且不能按危害类型分组，因此不绘制热力图。',
    incidentsTitle: '事件',
    searchNeedsV2: '事件检索需要 API v2（GET /incidents）。可按编号打开事件：',
    incidentId: '事件编号',
    open: '打开',
    more: '更多',
    noIncidents: '没有匹配的事件。',
    classification: '分类',
    evidence: '文本与证据',
    evidenceHint: '高亮短语是分类器的证据；将鼠标悬停其上可查看其支持的标签。',
    related: '相关事件',
    relatedHint: '可能报告同一事件的记录（常来自其他法域）：只建立关联，不合并。将鼠标悬停在理由上可查看匹配内容。',
    noRelated: '未发现相关事件。',
    jurisdiction: '法域',
    score: '关联得分',
    'signal.ai_system': '同一人工智能系统',
    'signal.organisation': '同一开发者或部署者',
    'signal.name_in_text': '名称出现在对方文本中',
    'signal.title': '标题相似',
    'signal.description': '描述相似',
    'signal.date': '发生日期接近',
    'signal.labels': '分类相同',
    deliveries: '向伙伴的分发',
    noDeliveries: '尚未发送给任何伙伴。',
    axis: '维度',
    label: '标签',
    confidence: '置信度',
    partner: '伙伴',
    version: '版本',
    msgType: 'CAP 消息类型',
    status: '状态',
    attempts: '尝试次数',
    lastError: '最近错误',
    deliveredAt: '送达时间',
    acknowledgedAt: '确认时间',
    ackDueAt: '确认期限',
    'status.pending': '待投递',
    'status.delivered': '已送达',
    'status.dead': '死信',
    'status.available': '已写入伙伴的 Kafka 主题',
    'status.acknowledged': '已确认',
    'status.overdue': '确认已逾期',
    'field.title': '标题',
    'field.description': '描述',
    'field.harmDescription': '危害',
    occurredAt: '发生日期',
    total: '合计',
    surge: '激增',
    unspecified: '未指明',
    loadFailed: '加载失败',
    colon: '：',
    requestRefused: 'API 拒绝了该请求。',
    urlIgnored: '以下参数值无效，未予应用',
    multiHint: '按住 Ctrl 或 ⌘ 点击可多选；不选即为全部。',
    countryHint: 'ISO 代码，以逗号分隔，例如 US, CN',
    'dimension.harmType': '危害类型',
    'dimension.sector': '行业',
    'dimension.severity': '严重程度',
    'dimension.urgency': '紧急程度',
    'dimension.lifecycleStage': '生命周期阶段',
    'dimension.country': '国家或地区',
    'dimension.tlp': 'TLP 标记',
    'dimension.redLine': '红线',
  },
};

/** The page's own text for `key` in `lang` (the key itself when missing, so a gap shows instead of hiding). */
export function message(lang, key) {
  return MESSAGES[lang][key] ?? key;
}

/**
 * Label lookups over the GET /taxonomy vocabulary: `value(dimension, code)` and `dimension(name)` in `lang`.
 * Unknown codes are shown as they are (e.g. a code added to the API before the page knows it).
 */
export function createLabels(vocabulary, lang) {
  const terms = new Map();
  const add = (dimension, list) => {
    for (const term of list) terms.set(`${dimension}:${term.code}`, term.label[lang]);
  };
  for (const axis of vocabulary.axes) {
    terms.set(`dimension:${axis.code}`, axis.label[lang]);
    add(axis.code, [...axis.values, vocabulary.undetermined]);
  }
  add('harmType', [...vocabulary.harmTypes, vocabulary.undetermined]);
  add('sector', [...vocabulary.sectors, vocabulary.undetermined]);
  add('severity', [...vocabulary.severities, vocabulary.undetermined]);
  add('urgency', vocabulary.urgencies);
  add('lifecycleStage', [...vocabulary.lifecycleStages.paper, ...vocabulary.lifecycleStages.nist, vocabulary.undetermined]);
  add('redLine', vocabulary.redLineFlags);
  const regions = new Intl.DisplayNames([lang === 'zh' ? 'zh-Hans' : 'en'], { type: 'region', fallback: 'code' });
  return {
    value(dimension, code) {
      if (code === null || code === undefined) return '—';
      if (dimension === 'sector' && code === 'unspecified') return message(lang, 'unspecified');
      if (dimension === 'country') return /^[A-Z]{2}$/.test(code) ? `${regions.of(code)} (${code})` : code;
      return terms.get(`${dimension}:${code}`) ?? code;
    },
    dimension: (name) => terms.get(`dimension:${name}`) ?? message(lang, `dimension.${name}`),
  };
}

/**
 * The text of a failed load in `lang`: the page's framing around what the API said. When the problem names fields
 * (`error.fieldErrors`, api.js ApiError), each field with its messages, e.g. `Could not load: the API refused the
 * request. interval: the range needs about 1856 day buckets; the limit is 1000`; otherwise the error's message.
 */
export function errorText(lang, error) {
  const colon = message(lang, 'colon');
  const fields = error?.fieldErrors ?? [];
  if (!fields.length) return `${message(lang, 'loadFailed')}${colon}${error?.message ?? String(error)}`;
  const details = fields.map((item) => (item.messages.length ? `${item.field}${colon}${item.messages.join('; ')}` : item.field));
  return `${message(lang, 'loadFailed')}${colon}${message(lang, 'requestRefused')}${details.join(' · ')}`;
}

/** The notice for URL values the view did not use (view-state.js readViewState), e.g. `… to=2026-13-45`; '' for none. */
export function ignoredText(lang, ignored) {
  if (!ignored.length) return '';
  return `${message(lang, 'urlIgnored')}${message(lang, 'colon')}${ignored.map((item) => `${item.name}=${item.value}`).join(message(lang, 'listSeparator'))}`;
}
