import { describe, expect, it } from 'vitest';
import { SalesforceDataError } from './data-errors.js';
import { isSalesforceId, keyPrefix, toId18 } from './salesforce-id.js';

describe('Salesforce Ids', () => {
  it('adds the checksum that encodes which letters are upper case', () => {
    // The example of Salesforce's documentation, and one with upper case in the first chunk.
    expect(toId18('a0D30000001n7Pi', 'x')).toBe('a0D30000001n7PiEAI');
    expect(toId18('001A0000006Vm9r', 'x')).toBe('001A0000006Vm9rIAC');
    expect(toId18('00300000000000A', 'x')).toBe('00300000000000AAAQ');
    expect(toId18('ABCDEABCDEABCDE', 'x')).toBe('ABCDEABCDEABCDE555');
  });

  it('keeps an 18-character Id, its suffix in upper case, and trims', () => {
    expect(toId18(' a0D30000001n7PiEAI ', 'x')).toBe('a0D30000001n7PiEAI');
    expect(toId18('a0D30000001n7Pieai', 'x')).toBe('a0D30000001n7PiEAI');
  });

  it('refuses an 18-character Id whose case was changed, and what is no Id, naming where', () => {
    expect(() => toId18('A0D30000001N7PIEAI', 'Contact.csv, line 3')).toThrow(
      /Contact\.csv, line 3: "A0D30000001N7PIEAI" is not a Salesforce Id: its last three characters should be/,
    );
    for (const bad of ['', '001', '001A0000006Vm9r!', '001A0000006Vm9rIA', '@AccountRef1'])
      expect(() => toId18(bad, 'here')).toThrow(SalesforceDataError);
    try {
      toId18('nope', 'here');
    } catch (error) {
      expect((error as SalesforceDataError).code).toBe('bad_salesforce_id');
    }
  });

  it('tells Ids from other text, and says the object by prefix', () => {
    expect(isSalesforceId('001A0000006Vm9r')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAC')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rAAA')).toBe(false);
    expect(isSalesforceId('AccountRef1')).toBe(false);
    expect(keyPrefix('001A0000006Vm9rIAC')).toBe('001');
  });
});
