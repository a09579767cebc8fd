export const PARTNER_SDK_VERSION = '0.0.0';
