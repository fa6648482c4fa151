// Names of enumerated values
import type zh from '../zh-CN/enums'

const messages: typeof zh = {
  role: {
    admin: 'Administrator',
    manager: 'Community manager',
    team_member: 'Team member',
    volunteer: 'Volunteer',
    grid_worker: 'Grid worker',
    guard: 'Gate guard',
    police: 'Police',
    property: 'Property management',
    health: 'Health worker',
    shop_owner: 'Shop owner',
  },
  scope: {
    all: 'Everything',
    region: 'Region',
    community: 'Community',
    zone: 'Zone',
  },
  docType: {
    resident_id: 'Resident ID card',
    passport: 'Passport',
    hk_macao_permit: 'Hong Kong/Macao travel permit',
    taiwan_permit: 'Taiwan travel permit',
    foreign_permanent: 'Foreign permanent residence ID',
    other: 'Other document',
  },
  relation: {
    head: 'Head of household',
    spouse: 'Spouse',
    child: 'Child',
    parent: 'Parent',
    grandchild: 'Grandchild',
    sibling: 'Sibling',
    other: 'Other',
  },
  kind: {
    owner: 'Owner',
    tenant: 'Tenant',
    collective: 'Collective',
    visitor: 'Visitor',
  },
  flag: {
    elderly: 'Elderly',
    disabled: 'Disabled',
    living_alone: 'Living alone',
    chronic: 'Chronic illness',
  },
  sex: {
    male: 'Male',
    female: 'Female',
    unknown: 'Unknown',
  },
  colour: {
    green: 'Green',
    yellow: 'Yellow',
    red: 'Red',
  },
  riskLevel: {
    low: 'Low risk',
    medium: 'Medium risk',
    high: 'High risk',
  },
  symptom: {
    fever: 'Fever',
    cough: 'Cough',
    fatigue: 'Fatigue',
    sore_throat: 'Sore throat',
    shortness_of_breath: 'Shortness of breath',
    diarrhea: 'Diarrhoea',
    loss_of_taste_smell: 'Loss of taste or smell',
  },
  condition: {
    temperature_at_least: 'Temperature at or above',
    any_symptom: 'Has symptoms',
    contact_with_cases: 'Contact with confirmed or suspected cases',
    contact_with_risk_area: 'Contact with people from risk areas',
    travel_to_risk_area: 'Travel to a risk area',
  },
  outcome: {
    declared_with_help: 'Declared with help',
    nobody_home: 'Nobody home',
    refused: 'Refused',
    moved_out: 'Moved out',
  },
  entranceKind: {
    people: 'Pedestrians',
    vehicles: 'Vehicles',
    both: 'Pedestrians and vehicles',
  },
}

export default messages
