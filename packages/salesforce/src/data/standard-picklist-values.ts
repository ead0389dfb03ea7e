/**
 * Salesforce's default values of the standard picklists crm-core has its own options for, where the two do
 * not match by value or label: `Customer - Direct` is crm-core's `customer`. Values that do match (Hot,
 * Qualification, Closed Won …) are found by picklist-values.ts without this table; an org's own values that
 * match neither are refused with the record, naming the value.
 */
const LEAD_SOURCE = {
  Web: 'website',
  'Phone Inquiry': 'cold_call',
  'Partner Referral': 'partner',
  'Purchased List': 'advertising',
};

const INDUSTRY = {
  Banking: 'finance',
  Insurance: 'finance',
  Biotechnology: 'healthcare',
  Chemicals: 'manufacturing',
  Machinery: 'manufacturing',
  Communications: 'technology',
  Electronics: 'technology',
  Telecommunications: 'technology',
  Engineering: 'construction',
  Shipping: 'logistics',
  Transportation: 'logistics',
  Utilities: 'energy',
  Agriculture: 'other',
  Apparel: 'other',
  Consulting: 'other',
  Entertainment: 'other',
  Environmental: 'other',
  Media: 'other',
  'Not For Profit': 'other',
  Recreation: 'other',
};

/** `<Salesforce object>.<field>` → Salesforce value → crm-core value. */
export const STANDARD_PICKLIST_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'Account.Type': {
    'Customer - Direct': 'customer',
    'Customer - Channel': 'customer',
    'Channel Partner / Reseller': 'partner',
    'Installation Partner': 'partner',
    'Technology Partner': 'partner',
  },
  'Account.Industry': INDUSTRY,
  'Lead.Industry': INDUSTRY,
  'Lead.LeadSource': LEAD_SOURCE,
  'Opportunity.LeadSource': LEAD_SOURCE,
  'Lead.Status': {
    'Open - Not Contacted': 'new',
    'Working - Contacted': 'contacted',
    'Closed - Converted': 'converted',
    'Closed - Not Converted': 'unqualified',
  },
  'Opportunity.StageName': {
    'Needs Analysis': 'qualification',
    'Id. Decision Makers': 'qualification',
    'Perception Analysis': 'qualification',
    'Value Proposition': 'proposal',
    'Proposal/Price Quote': 'proposal',
    'Negotiation/Review': 'negotiation',
  },
  'Opportunity.Type': {
    'New Customer': 'new_business',
    'Existing Customer - Upgrade': 'existing_business',
    'Existing Customer - Replacement': 'existing_business',
    'Existing Customer - Downgrade': 'existing_business',
  },
  'Task.Status': { 'Waiting on someone else': 'waiting' },
};
