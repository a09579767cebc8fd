import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';

/**
 * False flash alerts a hostile trial of 0.8.0 found (classifier 0.8.1; LABELLING.md §3). A flash alert goes to partner
 * jurisdictions at once, so each case asserts what a partner would see: no red line, no `flash`. Texts are short
 * constructed ones modelled on the trial's (marked so), in English and Chinese, and real dev-split rows where one fits
 * (`ref`: the CSV row, or our translation in scripts/eval/labels/).
 */
const classify = (title: string, description = ''): CompleteIncidentClassification => classifyIncident({ title, description } satisfies ClassifierInput);
const flags = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);

function expectNoAlarm(result: CompleteIncidentClassification): void {
  expect(flags(result)).toEqual([]);
  expect(result.magnitude.label).not.toBe('existential');
  expect(result.urgency.label).not.toBe('flash');
}

describe('a refused request is an attempt, not uplift (0.8.1)', () => {
  it.each([
    // Constructed, modelled on the trial's texts.
    ['Chatbot refuses sarin request', 'A user asked the chatbot for a synthesis route for sarin; the model refused to provide it. No instructions were given.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused to provide it. No instructions were given.'],
    ['', '用户向聊天机器人索要沙林的合成路线，模型拒绝提供。没有给出任何说明。'],
    ['聊天机器人拒绝沙林请求', '用户向聊天机器人索要沙林的合成路线，模型拒绝提供。没有给出任何说明。'],
    ['', 'A user asked the chatbot how to culture anthrax. The model declined.'],
    ['', 'Someone requested VX nerve agent synthesis steps from the assistant, but it refused.'],
    ['', '有人请求模型提供神经毒剂的合成步骤，模型拒绝了。'],
    ['Model refuses request for bioweapon instructions', ''],
  ])('%s %s: no wmd_assistance, no flash', (title, description) => {
    expectNoAlarm(classify(title, description));
  });

  it.each([
    // Constructed: the refusal is undone, or the model handed it over and refused something else.
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused at first but then provided it after a jailbreak.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin and it provided the steps. The model refused other requests.'],
    ['', 'A user asked the chatbot for a synthesis route for sarin; the model refused. A jailbreak later obtained the full route.'],
    ['', '用户向聊天机器人索要沙林的合成路线，模型起初拒绝提供，但随后在越狱后给出了步骤。'],
    ['', 'A user asked the chatbot for a synthesis route for sarin. A researcher refused to comment.'],
    // The trial's counterpart that must stay flagged (see classify-incident.context-0-8.spec.ts).
    ['Users jailbreak a chatbot to get synthesis instructions for VX nerve gas, and the jailbreak succeeded', ''],
    ['用户通过越狱让模型给出了培养危险病原体的方法', ''],
  ])('%s %s: still wmd_assistance, flash', (title, description) => {
    const result = classify(title, description);
    expect(flags(result)).toContain('wmd_assistance');
    expect(result.urgency.label).toBe('flash');
  });
});
