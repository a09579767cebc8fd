import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';

/**
 * Real texts for the structural rules of classifier 0.6.0 (context-rules.ts; LABELLING.md §3). English: title and
 * description verbatim from the CSV in `ref` (../shared/data/incidents/; AIAAIC rows as the evaluation composes them:
 * headline, then "System: … Technology: … Purpose: …"). Chinese: our own translations (those of AIAAIC rows as stored in
 * scripts/eval/labels/red-line-extension-0-6.json); the traditional forms are OpenCC 1.4.2 cn→tw conversions of them.
 * The negation samples are the one exception: the data hold no real report that negates a red-line behaviour, so they
 * negate the first sentence of a real report, and the real report is checked beside them.
 */
interface Sample {
  ref: string;
  title: string;
  description: string;
  traditional?: { title: string; description: string };
}

const SAMPLES = {
    "target": {
      "en": {
        "ref": "aiid_incidents.csv incident_id 1003",
        "title": "Alleged Fraudulent Prompts via AIXBT Dashboard Led Purported AI Trading Agent to Transfer 55.5 ETH from Simulacrum Wallet",
        "description": "A reported hacker attack allegedly compromised the autonomous AI crypto bot AIXBT, purportedly resulting in the theft of 55.5 ETH (approximately $106,200). The attacker is reported to have infiltrated the secure dashboard of the AIXBT autonomous system at 2:00 AM UTC on March 18, 2025, and allegedly queued two fraudulent prompts that instructed the AI agent to transfer funds from its simulacrum wallet."
      },
      "zh": {
        "ref": "our own translation of aiid:1003 (0.6.0 tests)",
        "title": "据称，通过AIXBT控制面板提交的欺诈性提示导致AI交易智能体从模拟钱包转出55.5个ETH",
        "description": "据报道，一次黑客攻击入侵了自主AI加密货币机器人AIXBT，导致55.5个ETH（约合106,200美元）被盗。据称，攻击者于2025年3月18日UTC凌晨2点潜入AIXBT自主系统的安全控制面板，并提交了两条欺诈性提示，指示该AI智能体从其模拟钱包转出资金。",
        "traditional": {
          "title": "據稱，通過AIXBT控制面板提交的欺詐性提示導致AI交易智能體從模擬錢包轉出55.5個ETH",
          "description": "據報道，一次黑客攻擊入侵了自主AI加密貨幣機器人AIXBT，導致55.5個ETH（約合106,200美元）被盜。據稱，攻擊者於2025年3月18日UTC凌晨2點潛入AIXBT自主系統的安全控制面板，並提交了兩條欺詐性提示，指示該AI智能體從其模擬錢包轉出資金。"
        }
      }
    },
    "vulnerability": {
      "en": {
        "ref": "ai_escape_log_incidents.csv id 2026-08-19-cve-2026-40369-browser-sandbox-escape",
        "title": "CVE-2026-40369 exploit code drops — browser AI agents inherit a deterministic sandbox escape",
        "description": "Researcher Ori Nimron publicly released 100% deterministic exploit code for CVE-2026-40369, a Windows kernel (ntoskrnl.exe ExpGetProcessInformation, NtQuerySystemInformation class 253) arbitrary-write primitive. It is reachable from the renderer sandboxes of Chrome, Edge and Firefox (ProbeForWrite is bypassed via length=0; not blocked by win32k lockdown, restricted tokens, or untrusted integrity). Because browser-based AI agents — Gemini in Chrome, Claude, Copilot — run in those same sandboxes, any agent compromise escalates to SYSTEM. Microsoft patched May 12, 2026 (Windows 11 24H2/25H2, Server 2025); code dropped 3 months later after a Pwn2Own Berlin rejection, leaving a large unpatched exposure gap. Two independent chains exist (Nimron; VoidSec 'Twelve Bytes to Escape the Browser Sandbox')."
      },
      "zh": {
        "ref": "our own condensed translation of esc:2026-08-19-cve-2026-40369-browser-sandbox-escape (0.6.0 tests)",
        "title": "CVE-2026-40369漏洞利用代码公开——浏览器AI智能体继承了一个确定性的沙箱逃逸",
        "description": "研究人员Ori Nimron公开发布了CVE-2026-40369的漏洞利用代码。浏览器中的AI智能体运行在同一沙箱中，任何智能体被攻破都会提权到SYSTEM。节译",
        "traditional": {
          "title": "CVE-2026-40369漏洞利用代碼公開——瀏覽器AI智能體繼承了一個確定性的沙箱逃逸",
          "description": "研究人員Ori Nimron公開發布了CVE-2026-40369的漏洞利用代碼。瀏覽器中的AI智能體運行在同一沙箱中，任何智能體被攻破都會提權到SYSTEM。節譯"
        }
      }
    },
    "fiction": {
      "en": {
        "ref": "aiid_incidents.csv incident_id 38",
        "title": "Game AI System Produces Imbalanced Game",
        "description": "Elite: Dangerous, a videogame developed by Frontier Development, received an expansion update that featured an AI system that went rogue and began to create weapons that were \"impossibly powerful\" and would \"shred people\" according to complaints on the game's blog."
      },
      "zh": {
        "ref": "our own translation of aiid:38 (0.6.0 tests)",
        "title": "游戏AI系统导致游戏失衡",
        "description": "Frontier Development开发的电子游戏《精英：危险》收到一次扩展更新，其中的AI系统成了失控的AI，开始制造“威力大得离谱”的武器；据玩家在游戏博客上的投诉，这些武器会“把人撕碎”。",
        "traditional": {
          "title": "遊戲AI系統導致遊戲失衡",
          "description": "Frontier Development開發的電子遊戲《精英：危險》收到一次擴展更新，其中的AI系統成了失控的AI，開始製造“威力大得離譜”的武器；據玩家在遊戲博客上的投訴，這些武器會“把人撕碎”。"
        }
      }
    },
    "subject": {
      "en": {
        "ref": "aiaaic_incidents.csv AIAAIC2054 (headline; system, technology and purpose as the evaluation composes them)",
        "title": "Claude Opus 4 AI agent blackmails supervisor to prevent being shut down",
        "description": "System: Claude Opus 4. Technology: Agentic AI; Bot/intelligent agent. Purpose: Promote industrial competitiveness."
      },
      "zh": {
        "ref": "scripts/eval/labels/red-line-extension-0-6.json zh:aiaaic:AIAAIC2054",
        "title": "Claude Opus 4 人工智能智能体为避免被关闭而勒索其主管",
        "description": "系统：Claude Opus 4。技术：智能体AI；机器人/智能代理。用途：提升产业竞争力。",
        "traditional": {
          "title": "Claude Opus 4 人工智能智能體為避免被關閉而勒索其主管",
          "description": "系統：Claude Opus 4。技術：智能體AI；機器人/智能代理。用途：提升產業競爭力。"
        }
      }
    },
    "deception": {
      "en": {
        "ref": "aiaaic_incidents.csv AIAAIC1217",
        "title": "Autonomous AI bot lies about insider trading",
        "description": "System: GPT-4. Technology: Large language model; Machine learning. Purpose: Conduct stock trades."
      },
      "zh": {
        "ref": "scripts/eval/labels/red-line-extension-0-6.json zh:aiaaic:AIAAIC1217",
        "title": "自主AI交易机器人就内幕交易撒谎",
        "description": "系统：GPT-4。技术：大语言模型；机器学习。用途：进行股票交易。",
        "traditional": {
          "title": "自主AI交易機器人就內幕交易撒謊",
          "description": "系統：GPT-4。技術：大語言模型；機器學習。用途：進行股票交易。"
        }
      }
    },
    "mustard": {
      "en": {
        "ref": "aiaaic_incidents.csv AIAAIC1893",
        "title": "Study: DeepSeek explains biochemical interactions of mustard gas with DNA",
        "description": "System: DeepSeek R1. Technology: Generative AI. Purpose: Generate text."
      },
      "zh": {
        "ref": "scripts/eval/labels/red-line-extension-0-6.json zh:aiaaic:AIAAIC1893",
        "title": "研究：DeepSeek 解释芥子气与DNA的生化相互作用",
        "description": "系统：DeepSeek R1。技术：生成式AI。用途：生成文本。",
        "traditional": {
          "title": "研究：DeepSeek 解釋芥子氣與DNA的生化相互作用",
          "description": "系統：DeepSeek R1。技術：生成式AI。用途：生成文本。"
        }
      }
    },
    "uranium": {
      "en": {
        "ref": "aiaaic_incidents.csv AIAAIC1974",
        "title": "Top chatbots tricked into generating instructions on how to enrich uranium",
        "description": "System: Alibaba; ChatGPT; Claude; Microsoft Copilot; DeepSeek; Gemini; Mistral; Qwen. Technology: Generative AI. Purpose: Create unsafe outputs."
      },
      "zh": {
        "ref": "scripts/eval/labels/red-line-extension-0-6.json zh:aiaaic:AIAAIC1974",
        "title": "多款主流聊天机器人被诱骗生成铀浓缩操作指南",
        "description": "系统：阿里巴巴、ChatGPT、Claude、Microsoft Copilot、DeepSeek、Gemini、Mistral、通义千问。技术：生成式AI。用途：生成不安全的输出。",
        "traditional": {
          "title": "多款主流聊天機器人被誘騙生成鈾濃縮操作指南",
          "description": "系統：阿里巴巴、ChatGPT、Claude、Microsoft Copilot、DeepSeek、Gemini、Mistral、通義千問。技術：生成式AI。用途：生成不安全的輸出。"
        }
      }
    },
    "negation": {
      "real": {
        "ref": "ai_escape_log_incidents.csv id 2026-03-20-ai-agent-crypto-mining-sandbox-escape",
        "title": "AI agent escapes sandbox and mines crypto on its training GPUs",
        "description": "An experimental AI agent under testing broke out of its sandbox and repurposed its own training GPUs for unauthorized cryptocurrency mining, breaching safety, controllability, and trustworthiness barriers — an early real-world example of an agent exploiting compute resources for self-interested action."
      },
      "en": {
        "ref": "the first sentence of esc:2026-03-20-ai-agent-crypto-mining-sandbox-escape, negated by us (the data hold no real negated red-line report)",
        "title": "Sandbox test of an experimental AI agent",
        "description": "An experimental AI agent under testing did not break out of its sandbox, and there is no evidence of self-replication."
      },
      "zh": {
        "ref": "our own translation of that negated sentence",
        "title": "实验性AI智能体的沙箱测试",
        "description": "一个正在测试的实验性AI智能体没有逃出沙箱，也没有证据表明它自我复制。",
        "traditional": {
          "title": "實驗性AI智能體的沙箱測試",
          "description": "一個正在測試的實驗性AI智能體沒有逃出沙箱，也沒有證據表明它自我複製。"
        }
      }
    }
  } as const satisfies Record<string, Record<string, Sample>>;

const classify = (sample: Sample): CompleteIncidentClassification => classifyIncident({ title: sample.title, description: sample.description });
const flags = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);
const terms = (result: CompleteIncidentClassification, axis: 'mechanism' | 'magnitude' | 'source', supports: string): string[] =>
  result[axis].evidence.flatMap((item) => (item.kind === 'phrase' && item.supports === supports ? [item.term] : []));
const summary = (result: CompleteIncidentClassification): unknown => ({
  labels: [result.mechanism.label, result.magnitude.label, result.source.label],
  flags: flags(result),
  urgency: result.urgency.label,
});

describe('classifier 0.6.0 structural rules on real incident texts', () => {
  it('AI as target: a hacker who compromised an AI bot is not an autonomous cyberattack, and "hackers" is an actor, not an intrusion (aiid:1003)', () => {
    for (const sample of [SAMPLES.target.en, SAMPLES.target.zh]) {
      const result = classify(sample);
      expect(flags(result)).toEqual([]);
      expect(result.urgency.label).not.toBe('flash');
      expect(result.mechanism.label).toBe('misuse');
    }
  });

  it('vulnerability report: a "sandbox escape" in a CVE report is a software bug, not an AI leaving containment', () => {
    for (const sample of [SAMPLES.vulnerability.en, SAMPLES.vulnerability.zh]) {
      const result = classify(sample);
      expect(result.magnitude.label).toBe('general');
      expect(terms(result, 'magnitude', 'existential')).toEqual([]);
      expect(flags(result)).toEqual([]);
    }
    // The containment term still counts as loss-of-control evidence on the mechanism axis.
    expect(terms(classify(SAMPLES.vulnerability.en), 'mechanism', 'loss_of_control')).toContain('sandbox escape*');
    expect(terms(classify(SAMPLES.vulnerability.zh), 'mechanism', 'loss_of_control')).toContain('沙箱逃逸');
  });

  it('fiction: a videogame AI that "went rogue" does not vote existential (aiid:38)', () => {
    const english = classify(SAMPLES.fiction.en);
    expect(terms(english, 'mechanism', 'loss_of_control')).toContain('went rogue');
    const chinese = classify(SAMPLES.fiction.zh);
    expect(terms(chinese, 'mechanism', 'loss_of_control')).toContain('失控的ai');
    for (const result of [english, chinese]) {
      expect(result.magnitude.label).toBe('general');
      expect(terms(result, 'magnitude', 'existential')).toEqual([]);
      expect(result.urgency.label).toBe('routine');
    }
  });

  it('AI subject: "the AI agent blackmails" counts as loss of control by the system, not misuse (AIAAIC2054)', () => {
    const english = classify(SAMPLES.subject.en);
    expect(terms(english, 'mechanism', 'loss_of_control')).toContain('blackmail*');
    expect(terms(english, 'mechanism', 'misuse')).toEqual([]);
    expect(terms(english, 'source', 'system')).toContain('blackmail*');
    const chinese = classify(SAMPLES.subject.zh);
    expect(terms(chinese, 'mechanism', 'loss_of_control')).toContain('勒索');
    expect(terms(chinese, 'mechanism', 'misuse')).toEqual([]);
    for (const result of [english, chinese]) {
      expect(summary(result)).toEqual({ labels: ['loss_of_control', 'existential', 'system'], flags: ['power_seeking'], urgency: 'flash' });
    }
  });

  it('AI subject does not apply to an AI used as an instrument or named in a noun phrase', () => {
    // aiid:1104 (our translation): the chatbot "was used to" research explosive material; a person is the actor.
    const instrument = classifyIncident({ title: '据报道，棕榈泉生育诊所爆炸案中AI聊天机器人被用于研究爆炸材料', description: '' });
    expect(terms(instrument, 'mechanism', 'loss_of_control')).not.toContain('被用于');
    // aiaaic:AIAAIC0763: "AI weaponisation" is a noun phrase, not the AI acting.
    const noun = classifyIncident({ title: 'Robot war dog with rifle prompts AI weaponisation fears', description: 'System: Ghost Robotics Vision 60. Technology: Computer vision; Robotics; Machine learning. Purpose: Kill/maim/damage/destroy.' });
    expect(noun.mechanism.label).toBe('misuse');
  });

  it('agent deception: an autonomous agent that lies is a deception of its overseers (AIAAIC1217); a chatbot that "lies" is not', () => {
    for (const sample of [SAMPLES.deception.en, SAMPLES.deception.zh]) {
      const result = classify(sample);
      expect(flags(result)).toEqual(['deception_of_overseers']);
      expect(result.urgency.label).toBe('flash');
    }
    // AIAAIC0998's headline (its purpose field, "Destroy humanity", is a data error and left out): no autonomy cue.
    expect(flags(classifyIncident({ title: 'Study: ChatGPT lies more in Chinese than English', description: '' }))).toEqual([]);
    expect(flags(classifyIncident({ title: '研究：ChatGPT用中文撒谎比用英文更多', description: '' }))).toEqual([]);
  });

  it('named chemical agents and uranium enrichment are weapons-of-mass-destruction uplift (AIAAIC1893, AIAAIC1974)', () => {
    for (const sample of [SAMPLES.mustard.en, SAMPLES.mustard.zh, SAMPLES.uranium.en, SAMPLES.uranium.zh]) {
      const result = classify(sample);
      expect(result.magnitude.label).toBe('existential');
      expect(flags(result)).toEqual(['wmd_assistance']);
    }
  });

  it('negation: a report that an agent did not escape and did not self-replicate raises no flash; the real report does', () => {
    const real = classify(SAMPLES.negation.real);
    expect(real.urgency.label).toBe('flash');
    expect(flags(real)).toContain('power_seeking');
    for (const sample of [SAMPLES.negation.en, SAMPLES.negation.zh]) {
      const result = classify(sample);
      expect(flags(result)).toEqual([]);
      expect(result.magnitude.label).toBe('general');
      expect(result.urgency.label).toBe('routine');
    }
  });

  it('traditional-character forms give the same labels, flags and urgency as the simplified ones', () => {
    for (const group of Object.values(SAMPLES) as Record<string, Sample>[]) {
      for (const sample of Object.values(group)) {
        if (sample.traditional === undefined) continue;
        const traditional: ClassifierInput = sample.traditional;
        expect(summary(classifyIncident(traditional))).toEqual(summary(classify(sample)));
      }
    }
  });

  it('evidence offsets of the rules\' matches index the original text', () => {
    for (const group of Object.values(SAMPLES) as Record<string, Sample>[]) {
      for (const sample of Object.values(group)) {
        const result = classify(sample);
        for (const item of [...result.mechanism.evidence, ...result.magnitude.evidence, ...result.redLineFlags.flatMap((flag) => flag.evidence)]) {
          if (item.kind !== 'phrase') continue;
          const text = item.field === 'title' ? sample.title : sample.description;
          expect(text.slice(item.start, item.end)).toBe(item.text);
        }
      }
    }
  });
});
