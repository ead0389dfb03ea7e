/**
 * A small Salesforce project in source format, written to a temporary folder, with one of every kind the
 * converter reads — so the tests check the format, not only the fixtures' habits.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const doc = (root: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} ${NS}>\n${body}\n</${root}>\n`;

const field = (name: string, body: string) =>
  doc(
    'CustomField',
    `<fullName>${name}</fullName><label>${name.replace(/__c$/, '').replace(/_/g, ' ')}</label>${body}`,
  );

const values = (...names: string[]) =>
  names
    .map((n) => `<value><fullName>${n}</fullName><default>false</default><label>${n}</label></value>`)
    .join('');

export const SYNTHETIC_FILES: Record<string, string> = {
  'sfdx-project.json': JSON.stringify({ name: 'Vending Ops', packageDirectories: [{ path: 'force-app' }] }),
  'force-app/main/default/objects/Machine__c/Machine__c.object-meta.xml': doc(
    'CustomObject',
    `<label>Machine</label><pluralLabel>Machines</pluralLabel><enableHistory>true</enableHistory>
     <nameField><label>Machine Number</label><type>AutoNumber</type><displayFormat>M-{0000}</displayFormat></nameField>
     <sharingModel>Read</sharingModel><deploymentStatus>Deployed</deploymentStatus>`,
  ),
  'force-app/main/default/objects/Machine__c/fields/Serial__c.field-meta.xml': field(
    'Serial__c',
    '<type>Text</type><length>64</length><unique>true</unique><required>true</required>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Status__c.field-meta.xml': field(
    'Status__c',
    '<type>Picklist</type><valueSet><restricted>true</restricted><valueSetName>Machine_Status</valueSetName></valueSet>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Sub_Status__c.field-meta.xml': field(
    'Sub_Status__c',
    `<type>Picklist</type><valueSet><controllingField>Status__c</controllingField><restricted>true</restricted>
     <valueSetDefinition><sorted>false</sorted>${values('Running', 'Waiting for parts', 'Unknown')}</valueSetDefinition>
     <valueSettings><controllingFieldValue>Active</controllingFieldValue><valueName>Running</valueName></valueSettings>
     <valueSettings><controllingFieldValue>Broken</controllingFieldValue><valueName>Waiting for parts</valueName></valueSettings>
     </valueSet>`,
  ),
  'force-app/main/default/objects/Machine__c/fields/Installed__c.field-meta.xml': field(
    'Installed__c',
    '<type>Date</type><defaultValue>TODAY()</defaultValue>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Price__c.field-meta.xml': field(
    'Price__c',
    '<type>Currency</type><precision>16</precision><scale>2</scale><defaultValue>100</defaultValue>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Rate__c.field-meta.xml': field(
    'Rate__c',
    '<type>Percent</type><precision>5</precision><scale>1</scale>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Notes__c.field-meta.xml': field(
    'Notes__c',
    '<type>LongTextArea</type><length>5000</length><visibleLines>3</visibleLines>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Site__c.field-meta.xml': field(
    'Site__c',
    '<type>Lookup</type><referenceTo>Account</referenceTo><deleteConstraint>Restrict</deleteConstraint><relationshipName>Machines</relationshipName>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Active__c.field-meta.xml': field(
    'Active__c',
    '<type>Checkbox</type><defaultValue>true</defaultValue>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Tags__c.field-meta.xml': field(
    'Tags__c',
    `<type>MultiselectPicklist</type><visibleLines>4</visibleLines><valueSet><valueSetDefinition>${values('Snacks', 'Drinks')}</valueSetDefinition></valueSet>`,
  ),
  'force-app/main/default/objects/Machine__c/fields/Position__c.field-meta.xml': field(
    'Position__c',
    '<type>Location</type><scale>6</scale><displayLocationInDecimal>true</displayLocationInDecimal>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Price_With_Tax__c.field-meta.xml': field(
    'Price_With_Tax__c',
    '<type>Currency</type><scale>2</scale><formula>Price__c * 1.2 /* tax */</formula>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Site_Name__c.field-meta.xml': field(
    'Site_Name__c',
    '<type>Text</type><formula>Site__r.Name &amp; " (" &amp; TEXT(Status__c) &amp; ")"</formula>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Price_Band__c.field-meta.xml': field(
    'Price_Band__c',
    `<type>Text</type><formula>IF( price__C &gt; 1e3, "Price__c is high", 'low') /* Price__c */</formula>`,
  ),
  'force-app/main/default/objects/Machine__c/fields/Viewer__c.field-meta.xml': field(
    'Viewer__c',
    '<type>Text</type><formula>$User.Email</formula>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Technician__c.field-meta.xml': field(
    'Technician__c',
    '<type>Lookup</type><referenceTo>User</referenceTo><relationshipName>Machines</relationshipName>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Remote__c.field-meta.xml': field(
    'Remote__c',
    '<type>ExternalLookup</type><referenceTo>Remote__x</referenceTo>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Refill_Count__c.field-meta.xml': field(
    'Refill_Count__c',
    '<type>Summary</type><summaryForeignKey>Refill__c.Machine__c</summaryForeignKey><summaryOperation>count</summaryOperation>',
  ),
  'force-app/main/default/objects/Machine__c/fields/Full_Units__c.field-meta.xml': field(
    'Full_Units__c',
    `<type>Summary</type><summaryForeignKey>Refill__c.Machine__c</summaryForeignKey><summaryOperation>sum</summaryOperation>
     <summarizedField>Refill__c.Units__c</summarizedField>
     <summaryFilterItems><field>Refill__c.Kind__c</field><operation>equals</operation><value>Full</value></summaryFilterItems>`,
  ),
  'force-app/main/default/objects/Machine__c/validationRules/Price_Not_Negative.validationRule-meta.xml': doc(
    'ValidationRule',
    `<fullName>Price_Not_Negative</fullName><active>true</active>
     <errorConditionFormula>Price__c &lt; 0 &amp;&amp; ISPICKVAL(Status__c, "Active")</errorConditionFormula>
     <errorDisplayField>Price__c</errorDisplayField><errorMessage>The price cannot be negative</errorMessage>`,
  ),
  'force-app/main/default/objects/Machine__c/validationRules/Only_Admins.validationRule-meta.xml': doc(
    'ValidationRule',
    `<fullName>Only_Admins</fullName><active>true</active>
     <errorConditionFormula>$Profile.Name &lt;&gt; "System Administrator"</errorConditionFormula>
     <errorMessage>Only admins</errorMessage>`,
  ),
  'force-app/main/default/objects/Machine__c/recordTypes/Indoor.recordType-meta.xml': doc(
    'RecordType',
    '<fullName>Indoor</fullName><active>true</active><label>Indoor</label>',
  ),
  'force-app/main/default/objects/Machine__c/recordTypes/Outdoor.recordType-meta.xml': doc(
    'RecordType',
    '<fullName>Outdoor</fullName><active>true</active><label>Outdoor</label><picklistValues><picklist>Status__c</picklist><values><fullName>Active</fullName><default>false</default></values></picklistValues>',
  ),
  'force-app/main/default/objects/Machine__c/listViews/Active_Machines.listView-meta.xml': doc(
    'ListView',
    `<fullName>Active_Machines</fullName><columns>NAME</columns><columns>Serial__c</columns><columns>Status__c</columns>
     <columns>Bogus__c</columns><filterScope>Everything</filterScope>
     <filters><field>Status__c</field><operation>equals</operation><value>Active</value></filters>
     <filters><field>Price__c</field><operation>greaterThan</operation><value>10</value></filters>
     <filters><field>Active__c</field><operation>equals</operation><value>1</value></filters>
     <booleanFilter>1 AND (2 OR NOT 3)</booleanFilter><label>Active machines</label>`,
  ),
  'force-app/main/default/objects/Machine__c/listViews/My_Machines.listView-meta.xml': doc(
    'ListView',
    '<fullName>My_Machines</fullName><filterScope>Mine</filterScope><label>My machines</label>',
  ),
  'force-app/main/default/objects/Machine__c/fieldSets/Quick.fieldSet-meta.xml': doc(
    'FieldSet',
    '<fullName>Quick</fullName><label>Quick</label>',
  ),
  'force-app/main/default/objects/Refill__c/Refill__c.object-meta.xml': doc(
    'CustomObject',
    '<label>Refill</label><pluralLabel>Refills</pluralLabel><nameField><label>Refill Name</label><type>Text</type></nameField><sharingModel>ControlledByParent</sharingModel>',
  ),
  'force-app/main/default/objects/Refill__c/fields/Machine__c.field-meta.xml': field(
    'Machine__c',
    '<type>MasterDetail</type><referenceTo>Machine__c</referenceTo><relationshipName>Refills</relationshipName>',
  ),
  'force-app/main/default/objects/Refill__c/fields/Units__c.field-meta.xml': field(
    'Units__c',
    '<type>Number</type><precision>10</precision><scale>0</scale>',
  ),
  'force-app/main/default/objects/Refill__c/fields/Kind__c.field-meta.xml': field(
    'Kind__c',
    `<type>Picklist</type><valueSet><valueSetDefinition>${values('Full', 'Partial')}</valueSetDefinition></valueSet>`,
  ),
  'force-app/main/default/objects/Account/fields/Tier__c.field-meta.xml': field(
    'Tier__c',
    `<type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition>${values('Gold', 'Silver')}</valueSetDefinition></valueSet>`,
  ),
  'force-app/main/default/objects/Account/fields/Main_Machine__c.field-meta.xml': field(
    'Main_Machine__c',
    '<type>Lookup</type><referenceTo>Machine__c</referenceTo><deleteConstraint>SetNull</deleteConstraint>',
  ),
  'force-app/main/default/objects/Account/fields/Industry.field-meta.xml': doc(
    'CustomField',
    '<fullName>Industry</fullName><trackHistory>false</trackHistory>',
  ),
  'force-app/main/default/objects/Account/fields/Sic.field-meta.xml': doc(
    'CustomField',
    '<fullName>Sic</fullName><trackHistory>false</trackHistory>',
  ),
  'force-app/main/default/objects/Widget__mdt/Widget__mdt.object-meta.xml': doc(
    'CustomObject',
    '<label>Widget</label><pluralLabel>Widgets</pluralLabel>',
  ),
  'force-app/main/default/layouts/Machine__c-Machine Layout.layout-meta.xml': doc(
    'Layout',
    `<layoutSections><label>Information</label><style>TwoColumnsTopToBottom</style>
       <layoutColumns><layoutItems><behavior>Required</behavior><field>Name</field></layoutItems>
         <layoutItems><behavior>Required</behavior><field>Serial__c</field></layoutItems></layoutColumns>
       <layoutColumns><layoutItems><behavior>Edit</behavior><field>Status__c</field></layoutItems>
         <layoutItems><behavior>Readonly</behavior><field>Price__c</field></layoutItems>
         <layoutItems><behavior>Edit</behavior><field>OwnerId</field></layoutItems>
         <layoutItems><behavior>Edit</behavior><field>Remote__c</field></layoutItems></layoutColumns></layoutSections>
     <layoutSections><label>Custom Links</label><style>CustomLinks</style><layoutColumns/></layoutSections>
     <relatedLists><fields>NAME</fields><fields>Units__c</fields><relatedList>Refill__c.Machine__c</relatedList></relatedLists>
     <relatedLists><relatedList>RelatedNoteList</relatedList></relatedLists>`,
  ),
  'force-app/main/default/layouts/Widget__mdt-Widget Layout.layout-meta.xml': doc(
    'Layout',
    '<layoutSections/>',
  ),
  'force-app/main/default/permissionsets/Machine_Manager.permissionset-meta.xml': doc(
    'PermissionSet',
    `<label>Machine Manager</label>
     <objectPermissions><object>Machine__c</object><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><viewAllRecords>true</viewAllRecords></objectPermissions>
     <fieldPermissions><field>Machine__c.Price__c</field><editable>false</editable><readable>true</readable></fieldPermissions>
     <fieldPermissions><field>Machine__c.Notes__c</field><editable>false</editable><readable>false</readable></fieldPermissions>
     <userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions>
     <userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions>
     <classAccesses><apexClass>MachineService</apexClass><enabled>true</enabled></classAccesses>`,
  ),
  'force-app/main/default/objectTranslations/Machine__c-zh_CN/Machine__c-zh_CN.objectTranslation-meta.xml':
    doc(
      'CustomObjectTranslation',
      `<caseValues><plural>false</plural><value>售货机</value></caseValues>
     <caseValues><plural>true</plural><value>售货机</value></caseValues>
     <validationRules><errorMessage>价格不能为负</errorMessage><name>Price_Not_Negative</name></validationRules>
     <layouts><layout>Machine Layout</layout><sections><label>信息</label><section>Information</section></sections></layouts>
     <recordTypes><label>室内</label><name>Indoor</name></recordTypes>`,
    ),
  'force-app/main/default/objectTranslations/Machine__c-zh_CN/Serial__c.fieldTranslation-meta.xml': doc(
    'CustomFieldTranslation',
    '<label>序列号</label><name>Serial__c</name>',
  ),
  'force-app/main/default/objectTranslations/Machine__c-zh_CN/Sub_Status__c.fieldTranslation-meta.xml': doc(
    'CustomFieldTranslation',
    '<label>子状态</label><name>Sub_Status__c</name><picklistValues><masterLabel>Running</masterLabel><translation>运行中</translation></picklistValues>',
  ),
  'force-app/main/default/globalValueSets/Machine_Status.globalValueSet-meta.xml': doc(
    'GlobalValueSet',
    `<customValue><fullName>Active</fullName><default>true</default><label>Active</label></customValue>
     <customValue><fullName>Broken</fullName><default>false</default><label>Broken</label><color>#C62828</color></customValue>
     <masterLabel>Machine Status</masterLabel><sorted>false</sorted>`,
  ),
  'force-app/main/default/globalValueSets/Unused_Set.globalValueSet-meta.xml': doc(
    'GlobalValueSet',
    '<customValue><fullName>X</fullName><default>false</default><label>X</label></customValue><masterLabel>Unused</masterLabel>',
  ),
  'force-app/main/default/globalValueSetTranslations/Machine_Status-zh_CN.globalValueSetTranslation-meta.xml':
    doc(
      'GlobalValueSetTranslation',
      '<valueTranslation><masterLabel>Broken</masterLabel><translation>故障</translation></valueTranslation>',
    ),
  'force-app/main/default/standardValueSets/LeadSource.standardValueSet-meta.xml': doc(
    'StandardValueSet',
    '<sorted>false</sorted><standardValue><fullName>Web</fullName><default>false</default><label>Web</label></standardValue><standardValue><fullName>Carrier Pigeon</fullName><default>false</default><label>Carrier Pigeon</label></standardValue>',
  ),
  'force-app/main/default/classes/MachineService.cls-meta.xml': doc(
    'ApexClass',
    '<apiVersion>60.0</apiVersion>',
  ),
  'force-app/main/default/classes/MachineService.cls': 'public class MachineService {}',
};

/** Writes the project (or the given files) to a new temporary folder and answers its path. */
export function writeProject(files: Record<string, string> = SYNTHETIC_FILES): string {
  const root = mkdtempSync(join(tmpdir(), 'tessera-sf-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
