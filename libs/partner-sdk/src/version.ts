/** Version of this SDK, sent in the User-Agent of API calls. */
export const PARTNER_SDK_VERSION = '0.1.0';
