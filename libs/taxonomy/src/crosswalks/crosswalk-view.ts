import type { IncidentClassification } from '../classification.js';
import type { CrosswalkIncident } from './classification-parts.js';
import { toCsetView, type CsetView } from './cset.js';
import { toEuAiActView, type EuAiActView } from './eu-ai-act.js';
import { toMitView, type MitView } from './mit.js';
import { toOecdView, type OecdView } from './oecd.js';

export const CROSSWALK_VIEWS = ['mit', 'cset', 'oecd', 'euaiact'] as const;
export type CrosswalkViewName = (typeof CROSSWALK_VIEWS)[number];
export type CrosswalkView = MitView | CsetView | OecdView | EuAiActView;

/**
 * Shows a classification in a neighbouring taxonomy (GET /incidents/:id?view=…). Pure; works on results stored
 * by classifier 0.1.0 too (missing 0.2.0 fields read as empty or 'unknown'). Returns a JSON object whose
 * `view` names the view. What each mapping loses: CROSSWALK_LOSSES.
 */
export function crosswalkView(view: CrosswalkViewName, classification: IncidentClassification, incident?: CrosswalkIncident): CrosswalkView {
  switch (view) {
    case 'mit':
      return toMitView(classification);
    case 'cset':
      return toCsetView(classification);
    case 'oecd':
      return toOecdView(classification, incident);
    case 'euaiact':
      return toEuAiActView(classification);
  }
}

/** What each view cannot carry over from our classification, or has to guess (documentation, served as is). */
export const CROSSWALK_LOSSES: Record<CrosswalkViewName, readonly string[]> = {
  mit: [
    'Magnitude (existential/general) has no MIT causal field; it survives only as subdomains 7.1/7.2 for red lines.',
    'Source (system/enabled) is folded into the subdomain choice (e.g. cyberattack → 2.2 vs 4.2) and Entity; misuse + system (a deliberately manipulative recommender) becomes Human/Intentional and loses "system".',
    'MIT Intent "Intentional" for an AI entity (a system doing what it was designed to, harmfully) is never produced: our misuse maps to Human.',
    'Timing comes from text cues about the lifecycle stage; without them it is Other, where MIT annotators would usually say Post-deployment.',
    'Subdomains 1.2, 1.3, 3.2, 5.2, 6.4, 6.5, 7.4, 7.5 and 7.6 are never produced: no harm type of ours maps to them.',
    'Confidence and evidence offsets are dropped.',
  ],
  cset: [
    'Only Tangible Harm, AI Harm Level, Intentional Harm, Lives Lost, Injuries, Sector of Deployment and Autonomy Level are produced; most of the ~60 CSET v1 fields are not.',
    'A hazard becomes "unknown": CSET separates near-miss (imminent) from issue (non-imminent), which we do not.',
    'Intentional Harm is "unknown" for misuse: CSET asks whether the AI was designed to harm, our misuse is about the people using it.',
    'Lives Lost and Injuries are counts read from the text (a death without a number counts as 1); "unknown" when none is stated, where CSET would record 0.',
    'Sector of Deployment is one ISIC-like label; biometrics and other have none ("unknown"). Autonomy Level is only Autonomy1 on red lines, else unknown.',
    'Mechanism, magnitude and source have no CSET field and are dropped.',
  ],
  oecd: [
    'Our 16 harm types collapse into 7 OECD harm types (e.g. hallucination and false information both become Public interest).',
    'Only title, description, severity and harm types of the 29 reporting-framework criteria are filled; submitter, supporting materials and how the AI system relates are not known to the classifier.',
    'Undetermined incident/hazard becomes "unknown". Mechanism, magnitude and source are dropped.',
  ],
  euaiact: [
    'Whether the system is high-risk (Art. 6, Annex III) is not decided: the category and deadline say what would apply if it is.',
    'Serious harm to health without a death is 15 days (Art. 73(2)); "serious" is not judged, any injury counts.',
    'A widespread infringement (Art. 3(61)) is guessed from scale words; cross-border scope is not checked.',
    'Hazards have no category (Art. 3(49) needs harm that occurred), so near-misses are not reportable in this view.',
  ],
};
