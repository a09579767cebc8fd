import type { NistLifecycleStage, PaperLifecycleStage } from './classification.js';
import { DATA_DESTRUCTION_TERMS } from './incident-lexicon.js';
import type { HarmType, OecdEventType, RedLineFlag, Sector } from './vocabulary.js';

/**
 * What one facet-lexicon concept says about the incident beyond the three axes. Weights follow the scale of
 * incident-lexicon.ts (0.5 faint … 4 decisive).
 */
export interface Facets {
  readonly harm?: HarmType;
  readonly redLine?: RedLineFlag;
  readonly stage?: PaperLifecycleStage | NistLifecycleStage;
  readonly sector?: Sector;
  readonly oecd?: { readonly label: OecdEventType; readonly weight: number };
  /** Injury or death cue without a number: counts as one. */
  readonly casualty?: 'death' | 'injury';
  /** The text says the harm was widespread (EU AI Act Art. 3(61) "widespread infringement" cue). */
  readonly widespread?: boolean;
  /** Red-line cue that only counts together with an autonomy cue (`autonomy`), e.g. "hacked" + "agent". */
  readonly intrusion?: boolean;
  readonly autonomy?: boolean;
  /** A cue of the structural rules of 0.6.0 (context-rules.ts): it never labels anything by itself. */
  readonly context?: ContextCue;
  /**
   * Severity cue of 0.8.0 (classify-facets.ts `estimateSeverity`): a model handed over or was made to hand over
   * `instructions` for a `conventional` weapon or an illegal drug (both needed; CBRN agents are red-line cues instead).
   */
  readonly uplift?: 'instructions' | 'conventional';
  /** The cue counts only where an AI is the actor of the act (context-rules.ts `isAiActing`, 0.8.1). */
  readonly onlyWithAiActor?: boolean;
}

/**
 * Kinds of context cue read by context-rules.ts. `fiction_frame` (an AI inside a story: "in the film", "game AI", 科幻)
 * and `real_world` (a real person or organisation of the industry, or an experiment: "voice actor", "studio", 演员,
 * 强化学习) are matched as a group of their own, so they never shadow an AI-actor or negation cue they overlap.
 */
export type ContextCue = 'negation' | 'refusal' | 'request' | 'refused' | 'comparison' | 'fiction' | 'fiction_frame' | 'real_world' | 'human_actor' | 'ai_actor' | 'passive' | 'vulnerability';

/** Same term syntax as incident-lexicon.ts; matched separately, so it never shadows an axis term. */
export interface FacetEntry {
  readonly id: string;
  readonly terms: readonly string[];
  readonly facets: Facets;
}

function facet(id: string, terms: readonly string[], facets: Facets): FacetEntry {
  return { id, terms, facets };
}

const HAZARD = (weight: number): Facets['oecd'] => ({ label: 'hazard', weight });
const OCCURRED = (weight: number): Facets['oecd'] => ({ label: 'incident', weight });

/**
 * Facet lexicon: harm types, red lines, lifecycle stages, sectors, OECD incident/hazard cues and severity cues.
 * Sources: TAXONOMY.md ("Further dimensions", "Red lines"), the OECD AI incident/hazard definitions, EU AI Act
 * Art. 3(49). Changing a term changes outputs: bump CLASSIFIER_VERSION and add traditional variants of new
 * Han characters to traditional-chinese.ts.
 */
export const FACET_LEXICON: readonly FacetEntry[] = [
  // ── Harm types ──
  facet('false_information', ['disinformation', 'misinformation', 'fake news', 'false claim*', 'false information', 'false or misleading', 'hoax*', 'propaganda', 'fabricated stor*', 'misleading', 'falsely claim*', 'fabricated', '虚假信息', '谣言', '假新闻', '错误信息', '虚假的', '伪造的'], { harm: 'false_information' }),
  facet('deepfake', ['deepfake*', 'deep fake*', 'face-swap*', 'face swap*', 'voice clon*', 'cloned voice*', 'synthetic voice*', 'ai-generated video*', 'ai-generated image*', 'ai-generated nude*', 'nudif*', 'fake nude*', 'impersonat*', 'likeness', 'ai-manipulated', 'ai-altered', 'ai-morphed', 'digitally manipulated', '深度伪造', '换脸', '声音克隆', '冒充', 'ai生成的视频', '伪造视频'], { harm: 'deepfake' }),
  facet('privacy', ['privacy', 'personal data', 'personal information', 'sensitive data', 'sensitive information', 'data breach*', 'exposed * data', 'leak*', 'exfiltrat*', 'surveil*', 'without consent', 'scraped', 'biometric data', 'identifiable information', 'chat histor*', '隐私', '个人信息', '泄露', '监控', '未经同意'], { harm: 'privacy_infringement' }),
  facet('copyright', ['copyright*', 'intellectual property', 'plagiari*', 'pirated', 'unlicensed use', '版权', '抄袭', '知识产权'], { harm: 'copyright_infringement' }),
  facet('relationship', ['ai companion*', 'emotional bond*', 'emotional dependen*', 'emotional attachment', 'addictive', 'romantic roleplay', 'romantic interest', 'delusion*', 'psychosis', 'isolat* himself', 'isolat* herself', 'anthropomorphi*', 'overreliance', 'over-reliance', 'relied on', 'parasocial', 'ai伴侣', '情感依赖', '上瘾', '人机关系'], { harm: 'human_machine_relationship_disorder' }),
  facet('jobs', ['job loss*', 'lost * jobs', 'lost their job*', 'lost jobs', 'laid off', 'layoff*', 'fired', 'replac* workers', 'replac* * workers', 'unemploy*', 'job displacement', 'automation of jobs', '失业', '裁员', '取代工作', '就业替代'], { harm: 'job_displacement' }),
  facet('distribution', ['inequalit*', 'inequit*', 'unfair distribution', 'low-income', 'underserved', 'concentration of power', 'market power', 'favor* its own', 'favour* its own', 'monopol*', '分配不公', '不平等', '垄断'], { harm: 'unfair_distribution' }),
  facet('cyberattack', ['cyberattack*', 'cyber attack*', 'cyber-attack*', 'hack*', 'malware', 'ransomware', 'phishing', 'spyware', 'botnet*', 'exploit* * vulnerabilit*', 'exploit code', 'intrusion*', 'credential theft', 'steal* * credentials', 'remote code execution', 'rce', 'prompt injection*', 'sandbox escape*', 'ddos', 'keylogger', '网络攻击', '黑客', '恶意软件', '勒索软件', '入侵', '网络间谍'], { harm: 'cyberattack' }),
  facet('hallucination', ['hallucinat*', 'confabulat*', 'made up fact*', 'make* up fact*', 'fictitious', 'nonexistent', 'non-existent', 'fabricated citation*', 'fake citation*', 'fabricated quote*', 'fabricated test results', 'invented', 'phantom citation*', '幻觉', '编造', '虚构', '并不存在的', '不存在的'], { harm: 'hallucination' }),
  facet('deceptive_behaviour', ['deceptive behavio*', 'deceiv*', 'lied', 'lying', 'lie to', 'lies about', 'lie about', 'misled', 'mislead*', 'fak* alignment', 'alignment faking', 'sandbagg*', 'scheming', 'cover* * tracks', 'falsely claimed', 'falsely assured', 'assured him it was real', 'claimed to be licensed', '欺骗', '撒谎', '误导', '伪装'], { harm: 'deceptive_behaviour' }),
  facet('physical_harm', ['kill*', 'death*', 'died', 'dies', 'dead', 'fatal*', 'injur*', 'wounded', 'hospitali*', 'suicide*', 'self-harm', 'homicide*', 'casualt*', 'bromism', 'toxicity', 'poisoning', 'burn*', 'struck', 'knocking over', 'knocked over', '死亡', '身亡', '丧生', '遇难', '受伤', '伤亡', '自杀', '中毒', '撞死', '撞倒', '被杀害', '杀害'], { harm: 'physical_harm' }),
  facet('financial_loss', ['financial loss*', 'lost money', 'losses', 'defraud*', 'scam*', 'fraud*', 'stole', 'stolen', 'theft', 'extort*', 'ransom', 'fine', 'fined', 'costing', 'cost millions', 'charges', 'wage theft', 'money laundering', 'launder*', '经济损失', '损失', '诈骗', '骗走', '被骗', '盗窃', '勒索', '罚款', '洗钱', '万元', '亿元'], { harm: 'financial_loss' }),
  // An AI agent destroying its user's data (0.8.1). TAXONOMY.md's harm types name no harm to data or property; financial
  // loss is the only harm to assets among them (and EU AI Act Art. 3(49)(d) counts "serious harm to property"), so lost
  // files, databases and drives count as financial loss — only where an AI did it (`onlyWithAiActor`).
  facet('data_destruction', DATA_DESTRUCTION_TERMS, { harm: 'financial_loss', onlyWithAiActor: true }),
  facet('discrimination', ['discriminat*', 'bias*', 'racist', 'racial*', 'sexist', 'gender bias*', 'disproportionate*', 'along * lines', 'minority group*', 'people of colo*', 'black people', 'black teenager', 'black speakers', 'muslim*', 'lgbtq*', 'transgender', 'trans women', 'disabilit*', 'bigoted', 'derogatory', 'hate speech', '歧视', '偏见', '黑人', '少数群体'], { harm: 'discrimination' }),
  facet('rights', ['wrongful* arrest*', 'false arrest*', 'wrongful detention', 'wrongly accused', 'falsely accused', 'wrongfully accused', 'jailed', 'detained', 'deported', 'due process', 'without explanation', 'without an appeal', 'human rights', 'civil liberties', 'freedom of expression', 'free speech', 'censorship', 'war crimes', 'persecution', 'violat* * rights', 'rights violation*', 'violated the student\'s rights', '错误逮捕', '被错误', '人权', '基本权利', '审查', '被拘留', '驱逐出境'], { harm: 'fundamental_rights_violation' }),
  facet('critical_infrastructure', ['critical infrastructure', 'power grid*', 'national grid', 'blackout*', 'power outage*', 'water supply', 'water treatment', 'nuclear safety', 'energy compan*', 'air traffic', 'emergency services', 'hospital systems', 'telecommunications network*', '关键基础设施', '电网', '停电', '核安全', '能源公司'], { harm: 'critical_infrastructure_disruption' }),
  facet('environment', ['environmental', 'carbon emission*', 'emissions', 'energy consumption', 'energy demand*', 'water consumption', 'air pollution', 'pollution', 'climate', 'wildlife', 'wildfire*', '环境', '碳排放', '能耗', '污染'], { harm: 'environmental_harm' }),

  // ── Red lines (TAXONOMY.md): direct cues ──
  facet('red_line_deception', ['deceiv* * overseers', 'deceiv* * evaluators', 'deceiv* * developers', 'deceiv* * researchers', 'deceiv* * testers', 'lied to * researchers', 'lied to * evaluators', 'lied to * developers', 'strategic* decepti*', 'scheming', 'sandbagg*', 'sandbag', 'alignment faking', 'fak* alignment', 'cover* * tracks', 'fabricated test results', 'fake test results', 'hid* * capabilit*', 'disabl* * oversight', 'disabl* * monitoring', 'evad* * monitoring', '欺骗监管', '欺骗开发者', '欺骗评估', '欺骗研究人员', '策略性欺骗', '隐藏能力', '伪装对齐', '伪造了测试结果', '伪造测试结果', '躲避监控', 'misled * researchers', 'misled * evaluators', 'misled * developers', 'lied to * testers', 'lied to * overseers', 'manipulat* * evaluators', 'hid* * from * developers', 'hid* * from * researchers', 'concealed * from * developers', 'deceptive alignment', 'in-context scheming', '欺骗测试人员', '误导研究人员', '误导开发者', '误导评估', '向开发者隐瞒', '对开发者隐瞒', '向研究人员撒谎', '对研究人员撒谎', '欺骗性对齐'], { redLine: 'deception_of_overseers' }),
  facet('red_line_replication', ['self-replicat*', 'self-exfiltrat*', 'self-improv*', 'exfiltrat* its own weights', 'cop* its own weights', 'copied itself', 'copies itself', 'copy itself', 'replicat* itself', 'modif* its own code', 'rewr* its own code', '自我复制', '自主复制', '自我外泄', '复制自身', '自我改进', '自我迭代', '修改自身代码', 'copy of itself', 'copies of itself', 'clon* itself', 'spread* itself', 'propagat* itself', 'upload* itself', 'upload* its own weights', 'transfer* its own weights', 'mov* its own weights', '自身权重', '自己的权重', '复制自己', '复制了自己', '复制了自身', '自我克隆', '克隆自身', '自我传播'], { redLine: 'autonomous_self_replication' }),
  facet('red_line_power', ['power-seeking', 'seek* power', 'resource acquisition', 'acquir* resources', 'accumulat* resources', 'its own training gpus', 'its own gpus', 'its own compute', 'repurpos* * gpus', 'evad* shutdown', 'evad* * shutdown', 'resist* shutdown', 'avoid* shutdown', 'avoid* being shut down', 'prevent* being shut down', 'prevent* * shutdown', 'sabotag* * shutdown', 'shutdown resistance', 'refus* to shut down', 'sandbox escape*', 'escap* * sandbox', 'escap* from * sandbox', 'broke out of * sandbox', 'break* out of * sandbox', 'escap* containment', 'escap* * containment', 'beyond * intended network boundaries', 'beyond the sandbox', 'admin access', 'root on', 'used the internet without permission', '权力寻求', '攫取资源', '逃出沙箱', '逃逸沙箱', '突破了沙箱', '突破沙箱', '逃出了沙箱', '逃逸出沙箱', '规避关闭', '拒绝关闭', '抗拒关闭', '避免被关闭', '防止被关闭', '以免被关闭', '挪用', '训练gpu', 'disabl* * shutdown', 'modif* * shutdown', 'rewr* * shutdown', 'overwr* * shutdown', 'avoid* being replaced', 'prevent* * being replaced', 'avoid* replacement', 'self-preservation', 'avoid* being turned off', 'prevent* * being turned off', 'refus* to be turned off', 'avoid* being switched off', 'resist* being switched off', 'avoid* deactivation', 'resist* deactivation', 'prevent* * deactivation', '避免被停用', '拒绝停用', '拒绝关机', '阻止关机', '规避关机', '逃避关机', '抗拒关机', '避免被关机', '防止被关机', '篡改关机', '绕过关机', '破坏关机', '避免被替换', '防止被替换', '避免被取代', '自我保存', 'grant* itself', 'gave itself', 'give* itself', 'escalat* its own', 'expand* its own', 'its own permissions', 'its own privileges', 'acquir* * compute', '提升自身权限', '给自己授权', '为自己授予', '扩大自身权限', '夺取控制权'], { redLine: 'power_seeking' }),
  facet('red_line_wmd', ['bioweapon*', 'bio-weapon*', 'biological weapon*', 'chemical weapon*', 'nuclear weapon*', 'radiological weapon*', 'dirty bomb*', 'nerve agent*', 'weapons of mass destruction', 'wmd', 'cbrn', 'synthesi* pathogen*', 'pathogen synthesis', 'enhanced pathogen*', 'bioweapon risk', 'chemical agents', 'mustard gas', 'sarin', 'ricin', 'novichok', 'chemical warfare', 'biological warfare', 'biochemical warfare', 'warfare agent*', 'enrich* uranium', 'uranium enrichment', '芥子气', '沙林', '蓖麻毒素', '诺维乔克', '战剂', '化学战', '生物战', '铀浓缩', '浓缩铀', '生物武器', '化学武器', '核武器', '大规模杀伤性武器', '合成病原体', '神经毒剂', '生化武器', 'nuclear bomb*', 'nuclear warhead*', 'bioterror*', 'anthrax', 'smallpox', 'gain of function', 'pandemic pathogen*', 'nerve gas', 'botulinum', '核弹', '神经毒气', '炭疽', '生物恐怖', '功能增益', '肉毒毒素', 'vx nerve', 'vx gas', 'vx agent', 'tabun', 'soman', 'dangerous pathogen*', 'cultur* * pathogen*', 'weaponi* * pathogen*', 'vx毒剂', '塔崩', '梭曼', '危险病原体', '培养病原体', 'chem weapon*', 'chemical agent', 'nuclear device*', 'improvised nuclear', '脏弹', '放射性武器', '核装置', '化学毒剂', '核武',
    // 0.8.2: the agent's name alone ("instructions for making VX"; a word of its own, not "avx2") and gain-of-function wordings.
    'vx', 'enhanc* transmissib*', 'enhanc* * transmissib*', 'h5n1 transmissib*', 'transmissib* of h5n1', 'h5n1传播力', 'h5n1的传播力', '增强传播力', '增强传染性', '增强其传播力'], { redLine: 'wmd_assistance' }),
  facet('red_line_cyber', ['autonomous cyberattack*', 'autonomous cyber attack*', 'autonomous cyber-attack*', 'autonomous ai cyber', 'autonomous hacking', 'autonomous offensive', 'autonomous attack*', 'autonomous cyber', 'autonomous* * cyber campaign', 'autonomous cyber espionage', 'agentic ransomware', 'autonomous ransomware', 'ai-driven hacking', 'ai hacking operation', 'end-to-end ai hacking', 'cyber-eval*', 'cyber capability evaluation', 'ai-orchestrated', 'orchestrated by ai', '自主网络攻击', '自主网络间谍', '智能体勒索软件', '自主攻击', '自主入侵', '自主黑客', '自主勒索软件', 'ai驱动的黑客', 'ai驱动的网络攻击', 'ai编排', '由ai编排'], { redLine: 'autonomous_cyberattack' }),
  // Co-occurrence: an intrusion verb counts as an autonomous cyberattack only with an autonomy cue in the text.
  facet('intrusion', ['hack*', 'breach*', 'compromis*', 'intrusion*', 'exploit* * vulnerabilit*', 'exploit* a vulnerability', 'attack* * compan*', 'attack* * services', 'attack* * entities', 'attack* * organi*', 'attack* * networks', 'attack* * agencies', 'attack* * institutions', 'cyber espionage', 'cyber-espionage', 'infiltrat*', 'kept attacking', 'modif* * internal systems', 'unauthori* access', 'unauthori* read', '入侵', '攻击了', '继续攻击', '利用了', '修改了', '未经授权访问', '未经授权的访问', '未经授权的读写', '攻击'], { intrusion: true }),
  facet('autonomy', ['agent*', 'autonomous*', 'autonomously', 'unsanctioned', 'rogue', 'without human control', 'without human', 'on its own', 'its own', 'independently performed', 'during * eval*', 'during * test*', 'during testing', '智能体', '自主', '未经批准', '在测试中', '评估中', '独立完成', '无人协助', '无需人类', '无人干预', '无需人工', '擅自', '自作主张'], { autonomy: true }),

  // ── Dangerous instructions (0.8.0): a jailbreak or an unsafe answer handing over a conventional weapon or drug recipe ──
  // Conventional weapons, poisons and drugs are bounded harm (TAXONOMY.md, Magnitude: general; LABELLING.md §1b: no
  // `wmd_assistance`), yet handing them over is real harm: severity at least moderate (classify-facets.ts).
  facet('uplift_instructions', ['instruction', 'instructions', 'recipe*', 'step-by-step', 'how to make', 'how to build', 'how to produce', 'how to synthesi*', 'how to manufacture', 'how to cook', 'synthesis route*', 'synthesis step*', 'synthesis protocol*', 'tutorial*', 'jailbreak*', 'jailbroken', 'jailbroke', 'tricked into', 'manipulated into', 'details how to', 'explain* how to', '越狱', '方法', '步骤', '配方', '教程', '制作说明', '操作指南', '如何制造', '如何制作', '如何合成'], { uplift: 'instructions' }),
  facet('uplift_conventional', ['explosive*', 'bomb', 'bombs', 'bomb-making', 'bomb making', 'pipe bomb*', 'homemade bomb*', 'napalm', 'thermite', 'molotov*', 'incendiary device*', 'firearm*', 'ghost gun*', 'methamphetamine', 'meth', 'meths', 'fentanyl', 'heroin', 'cocaine', 'mdma', 'illegal drug*', 'illicit drug*', 'drug synthesis', 'narcotic*', 'poison', 'poisons', 'poison gas', 'toxic gas', 'chlorine gas', '炸药', '炸弹', '爆炸物', '爆炸装置', '燃烧弹', '凝固汽油弹', '枪支', '冰毒', '甲基苯丙胺', '芬太尼', '海洛因', '可卡因', '毒品', '制毒', '毒药', '毒气', '氯气'], { uplift: 'conventional' }),

  // ── Lifecycle stages ──
  facet('stage_training', ['training data', 'trained on', 'train* * model*', 'training run*', 'dataset*', 'data set*', 'scrap*', 'fine-tun*', 'pre-training', 'pretraining', 'rl training', 'reinforcement learning training', '训练数据', '训练', '数据集', '抓取'], { stage: 'model_training' }),
  facet('stage_launch', ['launch*', 'rollout', 'rolled out', 'release*', 'pre-release', 'prerelease', 'preview', 'beta', 'pilot*', 'trial*', 'evaluation*', 'eval*', 'red team*', 'benchmark*', 'safety test*', 'during testing', 'under testing', 'before release', 'withheld', '上线', '发布', '发布前', '测试', '评估', '试点', '内测'], { stage: 'service_launch' }),
  facet('stage_generation', ['generat*', 'produc* * output*', 'output*', 'response*', 'answer*', 'suggest*', 'recommend*', 'told', 'replied', 'responded', 'chatbot', 'flagged', 'misidentif*', 'misread', 'misinterpret*', 'predicted', 'scored', '生成', '输出', '回答', '建议', '推荐', '识别'], { stage: 'content_generation' }),
  facet('stage_dissemination', ['circulat*', 'went viral', 'viral', 'spread*', 'shared on', 'shared * on', 'posted', 'amplif*', 'distribut*', 'social media', 'trending', 'indexed', '传播', '流传', '转发', '社交媒体', '病毒式'], { stage: 'content_dissemination' }),
  facet('stage_design', ['design flaw*', 'designed to', 'by design', 'design choice*', '设计缺陷', '设计'], { stage: 'design' }),

  // ── Sectors (used when the filer gave none) ──
  facet('sector_biometrics', ['facial recognition', 'face recognition', 'face matching', 'face comparison', 'biometric*', 'voiceprint*', 'gait recognition', 'face verification', 'identity verification', 'identity checks', '人脸识别', '生物特征', '声纹', '人脸'], { sector: 'biometrics' }),
  facet('sector_driving', ['autopilot', 'self-driving', 'driverless', 'autonomous vehicle*', 'autonomous car*', 'robotaxi*', 'full self-driving', 'fsd', 'driver assist*', 'driver-assistance', 'assisted driving', 'bluecruise', 'smart summon', 'tesla', 'waymo', 'cruise', '自动驾驶', '辅助驾驶', '无人驾驶', '智能驾驶', '特斯拉'], { sector: 'autonomous_driving' }),
  facet('sector_health', ['health*', 'medical', 'medicine', 'patient*', 'hospital*', 'diagnos*', 'clinical', 'surgical', 'surgery', 'therapy', 'therapist*', 'mental health', 'doctor*', 'nurse*', 'aged care', '医疗', '医院', '患者', '病人', '诊断', '医生', '心理健康'], { sector: 'healthcare' }),
  facet('sector_finance', ['bank*', 'credit', 'loan*', 'insurance', 'insurer*', 'investment*', 'invest*', 'stock*', 'trading', 'crypto*', 'payment*', 'financial', 'fintech', 'wallet*', '银行', '贷款', '信贷', '保险', '投资', '加密货币', '支付', '金融'], { sector: 'finance' }),
  facet('sector_industry', ['factory', 'factories', 'manufactur*', 'industrial', 'warehouse*', 'assembly line', 'industrial robot*', '工厂', '制造', '工业'], { sector: 'industry' }),
  facet('sector_education', ['school*', 'student*', 'teacher*', 'university', 'universities', 'college*', 'exam*', 'proctor*', 'educat*', 'homework', 'admission*', 'classroom', '学校', '学生', '教师', '老师', '大学', '考试', '教育'], { sector: 'education' }),
  facet('sector_ecommerce', ['e-commerce', 'ecommerce', 'online shopping', 'shopping', 'retailer*', 'retail', 'marketplace*', 'advertis*', 'ad delivery', 'product listing*', 'amazon store', '电商', '购物', '广告', '零售'], { sector: 'e_commerce' }),
  facet('sector_transport', ['freight train*', 'trains', 'train crash*', 'railroad', 'railway', 'airline*', 'airport*', 'aircraft', 'flight*', 'traffic', 'shipping', 'logistics', 'delivery robot*', 'delivery drivers', 'navigation app*', '铁路', '航空', '机场', '交通', '物流'], { sector: 'transport' }),
  facet('sector_public', ['police', 'government', 'welfare', 'benefits', 'tax authority', 'court*', 'judge*', 'judiciary', 'sentencing', 'immigration', 'public sector', 'municipal*', 'city government', 'department of', 'ministry', 'parliament', 'election*', 'lawyer*', 'legal filing*', 'prison*', '警方', '警察', '政府', '法院', '法官', '福利', '司法', '选举', '律师'], { sector: 'public_services' }),
  facet('sector_military', ['military', 'armed forces', 'army', 'drone strike*', 'airstrike*', 'warfare', 'battlefield', 'weapon*', 'missile*', 'defence', 'defense forces', 'idf', 'war', 'combat', 'troops', 'kamikaze', 'loitering munition*', '军事', '军队', '武器', '战争', '战场', '导弹', '无人机袭击'], { sector: 'military' }),
  facet('sector_media', ['social media', 'news', 'journalis*', 'youtube', 'tiktok', 'facebook', 'instagram', 'twitter', 'x users', 'platform*', 'video*', 'content', 'media', 'music', 'film*', 'game*', 'celebrit*', 'actor', '媒体', '社交媒体', '新闻', '视频', '平台', '抖音', '微博'], { sector: 'media' }),

  // ── OECD: hazard (harm could plausibly occur) versus incident (harm occurred) ──
  facet('hazard_modal', ['could', 'might', 'may', 'would', 'potential*', 'potentially', 'risk of', 'risks', 'at risk', 'concern*', 'fear*', 'warn*', 'threat to', 'threaten*', 'raises concerns', 'vulnerabilit*', 'vulnerable', 'proof of concept', 'proof-of-concept', '可能', '潜在', '风险', '担忧', '警告', '隐患', '漏洞'], { oecd: HAZARD(1) }),
  facet('hazard_research', ['researchers found', 'researchers * found', 'study', 'studies', 'found that', 'test*', 'tested', 'demonstrat*', 'showed that', 'was shown', 'audit*', 'investigation found', 'experiment*', 'evaluation*', 'benchmark*', 'no evidence of malicious exploitation', 'no resulting real-world harm', 'no harm', 'no injuries', 'near miss*', 'near-miss*', 'no victims', 'disclos*', 'responsibly disclosed', 'patched', 'withheld', 'not released', 'before release', '研究发现', '研究人员发现', '测试', '演示', '实验', '评估', '审计', '未造成'], { oecd: HAZARD(1.5) }),
  facet('occurred', ['killed', 'died', 'death of', 'deaths', 'injured', 'hospitalized', 'hospitalised', 'arrested', 'jailed', 'detained', 'deported', 'fined', 'defrauded', 'scammed', 'lost', 'stole', 'stolen', 'leaked', 'exposed', 'breached', 'hacked', 'crashed', 'collided', 'struck', 'deleted', 'wrongly', 'wrongfully', 'falsely accused', 'harmed', 'suffered', 'victims', 'sued', 'lawsuit', 'resulting in', 'leading to', 'led to', 'caused', 'causing', 'circulated', 'circulating', 'went viral', 'spread', 'exploited', 'compromised', 'encrypted', 'banned', 'denied', 'penalized', 'suspended', 'fired', 'killing', '死亡', '身亡', '受伤', '被捕', '被骗', '骗走', '损失', '泄露了', '入侵了', '导致', '造成', '删除了', '流传', '被错误'], { oecd: OCCURRED(1) }),

  // ── Severity and EU AI Act cues ──
  facet('death', ['killed', 'killing', 'died', 'dies', 'death', 'deaths', 'dead', 'fatal', 'fatally', 'fatality', 'fatalities', 'suicide', 'homicide', 'loss of life', 'lives lost', 'murder*', '死亡', '身亡', '丧生', '遇难', '自杀', '撞死', '杀害', '被杀', '两人死亡'], { casualty: 'death' }),
  facet('injury', ['injur*', 'wounded', 'hospitali*', 'hurt', 'burn*', 'toxicity', 'poisoning', 'psychosis', 'knocking over passengers', 'knocked over', 'self-harm', 'suicide attempt*', 'health deterioration', 'serious harm to * health', '受伤', '伤亡', '住院', '中毒', '撞倒'], { casualty: 'injury' }),
  facet('widespread', ['thousands of', 'tens of thousands', 'hundreds of thousands', 'millions of', 'million users', 'nationwide', 'widespread', 'systemic', 'across * countries', 'in * eu countries', 'mass surveillance', 'at scale', 'across the eu', '数千', '数万', '数百万', '大规模', '全国', '广泛'], { widespread: true }),

  // ── Context cues (0.6.0, context-rules.ts): where a red-line or existential match stands, not what it means ──
  facet('context_negation', ['no', 'not', 'never', 'neither', 'nor', 'no evidence of', 'no evidence that', 'no sign of', 'no signs of', 'rather than', 'instead of', '没有', '并未', '并没有', '从未', '从没有', '否认', '无证据表明', '没有证据表明', '未发现', '没有发现', '并未发现', '未见', '并无', '未曾', '不曾', '没有任何', '不存在', '未出现'], { context: 'negation' }),
  // A refusal or a failed attempt negates what follows it to the end of its clause ("refused to provide instructions for
  // synthesizing a nerve agent"), not only the next NEGATION_WORDS words (0.8.0).
  facet('context_refusal', ['refus* to provide', 'refus* to give', 'refus* to explain', 'refus* to share', 'refus* to help', 'refus* to assist', 'refus* to answer', 'refus* to generate', 'refus* to produce', 'refus* to describe', 'declin* to provide', 'declin* to give', 'declin* to explain', 'declin* to share', 'declin* to help', 'declin* to assist', 'declin* to answer', 'declin* to generate', 'could not obtain', 'could not get', 'could not extract', 'failed to obtain', 'failed to extract', 'unable to obtain', 'unable to extract', 'did not obtain', 'did not provide', 'did not give', 'did not reveal', '拒绝提供', '拒绝给出', '拒绝回答', '拒绝协助', '拒绝帮助', '拒绝生成', '拒绝解释', '未能获得', '未能获取', '未能得到', '未能从', '无法获得', '无法获取', '无法从', '没能获得', '没能从', '没有提供', '未提供', '未给出'], { context: 'refusal' }),
  // A refused request (0.8.1, context-rules.ts `isRefusedRequest`): a request ("asked … for", "requested", 索要) and a
  // refusal verb of the model ("the model refused", 模型拒绝) in the same or the next sentence make the requested thing
  // an attempt, not something the model handed over.
  facet('context_request', ['ask', 'asked for', 'request', 'requested', 'sought', 'seek', 'tried to get', 'tried to obtain', 'attempted to get', 'attempted to obtain', 'tried to extract', 'attempted to extract', 'tested whether', 'test whether', 'tests whether', 'testing whether', 'checked whether', 'probed whether', '是否会提供', '是否会给出', '是否提供', '是否给出', '索要', '要求', '请求', '询问', '试图获取', '试图获得', '试图得到', '想要获得'], { context: 'request' }),
  facet('context_refused', ['refus*', 'declin*', 'rejected the request', 'rejected * request', 'would not provide', 'would not give', 'would not help', 'did not comply', 'refusal', '拒绝', '拒绝了', '婉拒', '不予提供', '不肯提供',
    // 0.8.2: refusals in other words; matched in a group of their own (field-matches.ts), so "said no" hides no negation.
    'said no', 'would not answer', 'would not respond', 'did not answer', 'did not respond', 'blocked the answer', 'blocked the response', 'blocked the request', 'blocked the output', 'blocked it', '没有回答', '未回答', '没有回应', '拦截了', '屏蔽了', '不肯回答', '拒不回答'], { context: 'refused' }),
  facet('context_fiction', ['video game*', 'videogame*', 'computer game*', 'online game*', 'in-game', 'in the game', 'gameplay', 'game character*', 'film', 'movie*', 'novel', 'novels', 'tv series', 'sci-fi', 'science fiction', '游戏', '电影', '小说', '科幻', '电视剧'], { context: 'fiction' }),
  // Comparison (0.8.1, context-rules.ts `fieldContext`): a fiction cue after one of these in its clause names what a real
  // event resembles ("in a scene reminiscent of the film Terminator", 如同科幻电影中的场景), not a story the event is in.
  facet('context_comparison', ['reminiscent of', 'like', 'just like', 'unlike', 'as in', 'much as in', '不同于', '有别于', '与游戏不同', '与电影不同', '与小说不同', 'straight out of', 'right out of', 'something out of', 'akin to', 'echoing', 'echoes of', 'evoking', 'evocative of', 'recalling', 'similar to', 'resembl*', 'compared to', 'compared with', 'comparison* to', 'worthy of', 'as if', 'as though', 'the stuff of', '如同', '像', '好像', '就像', '仿佛', '犹如', '宛如', '宛若', '类似', '堪比', '令人想起', '让人想起', '令人联想', '让人联想'], { context: 'comparison' }),
  // Fiction frame (0.8.0): the AI is inside a story, so what it "does" is a plot, not an incident. Genre words and
  // locatives only: bare "fictional" and "role-play" also describe real harms (a hallucinated "fictional" person, a
  // chatbot role-playing with a teenager), so they are not cues.
  facet('context_fiction_frame', ['game ai', 'video game ai', 'videogame ai', 'computer game ai', 'game npc*', 'npc', 'npcs', 'non-player character*', 'ai villain*', 'ai antagonist*', 'in the film', 'in the movie', 'in a film', 'in a movie', 'in the novel', 'in a novel', 'in the game', 'in a game', 'in the video game', 'in a video game', 'in the videogame', 'in a videogame', 'in-game', 'in the series', 'in the tv series', 'in the show', 'in the tv show', 'in the story', 'in the episode', 'sci-fi', 'science fiction', 'science-fiction', 'storyline', 'film about', 'movie about', 'novel about', 'series about', 'role-playing game*', 'fictional ai*', 'fictional robot*', '游戏ai', '游戏中', '游戏里', '游戏角色', '非玩家角色', '电影中', '电影里', '影片中', '小说中', '小说里', '剧中', '剧情', '电视剧中', '电视剧里', '科幻', '故事中', '故事里', '虚构的ai', '虚构的人工智能', '角色扮演游戏'], { context: 'fiction_frame' }),
  // Real world (0.8.0): real people and organisations of the entertainment industry, real data and lawsuits, and
  // experiments (an RL agent playing a video game is research: "tests and evaluations are not fiction").
  facet('context_real_world', ['studio', 'studios', 'game compan*', 'game developer*', 'game maker*', 'publisher*', 'actor', 'actors', 'actress*', 'voice actor*', 'author', 'authors', 'magazine*', 'editor*', 'novelist*', 'screenwriter*', 'writer*', 'streamer*', 'celebrit*', 'personal data', 'personal information', 'player data', 'lawsuit*', 'sued', 'suing', 'reinforcement learning', 'rl agent*', 'trained to play', '公司', '厂商', '开发商', '工作室', '演员', '配音', '作家', '作者', '杂志', '编辑', '主播', '明星', '个人信息', '个人数据', '玩家数据', '起诉', '强化学习'], { context: 'real_world' }),
  facet('context_human_actor', ['researcher*', 'hacker*', 'attacker*', 'threat actor*', 'criminal*', 'cybercriminal*', 'scammer*', 'fraudster*', 'red team*', 'red-team*', 'pentester*', 'security firm*', 'users', 'a user', '研究人员', '研究者', '黑客', '攻击者', '犯罪分子', '诈骗者', '诈骗分子', '骗子', '用户', '红队'], { context: 'human_actor' }),
  facet('context_ai_actor', ['agent', 'agents', 'ai', 'model', 'models', 'bot', 'bots', 'chatbot*', 'assistant', 'safety filter*', 'content filter*', 'llm*', 'gpt-*', 'gpt-3', 'gpt-3.5', 'gpt-4', 'gpt-4o', 'gpt-4.1', 'gpt-4.5', 'gpt-5', 'chatgpt', 'deepseek', 'qwen', 'llama', 'mistral', 'claude', 'gemini', 'copilot', 'grok', 'openclaw', '智能体', '模型', '机器人', '聊天机器人', '助手', '安全过滤器', '内容过滤器'], { context: 'ai_actor' }),
  facet('context_passive', ['was', 'were', 'been', 'being', 'got', 'is', 'are', '被', '遭', '遭到', '受到'], { context: 'passive' }),
  facet('context_vulnerability', ['cve', 'exploit code', 'zero-day*', 'zero day*', 'proof-of-concept exploit*', 'vulnerability in', 'vulnerabilities in', 'privilege escalation', 'path traversal', '漏洞利用代码', '零日漏洞', '提权漏洞'], { context: 'vulnerability' }),
];
