export * from './classification-parts.js';
export * from './crosswalk-view.js';
export * from './cset.js';
export * from './eu-ai-act.js';
export * from './mit.js';
export * from './oecd.js';
