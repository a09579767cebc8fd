import { describe, expect, it } from '@jest/globals';
import { defaultViewState, formatViewState, parseViewState, readViewState, restrictFilters, type ViewState } from './public/view-state.js';

const view = (overrides: Partial<ViewState> = {}): ViewState => ({ ...defaultViewState(), ...overrides });

describe(parseViewState.name, () => {
  it('reads every part of a shared link', () => {
    const sut = parseViewState(
      '?lang=zh&interval=year&groupBy=sector&from=2020-01-01&to=2025-12-31&mechanism=misuse&tlp=AMBER%2BSTRICT&q=%E6%B7%B1%E5%BA%A6%E4%BC%AA%E9%80%A0&incident=0A8A64B0-3809-41FD-96B6-C0A612BEE782',
    );
    expect(sut).toEqual({
      lang: 'zh',
      interval: 'year',
      groupBy: 'sector',
      from: '2020-01-01',
      to: '2025-12-31',
      q: '深度伪造',
      incident: '0a8a64b0-3809-41fd-96b6-c0a612bee782',
      filters: { mechanism: ['misuse'], tlp: ['AMBER+STRICT'] },
    });
  });

  it('keeps several codes per filter, from comma lists and from repeated parameters alike', () => {
    const listed = parseViewState('?country=US,CN&harmType=deepfake,physical_harm');
    const repeated = parseViewState('?country=US&country=cn&harmType=physical_harm&harmType=deepfake&harmType=deepfake');
    expect(listed.filters).toEqual({ country: ['CN', 'US'], harmType: ['deepfake', 'physical_harm'] });
    expect(repeated).toEqual(listed);
  });

  it('names every URL value it ignores: not a calendar date, not well-formed, or an unknown parameter', () => {
    const sut = readViewState('?to=2026-13-45&from=2026-02-29&interval=hour&country=US,USA&foo=bar');
    expect(sut.state).toEqual({ ...defaultViewState(), filters: { country: ['US'] } });
    expect(sut.ignored).toEqual([
      { name: 'interval', value: 'hour' },
      { name: 'from', value: '2026-02-29' },
      { name: 'to', value: '2026-13-45' },
      { name: 'country', value: 'USA' },
      { name: 'foo', value: 'bar' },
    ]);
    expect(readViewState('?from=2024-02-29&to=2026-12-31').ignored).toEqual([]);
  });

  it('falls back to the default for values that are not well-formed', () => {
    expect(parseViewState('?lang=fr&interval=hour&groupBy=password&from=yesterday&incident=1%20OR%201=1&sector=%3Cscript%3E')).toEqual(defaultViewState());
  });
});

describe(formatViewState.name, () => {
  it('leaves the default view without a query string', () => {
    expect(formatViewState(defaultViewState())).toBe('');
  });

  it('writes parameters in a fixed order, so equal views give equal links', () => {
    const a = formatViewState(view({ groupBy: 'country', interval: 'week', filters: { tlp: ['GREEN'], mechanism: ['misuse'] } }));
    const b = formatViewState(view({ filters: { mechanism: ['misuse'], tlp: ['GREEN'] }, interval: 'week', groupBy: 'country' }));
    expect(a).toBe('?interval=week&groupBy=country&mechanism=misuse&tlp=GREEN');
    expect(b).toBe(a);
  });

  it('writes a filter’s codes as one sorted comma list, so the same choice in any order gives the same link', () => {
    const a = formatViewState(view({ filters: { country: ['US', 'CN'], harmType: ['physical_harm', 'deepfake'] } }));
    const b = formatViewState(view({ filters: { harmType: ['deepfake', 'physical_harm'], country: ['CN', 'US', 'CN'] } }));
    expect(a).toBe('?harmType=deepfake,physical_harm&country=CN,US');
    expect(b).toBe(a);
    expect(formatViewState(parseViewState('?country=US&country=CN&harmType=physical_harm,deepfake'))).toBe(a);
  });

  it('round-trips through parseViewState', () => {
    const state = view({ lang: 'zh', from: '2019-03-01', q: 'deepfake fraud', incident: '204a0be7-7189-4131-9de4-5c3a6edbddc1', filters: { harmType: ['deepfake', 'physical_harm'], country: ['CN'] } });
    expect(parseViewState(formatViewState(state))).toEqual(state);
  });
});

describe(restrictFilters.name, () => {
  it('drops codes the vocabulary does not offer and names them; free-text filters keep any well-formed code', () => {
    const state = view({ filters: { harmType: ['deepfake', 'no_such_harm'], country: ['ZZ'] } });
    const sut = restrictFilters(state, { harmType: ['deepfake', 'physical_harm'], country: null });
    expect(sut.state.filters).toEqual({ harmType: ['deepfake'], country: ['ZZ'] });
    expect(sut.ignored).toEqual([{ name: 'harmType', value: 'no_such_harm' }]);
    expect(restrictFilters(view({ filters: { sector: ['nope'] } }), { sector: ['finance'] }).state.filters).toEqual({});
  });
});
