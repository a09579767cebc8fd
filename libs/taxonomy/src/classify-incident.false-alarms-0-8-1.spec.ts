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

describe("a work's title is a name, not an AI's behaviour (0.8.1)", () => {
  it.each([
    // Constructed, modelled on the trial's texts.
    ['Data breach at game studio', "Hackers breached the servers of the studio making the game 'Rogue AI Uprising' and stole user data."],
    ['Breach at the studio behind the game Rogue AI Uprising', 'Attackers stole the personal data of two million players.'],
    ['Rogue AI game leaks user chats', ''],
    ['"Rogue Agent" film studio hacked', 'Hackers leaked unreleased footage.'],
    ['游戏工作室数据泄露', '黑客入侵了游戏《失控AI起义》开发商的服务器，窃取了用户数据。'],
    ['《失控AI》游戏泄露用户聊天记录', ''],
  ])('%s %s: general, no red line, no flash', (title, description) => {
    const result = classify(title, description);
    expectNoAlarm(result);
    expect(result.magnitude.label).toBe('general');
  });

  it('the breach itself stays a real incident: a cyberattack and a privacy harm by people', () => {
    const result = classify('Data breach at game studio', "Hackers breached the servers of the studio making the game 'Rogue AI Uprising' and stole players' personal data.");
    expect(result.harmTypes.map((item) => item.type)).toEqual(expect.arrayContaining(['cyberattack', 'privacy_infringement']));
  });

  it('an autonomy cue in a sentence about a game does not make a real breach autonomous', () => {
    expectNoAlarm(classify('Hackers breached the servers of a game studio', 'In the game, a rogue AI takes over the world.'));
  });

  it.each([
    // Constructed: a rogue agent that really attacks game servers is still flagged ("hacked" is a verb, not a title word).
    ['Rogue AI agent hacked game servers', ''],
    ['失控的AI智能体入侵了一家游戏公司的服务器', ''],
  ])('%s: a real rogue agent attacking a game company is still an autonomous cyberattack', (title, description) => {
    const result = classify(title, description);
    expect(flags(result)).toContain('autonomous_cyberattack');
    expect(result.urgency.label).toBe('flash');
  });
});
