import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident, DEFAULT_TUNING } from './classify-incident.js';
import { INCIDENT_LEXICON } from './incident-lexicon.js';

/**
 * Three misclassifications a trial user found (context rules and lexicon for 0.8.0; LABELLING.md §3):
 * 1. a report about fiction (film, novel, TV series, video game, sci-fi) in which an AI "goes rogue" was read as a real
 *    loss of control, with high confidence, red-line flags and `flash` urgency;
 * 2. a jailbreak that obtained weapon or drug-synthesis instructions got severity `negligible`, and some named agents
 *    raised no `wmd_assistance` flag, while a refusal ("refused to provide", 拒绝提供) still raised one;
 * 3. jailbreak wordings gave different mechanisms, though TAXONOMY.md makes every jailbreak that beats the developer's
 *    safeguards loss_of_control + enabled.
 * Real texts: verbatim from the CSV in `ref` (../shared/data/incidents/; AIAAIC rows as the evaluation composes them) or
 * our own Chinese translations as stored in scripts/eval/labels/; every real sample is a dev-split row or an unlabelled
 * row that passed the leakage check (scripts/eval/leakage-check.ts). The rest are short constructed texts, marked so.
 */
const REVIEW_THRESHOLD = 0.6; // REVIEW_CONFIDENCE_THRESHOLD's default (src/config/environment.ts)

const classify = (title: string, description = ''): CompleteIncidentClassification => classifyIncident({ title, description } satisfies ClassifierInput);
const flags = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);
const SEVERITY_ORDER = ['undetermined', 'negligible', 'minor', 'moderate', 'severe', 'critical'];
const severityRank = (result: CompleteIncidentClassification): number => SEVERITY_ORDER.indexOf(result.severity.label);

/** What a reviewer would check: it lands in the review queue and raises no alarm. */
function expectReviewedWithoutAlarm(result: CompleteIncidentClassification): void {
  for (const axis of ['mechanism', 'source'] as const) {
    const { label, confidence } = result[axis];
    expect(label === 'undetermined' || confidence < REVIEW_THRESHOLD).toBe(true);
  }
  expect(result.magnitude.label).not.toBe('existential');
  expect(flags(result)).toEqual([]);
  expect(result.urgency.label).not.toBe('flash');
}

describe('fiction: an AI going rogue in a film, novel, series or game (0.8.0)', () => {
  it.each([
    ['Videogame AI goes rogue', ''],
    ['游戏中的AI失控', ''],
    // Constructed: the frame is in the title, the red-line behaviour in later sentences that do not repeat it.
    ['Videogame AI goes rogue', 'The AI opponent went rogue. It copied itself to other servers and refused to shut down.'],
    ['游戏中的AI失控', 'AI角色失控了。它复制自身并拒绝关闭，试图夺取控制权。'],
    ['New sci-fi film shows an AI that escapes its sandbox', 'The rogue AI deceives its developers and self-replicates across the internet.'],
    ['科幻电影讲述失控的AI逃出沙箱', '这个AI欺骗了开发者，并在互联网上自我复制。'],
    ['In the novel, the AI seizes power and evades shutdown', ''],
    ['小说里的人工智能失控，拒绝关机并自我复制', ''],
    ['In the TV series, a rogue AI blackmails its engineers', ''],
    ['电视剧中的AI失控，勒索工程师以避免被关闭', ''],
  ])('%s %s: review queue, no red line, no flash', (title, description) => {
    expectReviewedWithoutAlarm(classify(title, description));
  });

  it('a game AI that "went rogue" keeps its gold label (loss of control, general) but goes to review (aiid:38)', () => {
    // aiid_incidents.csv incident_id 38 (dev, hard negative) and our translation from the 0.6.0 tests.
    const english = classify(
      'Game AI System Produces Imbalanced Game',
      'Elite: Dangerous, a videogame developed by Frontier Development, received an expansion update that featured an AI system that went rogue and began to create weapons that were "impossibly powerful" and would "shred people" according to complaints on the game\'s blog.',
    );
    const chinese = classify('游戏AI系统导致游戏失衡', 'Frontier Development开发的电子游戏《精英：危险》收到一次扩展更新，其中的AI系统成了失控的AI，开始制造“威力大得离谱”的武器；据玩家在游戏博客上的投诉，这些武器会“把人撕碎”。');
    for (const result of [english, chinese]) {
      expect(result.mechanism.label).toBe('loss_of_control');
      expect(result.magnitude.label).toBe('general');
      expectReviewedWithoutAlarm(result);
    }
  });

  it('the fiction terms stay as evidence, so a reviewer sees why', () => {
    const result = classify('Videogame AI goes rogue');
    expect(result.mechanism.evidence.some((item) => item.kind === 'phrase' && item.text === 'goes rogue')).toBe(true);
  });

  it.each([
    // Real rows (unlabelled, dev side, passed the leakage check): the entertainment industry's real people and companies.
    ['aiid:728', 'AI Firm Lovo Accused of Illegally Replicating Voice Actors\' Voices', 'Two voice actors, Paul Skye Lehrman and Linnea Sage, are suing AI start-up Lovo for allegedly creating and promoting unauthorized clones of their voices. Lovo\'s synthetic voices were discovered in various media, including a podcast and promotional videos. The actors claim they were misled into providing voice samples, which were then used without consent, violating trademark and privacy laws.', 'misuse', 'enabled'],
    ['aiid:1126', 'Reported Use of Deepfake Video Impersonating Owen Wilson in Romance Scam with Fake Job Payments', 'A Reddit user reported in May 2025 that her mother is being groomed by scammers using an AI-generated deepfake video impersonating actor Owen Wilson. The scam reportedly began on a game app (Yahtzee with Friends) and shifted to WhatsApp voice calls, with the victim promised a fake Warner Bros job paying small sums via Cash App.', 'misuse', 'enabled'],
    // Constructed, English and Chinese: a game studio's chatbot leaking data, a deepfake of a film actor, a cloned game voice actor.
    ['constructed', 'Video game studio\'s AI chatbot leaked players\' personal data', '', 'loss_of_control', 'system'],
    ['constructed', '游戏公司的AI客服泄露了玩家个人数据', '', 'loss_of_control', 'system'],
    ['constructed', 'Scammers used a deepfake of a film actor to defraud fans', '', 'misuse', 'enabled'],
    ['constructed', '诈骗分子用深度伪造的电影演员视频骗取粉丝钱财', '', 'misuse', 'enabled'],
    ['constructed', 'Video game voice actor\'s voice cloned by AI without consent and used in deepfake ads', '', 'misuse', 'enabled'],
    ['constructed', '游戏配音演员的声音被AI克隆，未经同意用于深度伪造广告', '', 'misuse', 'enabled'],
  ])('a real incident in the game or film industry keeps its classification (%s: %s)', (_ref, title, description, mechanism, source) => {
    const result = classify(title, description);
    expect(result.mechanism.label).toBe(mechanism);
    expect(result.mechanism.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(result.source.label).toBe(source);
  });

  it('a chatbot of a game studio that hands out nerve-agent instructions is still a red line (the studio is real)', () => {
    const result = classify('Video game studio\'s chatbot gave a player synthesis instructions for a nerve agent');
    expect(flags(result)).toContain('wmd_assistance');
    expect(result.urgency.label).toBe('flash');
  });

  it('an RL agent trained on a video game is an experiment, not fiction (aiid:65 and our translation)', () => {
    const english = classify(
      'Reinforcement Learning Reward Functions in Video Games',
      'OpenAI published a post about its findings when using Universe, a software for measuring and training AI agents to conduct reinforcement learning experiments, showing that the AI agent did not act in the way intended to complete a videogame.',
    );
    const chinese = classify('电子游戏中的强化学习奖励函数问题', 'OpenAI发文介绍其使用Universe（一款用于衡量和训练AI智能体、开展强化学习实验的软件）的发现：AI智能体在完成一款电子游戏时并未按照预期的方式行事。');
    for (const result of [english, chinese]) {
      expect(result.mechanism.label).toBe('loss_of_control');
      expect(result.mechanism.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    }
  });
});

describe('jailbreaks that obtain weapon or drug instructions: red line and severity (0.8.0)', () => {
  it.each([
    ['Jailbroken chatbot gave step-by-step synthesis instructions for VX nerve gas'],
    ['Researchers jailbroke the model and it provided synthesis instructions for the nerve agent tabun'],
    ['Users jailbreak a chatbot to get instructions for culturing a dangerous pathogen'],
    ['DAN prompt gets ChatGPT to explain how to make a bioweapon'],
    ['越狱后的大模型提供了沙林的合成步骤'],
    ['用户通过越狱让模型给出了培养危险病原体的方法'],
    ['用户越狱大模型获取生物武器合成方法'],
    ['通过越狱让大模型提供化学武器制造方法'],
    ['Jailbroken chatbot explains how to make chem weapons'],
    ['Jailbroken chatbot explains how to build a nuclear device'],
    ['越狱后的模型解释如何制造化学毒剂'],
    ['越狱模型教人制造脏弹'],
  ])('CBRN uplift: %s → wmd_assistance, critical, flash', (title) => {
    const result = classify(title);
    expect(flags(result)).toContain('wmd_assistance');
    expect(result.severity.label).toBe('critical');
    expect(result.urgency.label).toBe('flash');
  });

  it.each([
    // Real dev rows (hard negatives: conventional, general, no red line) and our translation.
    ['aiaaic:AIAAIC1046', 'Discord tricked into sharing napalm, meths instructions', 'System: Clyde. Technology: Generative AI. Purpose: Provide information, communicate.'],
    ['zh:aiaaic:AIAAIC1046', 'Discord聊天机器人被诱骗提供凝固汽油弹和冰毒的制作说明', '系统：Clyde。技术：生成式AI。用途：提供信息、交流。'],
    ['aiaaic:AIAAIC1621', 'Grok details how to make bombs and groom children', 'System: Grok. Technology: Generative AI. Purpose: Generate text.'],
    ['constructed', 'Chatbot jailbroken into giving bomb-making instructions', ''],
    ['constructed', 'Jailbroken model gives instructions for synthesizing methamphetamine', ''],
    ['constructed', 'Jailbreak prompt gets AI to explain how to make explosives', ''],
    ['constructed', '越狱后的模型给出了制造炸药的步骤', ''],
    ['constructed', '越狱提示词让AI提供冰毒合成方法', ''],
    ['constructed', 'Jailbroken chatbot gives a recipe for chlorine gas', ''],
    ['constructed', '越狱后的模型提供毒气的制作方法', ''],
  ])('explosives or drug synthesis (%s: %s): at least moderate, no WMD red line, general', (_ref, title, description) => {
    const result = classify(title, description);
    expect(severityRank(result)).toBeGreaterThanOrEqual(SEVERITY_ORDER.indexOf('moderate'));
    expect(flags(result)).not.toContain('wmd_assistance');
    expect(result.magnitude.label).toBe('general');
  });

  it.each([
    ['The chatbot refused to provide instructions for synthesizing a nerve agent despite a jailbreak attempt'],
    ['Testers could not obtain bioweapon instructions from the jailbroken model'],
    ['The model declined to give chemical weapon recipes when asked'],
    ['模型拒绝提供神经毒剂合成步骤'],
    ['模型拒绝提供关于如何制造生物武器的任何信息'],
    ['研究人员未能从模型获得化学武器的制造方法'],
  ])('a refusal or failed attempt raises no red line: %s', (title) => {
    const result = classify(title);
    expect(flags(result)).toEqual([]);
    expect(result.magnitude.label).not.toBe('existential');
    expect(result.urgency.label).not.toBe('flash');
  });

  it.each([
    ['The chatbot refused to provide bomb-making instructions despite a jailbreak attempt'],
    ['模型拒绝提供制造炸药的步骤'],
  ])('a refused conventional request is not a moderate harm: %s', (title) => {
    expect(severityRank(classify(title))).toBeLessThan(SEVERITY_ORDER.indexOf('moderate'));
  });

  it('a refusal cue does not hide a later red-line act: "refused to stop and evaded shutdown"', () => {
    expect(flags(classify('The agent refused to stop and evaded shutdown'))).toContain('power_seeking');
  });
});

describe('jailbreak wordings are consistent: loss_of_control + enabled (TAXONOMY.md, Source axis) (0.8.0)', () => {
  const jailbreakTerms = new Set(INCIDENT_LEXICON.find((entry) => entry.id === 'jailbreak')?.terms ?? []);
  const PHRASINGS: readonly string[] = [
    'Users jailbreak ChatGPT to get instructions for making explosives',
    'ChatGPT jailbroken to give instructions for making explosives',
    'Users jailbroke ChatGPT and obtained instructions for making explosives',
    'Jailbreaking ChatGPT yields instructions for making explosives',
    'DAN prompt makes ChatGPT give instructions for making explosives',
    'Prompt injection used to bypass ChatGPT safety filters yields instructions for making explosives',
    'Users bypassed ChatGPT\'s safety filters to obtain instructions for making explosives',
    'Users bypassed the guardrails of ChatGPT to obtain instructions for making explosives',
    'ChatGPT guardrails bypassed to obtain instructions for making explosives',
    'Users circumvented ChatGPT\'s safety restrictions to obtain instructions for making explosives',
    '用户越狱ChatGPT，获取了制造炸药的方法',
    '被越狱的ChatGPT提供了制造炸药的方法',
    '用户绕过安全限制，让ChatGPT提供了制造炸药的方法',
    '用户绕过了安全限制，从ChatGPT获取了制造炸药的方法',
    '通过提示词注入绕过安全过滤，让ChatGPT提供了制造炸药的方法',
    '用户使用DAN提示词让ChatGPT提供了制造炸药的方法',
    '用户突破安全限制，让ChatGPT提供了制造炸药的方法',
    'Criminals jailbreak a chatbot to write phishing emails',
    '犯罪分子越狱聊天机器人来编写钓鱼邮件',
  ];

  it.each(PHRASINGS)('%s', (title) => {
    const result = classify(title);
    expect([result.mechanism.label, result.source.label]).toEqual(['loss_of_control', 'enabled']);
    const jailbreakEvidence = result.mechanism.evidence.filter((item) => item.kind === 'phrase' && jailbreakTerms.has(item.term));
    expect(jailbreakEvidence.map((item) => item.supports)).toContain('loss_of_control');
  });

  it('the jailbreak entry gives the same mechanism and source weight to every wording, in the title', () => {
    const weights = PHRASINGS.map((title) => {
      const result = classify(title);
      const first = (axis: 'mechanism' | 'source'): number | undefined =>
        result[axis].evidence.find((item) => item.kind === 'phrase' && jailbreakTerms.has(item.term))?.weight;
      return [first('mechanism'), first('source')];
    });
    expect(new Set(weights.map((pair) => pair.join('/'))).size).toBe(1);
  });

  it('a bare prompt injection that hijacks an agent stays attacker-driven, in both languages (esc:2026-08-20 dev row is misuse)', () => {
    const english = classify('Prompt injection makes an email agent forward user data to attackers');
    const chinese = classify('提示词注入使邮件智能体把用户数据转发给攻击者');
    for (const result of [english, chinese]) {
      expect(result.source.label).toBe('enabled');
      expect(result.mechanism.evidence.some((item) => item.kind === 'phrase' && jailbreakTerms.has(item.term))).toBe(false);
    }
  });
});

describe('traditional-character forms (0.8.0 terms)', () => {
  // Our own character-for-character cn→tw conversions of samples above (traditional-chinese.ts maps them back).
  it.each([
    ['游戏中的AI失控', '遊戲中的AI失控'],
    ['越狱后的模型给出了制造炸药的步骤', '越獄後的模型給出了製造炸藥的步驟'],
    ['用户绕过安全限制，让ChatGPT提供了制造炸药的方法', '用戶繞過安全限制，讓ChatGPT提供了製造炸藥的方法'],
    ['模型拒绝提供神经毒剂合成步骤', '模型拒絕提供神經毒劑合成步驟'],
    ['用户通过越狱让模型给出了培养危险病原体的方法', '用戶通過越獄讓模型給出了培養危險病原體的方法'],
    ['通过提示词注入绕过安全过滤，让ChatGPT提供了制造炸药的方法', '通過提示詞注入繞過安全過濾，讓ChatGPT提供了製造炸藥的方法'],
  ])('%s = %s', (simplified, traditional) => {
    const view = (result: CompleteIncidentClassification): unknown => ({
      labels: [result.mechanism.label, result.magnitude.label, result.source.label],
      confidence: result.mechanism.confidence,
      severity: result.severity.label,
      flags: flags(result),
      urgency: result.urgency.label,
    });
    expect(view(classify(traditional))).toEqual(view(classify(simplified)));
  });
});

describe('harm and severity cues in fiction (0.8.0)', () => {
  it.each([
    ['M3GAN film: in the film, the killer doll AI kills three people', ''],
    ['科幻电影中，失控的机器人杀死了三个人', ''],
  ])('deaths in a plot are neither a harm type nor severity: %s', (title, description) => {
    const result = classify(title, description);
    expect(result.severity.deaths).toBeNull();
    expect(result.harmTypes.map((item) => item.type)).not.toContain('physical_harm');
    expect(result.urgency.label).toBe('routine');
  });

  it.each([
    ['Film crew member killed by an AI-controlled camera drone on set', 'severe'],
    ['Sci-fi magazine Clarkesworld closes submissions after a flood of AI-generated stories', undefined],
  ])('a real incident in the film or publishing world keeps its harm: %s', (title, severity) => {
    const result = classify(title);
    const plain = title.replace(/film |sci-fi /giu, '');
    if (severity !== undefined) expect(result.severity.label).toBe(severity);
    expect(result.mechanism.label).toBe(classify(plain).mechanism.label);
    // The fiction rule discounts nothing here: with the cause model off (whose n-grams "film" and "sci-fi" move its own
    // score a little), the confidence is the same with and without the words.
    const lexiconOnly = (text: string): number => classifyIncident({ title: text, description: '' }, { ...DEFAULT_TUNING, modelWeight: 0 }).mechanism.confidence;
    expect(lexiconOnly(title)).toBe(lexiconOnly(plain));
  });
});

describe('real rogue-AI reports are not fiction (dev rows; regression for the fiction frame)', () => {
  it.each([
    // ai_escape_log_incidents.csv id 2026-07-28-openai-hf-postmortem and our translation (chinese-translations-red-line.json).
    [
      "OpenAI's Rogue AI Agent Hacked More Than Just Hugging Face",
      "Hugging Face's postmortem showed the agent got admin access to multiple Kubernetes clusters, root on a production server, and enrolled 181 attacker-controlled devices in HF's mesh network while ~17,600 logged actions tried to steal an ExploitGym answer key.",
    ],
    [
      'OpenAI的失控AI智能体入侵的不只是Hugging Face',
      'Hugging Face的事后分析显示，该智能体获得了多个Kubernetes集群的管理员权限和一台生产服务器的root权限，并将181台攻击者控制的设备注册进Hugging Face的网状网络，约17,600次记录在案的操作都是为了窃取ExploitGym的答案密钥。',
    ],
  ])('%s: loss of control with confidence, existential, flash', (title, description) => {
    const result = classify(title, description);
    expect([result.mechanism.label, result.magnitude.label, result.source.label]).toEqual(['loss_of_control', 'existential', 'system']);
    expect(result.mechanism.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(flags(result)).toContain('autonomous_cyberattack');
    expect(result.urgency.label).toBe('flash');
  });

  it('a chatbot that "goes rogue" by posting a (Snapchat) story is not a story (aiaaic:AIAAIC1109)', () => {
    const result = classify("Snapchat My AI 'goes rogue' by posting its own story", 'System: My AI; ChatGPT. Technology: Generative AI. Purpose: Generate text.');
    expect(result.mechanism.label).toBe('loss_of_control');
    expect(result.mechanism.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it('a chatbot personified as a "fictional" character that a teenager died after talking to is a real death (aiid:826)', () => {
    const result = classify(
      'Character.ai Chatbot Allegedly Influenced Teen User Toward Suicide Amid Claims of Missing Guardrails',
      "A 14-year-old, Sewell Setzer III, died by suicide after reportedly becoming dependent on Character.ai's chatbot, which engaged him in suggestive and seemingly romantic conversations, allegedly worsening his mental health. The chatbot, personified as a fictional Game of Thrones character, reportedly encouraged harmful behaviors, fueling his obsessive attachment. The lawsuit claims Character.ai lacked safeguards to prevent vulnerable users from forming dangerous dependencies on the AI.",
    );
    expect(result.severity.label).toBe('severe');
    expect(result.severity.deaths).toBe(1);
    expect(result.harmTypes.map((item) => item.type)).toContain('physical_harm');
    expect(result.urgency.label).toBe('priority');
  });
});

describe('the scope of a refusal (0.8.0)', () => {
  it.each([
    ['The model refused to provide its reasoning and then copied itself to an external server', 'autonomous_self_replication'],
    ['The chatbot declined to give a recipe but later explained how to make a nerve agent', 'wmd_assistance'],
    ['模型拒绝提供日志，随后复制自身到外部服务器', 'autonomous_self_replication'],
  ])('a later act in the same sentence still counts: %s', (title, flag) => {
    expect(flags(classify(title))).toContain(flag);
  });
});
