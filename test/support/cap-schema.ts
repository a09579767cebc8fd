import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** The OASIS CAP 1.2 XML Schema (test/fixtures/cap/CAP-v1.2.xsd, see NOTICE.md there). */
const CAP_SCHEMA = { fileName: 'CAP-v1.2.xsd', contents: readFileSync(join(process.cwd(), 'test/fixtures/cap/CAP-v1.2.xsd'), 'utf8') };

/**
 * Validates CAP messages against the official CAP 1.2 schema with libxml2 (xmllint-wasm, `xmllint --schema`).
 * Returns xmllint's messages (`file:line: message`); empty when every message is valid. One xmllint run for all.
 */
export async function capSchemaErrors(messages: ReadonlyArray<{ name: string; xml: string }>): Promise<string[]> {
  if (messages.length === 0) return [];
  const result = await validateXML({
    xml: messages.map((message, index) => ({ fileName: `${index}-${message.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`, contents: message.xml })),
    schema: CAP_SCHEMA,
  });
  return result.errors.map((error) => error.rawMessage);
}
