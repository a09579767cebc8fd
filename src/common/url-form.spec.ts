import { describe, expect, it } from '@jest/globals';
import { IsArray, IsOptional, IsUrl } from 'class-validator';
import { RequestValidationError } from './problem-details.js';
import { EachUrlOfSharableForm, urlFormRefusal } from './url-form.js';
import { createValidationPipe } from './validation.js';

class FilingFixture {
  @IsOptional()
  @IsArray()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @EachUrlOfSharableForm()
  sourceUrls?: string[];
}

const violationsOf = async (body: unknown) => {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: FilingFixture });
    return [];
  } catch (error) {
    if (error instanceof RequestValidationError) return error.violations;
    throw error;
  }
};

describe(urlFormRefusal.name, () => {
  it('refuses credentials and what the WHATWG parser refuses (an IPv6 zone id), nothing else', () => {
    expect(urlFormRefusal('https://u:p@x.com/')).toMatch(/^a URL may not carry credentials/);
    expect(urlFormRefusal('https://token@x.com/')).toMatch(/^a URL may not carry credentials/);
    expect(urlFormRefusal('http://[fe80::1%25eth0]/')).toMatch(/^not a URL the WHATWG URL Standard accepts/);
    // A private address is fine as text: a source URL is shown, never fetched.
    expect(urlFormRefusal('http://10.0.0.1/report')).toBeNull();
    expect(urlFormRefusal('https://incidentdatabase.ai/cite/4/')).toBeNull();
  });
});

describe(EachUrlOfSharableForm.name, () => {
  it('names each refused element by its index, and passes good lists and absent ones', async () => {
    expect(await violationsOf({ sourceUrls: ['https://ok.example/', 'https://u:p@x.com/', 'http://[fe80::1%25eth0]/'] })).toEqual([
      { field: 'sourceUrls.1', messages: [expect.stringMatching(/^a URL may not carry credentials/)] },
      { field: 'sourceUrls.2', messages: [expect.stringMatching(/^not a URL the WHATWG URL Standard accepts/)] },
    ]);
    expect(await violationsOf({ sourceUrls: ['https://ok.example/', 'http://10.0.0.1/'] })).toEqual([]);
    expect(await violationsOf({})).toEqual([]);
  });

  it('keeps the whole-list messages of other rules under the list itself', async () => {
    expect(await violationsOf({ sourceUrls: ['ftp://x', 'https://u:p@x.com/'] })).toEqual([
      { field: 'sourceUrls', messages: ['each value in sourceUrls must be a URL address'] },
      { field: 'sourceUrls.1', messages: [expect.stringMatching(/^a URL may not carry credentials/)] },
    ]);
  });
});
