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
  entranceKind: {
    people: 'Pedestrians',
    vehicles: 'Vehicles',
    both: 'Pedestrians and vehicles',
  },
}

export default messages
