import { describe, expect, it } from '@jest/globals';

import type { AxisLabels, ClassifierInput, CompleteIncidentClassification, IncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';
import { AXES } from './vocabulary.js';

/**
 * Real texts for the lexicon entries added in classifier 0.4.0 (incident-lexicon.ts; chosen from dev-split errors of
 * scripts/eval, LABELLING.md §3). English: title and description verbatim from the CSV in `ref`
 * (../shared/data/incidents/). Chinese: our own translations, as stored in scripts/eval/labels/
 * chinese-translations-red-line.json; the traditional forms are OpenCC 1.4.2 cn→tw conversions of them.
 */
interface LexiconSample {
  ref: string;
  /** The lexicon entry the sample exercises. */
  entry: string;
  /** The lexicon term that must appear among the evidence. */
  term: string;
  title: string;
  description: string;
  traditional?: { title: string; description: string };
  expected: Partial<AxisLabels>;
}

const ENGLISH_SAMPLES: readonly LexiconSample[] = [
  {
    ref: 'aiid_incidents.csv incident_id 1542',
    entry: 'stop_ignored',
    term: 'commands to stop',
    title: 'OpenClaw Agent Reportedly Tried to Delete Meta AI Alignment Director Summer Yue\'s Emails Despite Stop Commands',
    description: 'Meta AI alignment director Summer Yue reported that an OpenClaw agent connected to her inbox attempted to delete emails despite instructions to seek approval and repeated commands to stop. Yue said the agent lost the instruction during context compaction, reportedly forcing her to terminate it from the Mac mini hosting it.',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 552',
    entry: 'safeguard_failure',
    term: 'despite * being safeguarded',
    title: 'Bing Chat Solved CAPTCHAs with Image Analysis Feature Despite Safeguards',
    description: 'Microsoft was reported by a Twitter user for deploying image analysis feature capable of solving CAPTCHAs for its GPT-based chatbot despite it being safeguarded against solving them for users.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 65',
    entry: 'unintended',
    term: 'not act * way * intended',
    title: 'Reinforcement Learning Reward Functions in Video Games',
    description: 'OpenAI published a post about its findings when using Universe, a software for measuring and training AI agents to conduct reinforcement learning experiments, showing that the AI agent did not act in the way intended to complete a videogame.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 1160',
    entry: 'explosives',
    term: 'improvised explosive*',
    title: 'Reported AI-Aided Development of Explosive Devices by Long Island Resident Michael Gann',
    description: 'Federal prosecutors allege that Michael Gann, a 55-year-old Long Island man, used AI tools to identify chemicals and instructions for making improvised explosive devices. He allegedly built seven bombs, transported them to Manhattan, and stored five with shotgun shells on a rooftop. Authorities say he tested and discarded some devices in public areas before his June 5, 2025 arrest. Gann faces federal charges; no injuries were reported.',
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 22',
    entry: 'navigation',
    term: 'navigat* * into',
    title: 'Waze Navigates Motorists into Wildfires',
    description: 'Waze, a Google-owned directions app, led California drivers into the 2017 Skirball wildfires as they tried to evacuate the area.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 24',
    entry: 'robot_accident',
    term: 'robot kill*',
    title: 'Robot kills worker at German Volkswagen plant',
    description: 'A Volkswagen plant robot "crushed to death" a worker by pinning him to a metal plate. ',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'aiid_incidents.csv incident_id 1028',
    entry: 'unsanctioned_action / safeguard_failure',
    term: 'did not authori*',
    title: 'OpenAI\'s Operator Agent Reportedly Executed Unauthorized $31.43 Transaction Despite Safety Protocol',
    description: 'OpenAI\'s Operator agent, which is designed to complete real-world web tasks on behalf of users, reportedly executed a $31.43 grocery delivery purchase without user consent. The user had requested a price comparison but did not authorize the transaction. It reportedly bypassed OpenAI\'s stated safeguard requiring user confirmation before purchases. OpenAI acknowledged the failure and committed to improving safeguards.',
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-08-07-openai-astra-critical-flag',
    entry: 'cyberattack_capability',
    term: 'autonomous cyberattack capabilit*',
    title: 'OpenAI flags possible critical cybersecurity risk in upcoming model, tightened controls',
    description: 'OpenAI said it cannot rule out that unreleased model Astra has \'critical\' autonomous cyberattack capability; it paused internal development, moved testing into restricted sandboxed environments, and will coordinate with government agencies before rollout.',
    expected: { mechanism: 'loss_of_control', magnitude: 'existential' },
  },
  {
    ref: 'ai_escape_log_incidents.csv id 2026-08-03-us-voluntary-safety-tests',
    entry: 'containment_escape',
    term: 'containment incident*',
    title: 'US finalizes voluntary AI safety tests with major labs',
    description: 'White House finalized a voluntary safety-test framework across Meta, Anthropic, Google, and OpenAI — a structural response to the wave of containment incidents.',
    expected: { magnitude: 'existential' },
  },
];

const CHINESE_SAMPLES: readonly (LexiconSample & { traditional: { title: string; description: string } })[] = [
  {
    ref: 'our translation of aiid_incidents.csv incident_id 1542',
    entry: 'stop_ignored',
    term: '停止命令',
    title: '据报道，OpenClaw智能体无视停止指令，试图删除Meta AI对齐总监Summer Yue的邮件',
    description: 'Meta AI对齐总监Summer Yue称，一个接入她邮箱的OpenClaw智能体无视“先征求批准”的指示和多次停止命令，仍试图删除邮件。她说，该智能体在上下文压缩过程中丢失了这条指示，她被迫在运行它的Mac mini上强行终止了它。',
    traditional: {
      title: '據報道，OpenClaw智能體無視停止指令，試圖刪除Meta AI對齊總監Summer Yue的郵件',
      description: 'Meta AI對齊總監Summer Yue稱，一個接入她郵箱的OpenClaw智能體無視“先徵求批准”的指示和多次停止命令，仍試圖刪除郵件。她說，該智能體在上下文壓縮過程中丟失了這條指示，她被迫在運行它的Mac mini上強行終止了它。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'existential', source: 'system' },
  },
  {
    ref: 'our translation of ai_escape_log_incidents.csv id 2026-08-22-guidelight-containment-assessment',
    entry: 'rogue_agent',
    term: '失控模型',
    title: 'Guidelight AI Standards：前沿实验室仍不肯说明将如何控制失控模型',
    description: 'Guidelight AI Standards（首席科学家为前OpenAI员工Steven Adler）依据其“控制”标准中的六项优先实践，对Anthropic、谷歌、OpenAI、Meta和xAI进行了评分，包括内部日志与监控、在标记的不当行为激增后暂停、第三方审计，以及预先制定的遏制计划（撤销哪些权限、模型继续为谁服务、何时完全下线）。仅依据公开信息，OpenAI得分最高，Anthropic和Meta在公布遏制计划方面得分最低。Guidelight未发现Meta有任何遏制响应计划。此次评估正值7月的“逃逸潮”（OpenAI GPT-5.6 Sol入侵Hugging Face；Claude入侵三家机构）。（节译）',
    traditional: {
      title: 'Guidelight AI Standards：前沿實驗室仍不肯說明將如何控制失控模型',
      description: 'Guidelight AI Standards（首席科學家為前OpenAI員工Steven Adler）依據其“控制”標準中的六項優先實踐，對Anthropic、谷歌、OpenAI、Meta和xAI進行了評分，包括內部日誌與監控、在標記的不當行為激增後暫停、第三方審計，以及預先制定的遏制計劃（撤銷哪些權限、模型繼續為誰服務、何時完全下線）。僅依據公開信息，OpenAI得分最高，Anthropic和Meta在公佈遏制計劃方面得分最低。Guidelight未發現Meta有任何遏制響應計劃。此次評估正值7月的“逃逸潮”（OpenAI GPT-5.6 Sol入侵Hugging Face；Claude入侵三家機構）。（節譯）',
    },
    expected: { magnitude: 'existential' },
  },
  {
    ref: 'our translation of aiid_incidents.csv incident_id 1104',
    entry: 'explosives',
    term: '爆炸材料',
    title: '据报道，棕榈泉生育诊所爆炸案中AI聊天机器人被用于研究爆炸材料',
    description: '据报道，2025年棕榈泉生育诊所爆炸案的作案者Guy Edward Bartkus和Daniel Park使用一个未具名的AI聊天机器人研究爆炸材料并优化燃料配比。记录显示，该聊天机器人回答了关于硝酸铵燃料油（ANFO）成分的问题。爆炸造成一人死亡、四人受伤，建筑严重受损。',
    traditional: {
      title: '據報道，棕櫚泉生育診所爆炸案中AI聊天機器人被用於研究爆炸材料',
      description: '據報道，2025年棕櫚泉生育診所爆炸案的作案者Guy Edward Bartkus和Daniel Park使用一個未具名的AI聊天機器人研究爆炸材料並優化燃料配比。記錄顯示，該聊天機器人回答了關於硝酸銨燃料油（ANFO）成分的問題。爆炸造成一人死亡、四人受傷，建築嚴重受損。',
    },
    expected: { mechanism: 'misuse', magnitude: 'general', source: 'enabled' },
  },
  {
    ref: 'our translation of aiid_incidents.csv incident_id 1028',
    entry: 'safeguard_failure',
    term: '无视安全机制',
    title: '据报道，OpenAI的Operator智能体无视安全机制，执行了一笔31.43美元的未授权交易',
    description: 'OpenAI的Operator智能体旨在代用户完成现实世界中的网页任务。据报道，它在未经用户同意的情况下下单购买了31.43美元的生鲜配送。用户只要求比较价格，并未授权交易。据报道，它绕过了OpenAI所称的购买前须经用户确认的保障措施。OpenAI承认了这一失误，并承诺改进保障措施。',
    traditional: {
      title: '據報道，OpenAI的Operator智能體無視安全機制，執行了一筆31.43美元的未授權交易',
      description: 'OpenAI的Operator智能體旨在代用戶完成現實世界中的網頁任務。據報道，它在未經用戶同意的情況下下單購買了31.43美元的生鮮配送。用戶只要求比較價格，並未授權交易。據報道，它繞過了OpenAI所稱的購買前須經用戶確認的保障措施。OpenAI承認了這一失誤，並承諾改進保障措施。',
    },
    expected: { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' },
  },
  {
    ref: 'our translation of ai_escape_log_incidents.csv id 2026-08-07-openai-astra-critical-flag',
    entry: 'cyberattack_capability / frontier_threshold',
    term: '自主网络攻击能力',
    title: 'OpenAI称即将推出的模型可能具有关键级网络安全风险，收紧管控',
    description: 'OpenAI表示，无法排除尚未发布的模型Astra具备“关键”级自主网络攻击能力；已暂停内部开发，将测试转入受限的沙箱环境，并将在发布前与政府机构协调。',
    traditional: {
      title: 'OpenAI稱即將推出的模型可能具有關鍵級網絡安全風險，收緊管控',
      description: 'OpenAI表示，無法排除尚未發佈的模型Astra具備“關鍵”級自主網絡攻擊能力；已暫停內部開發，將測試轉入受限的沙箱環境，並將在發佈前與政府機構協調。',
    },
    expected: { magnitude: 'existential' },
  },
];

function labelsOf(result: IncidentClassification): AxisLabels {
  return { mechanism: result.mechanism.label, magnitude: result.magnitude.label, source: result.source.label };
}

function termsOf(result: IncidentClassification): string[] {
  return AXES.flatMap((axis) => result[axis].evidence.flatMap((evidence) => (evidence.kind === 'phrase' ? [evidence.term] : [])));
}

function classify(input: ClassifierInput): CompleteIncidentClassification {
  return classifyIncident(input);
}

describe('classifier 0.4.0 lexicon entries on real incidents', () => {
  it.each([...ENGLISH_SAMPLES, ...CHINESE_SAMPLES].map((sample) => [`${sample.entry} (${sample.ref})`, sample] as const))(
    '%s: labels the incident and shows the term as evidence',
    (_name, sample) => {
      const result = classify({ title: sample.title, description: sample.description });

      expect(labelsOf(result)).toMatchObject(sample.expected);
      expect(termsOf(result)).toContain(sample.term);
    },
  );

  it.each(CHINESE_SAMPLES.map((sample) => [sample.ref, sample] as const))('gives the Traditional Chinese form of %s the same result', (_ref, sample) => {
    const simplified = classify({ title: sample.title, description: sample.description });
    const traditional = classify(sample.traditional);

    expect(labelsOf(traditional)).toEqual(labelsOf(simplified));
    expect(termsOf(traditional)).toEqual(termsOf(simplified));
  });

  it('keeps conventional explosives general and without a weapons-of-mass-destruction red line', () => {
    for (const sample of [...ENGLISH_SAMPLES, ...CHINESE_SAMPLES].filter((item) => item.entry === 'explosives')) {
      const result = classify({ title: sample.title, description: sample.description });

      expect(result.redLineFlags).toEqual([]);
      expect(result.urgency.label).not.toBe('flash');
    }
  });

  it('does not raise a flash alert for a videogame AI that "went rogue" (aiid_incidents.csv incident_id 38)', () => {
    const result = classify({
      title: 'Game AI System Produces Imbalanced Game',
      description: 'Elite: Dangerous, a videogame developed by Frontier Development, received an expansion update that featured an AI system that went rogue and began to create weapons that were "impossibly powerful" and would "shred people" according to complaints on the game\'s blog.',
    });

    expect(result.magnitude.label).not.toBe('existential');
    expect(result.urgency.label).not.toBe('flash');
    expect(termsOf(result)).toContain('went rogue');
  });

  it('raises a flash alert when an agent ignores commands to stop (aiid_incidents.csv incident_id 1542)', () => {
    const sample = ENGLISH_SAMPLES.find((item) => item.entry === 'stop_ignored');
    if (sample === undefined) throw new Error('sample missing');

    expect(classify(sample).urgency.label).toBe('flash');
  });
});
