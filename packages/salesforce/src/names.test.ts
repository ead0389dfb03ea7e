import { describe, expect, it } from 'vitest';
import { isReservedName, NameAllocator, objectKind, snakeName } from './names.js';

describe('Salesforce names', () => {
  it('become snake case without their type suffix, keeping the namespace', () => {
    expect(snakeName('ServiceDelivery__c')).toBe('service_delivery');
    expect(snakeName('npsp__Home_Address__c')).toBe('npsp_home_address');
    expect(snakeName('AnnualRevenue')).toBe('annual_revenue');
    expect(snakeName('URLPath__c')).toBe('url_path');
    expect(snakeName('Contact1_Preferred_Email__c')).toBe('contact1_preferred_email');
    expect(snakeName('Series__r')).toBe('series');
  });

  it('that start with a digit or have nothing left are prefixed', () => {
    expect(snakeName('__c')).toBe('sf');
    expect(snakeName('1st_Gift__c')).toBe('sf_1st_gift');
  });

  it('are told apart by their suffix', () => {
    expect(objectKind('Account')).toBe('standard');
    expect(objectKind('Machine__c')).toBe('custom');
    expect(objectKind('Rollup__mdt')).toBe('custom_metadata');
    expect(objectKind('DeploymentEvent__e')).toBe('platform_event');
    expect(objectKind('Remote__x')).toBe('external');
  });

  it('never give out a reserved or taken name, and are stable for a given order', () => {
    const names = new NameAllocator(['name', 'sf_id']);
    expect(names.take('Name__c')).toBe('name_c');
    expect(names.take('Id__c')).toBe('id_c');
    expect(names.take('Index__c')).toBe('index_c');
    expect(names.take('sys_flag__c')).toBe('sf_sys_flag');
    expect(names.take('Status__c')).toBe('status');
    expect(names.take('status__c')).toBe('status_c');
    expect(names.take('STATUS__c')).toBe('status_2');
    expect(isReservedName('created_at')).toBe(true);
  });

  it('keep long names within 63 characters, distinct', () => {
    const names = new NameAllocator();
    const a = names.take(`${'Very_Long_Name_'.repeat(5)}A__c`);
    const b = names.take(`${'Very_Long_Name_'.repeat(5)}B__c`);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(a).not.toBe(b);
  });
});
