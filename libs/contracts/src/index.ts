export const TOPIC = 'x';
