// Places
import type zh from '../zh-CN/places'

const messages: typeof zh = {
  tree: 'Zones / buildings / units / households',
  treeHint: 'Click a household to see its members',
  zoneLabel: '{name} ({buildings} buildings, {households} households, {persons} persons)',
  buildingLabel: '{name} ({households} households, {persons} persons)',
  unitLabel: '{name} ({households} households, {persons} persons)',
  householdLabel: 'Room {room} ({members} persons)',
  noUnit: '(no units)',
  household: 'Household',
  members: 'Members',
  address: 'Address',
  pickHousehold: 'Pick a household on the left',
  noMembersPermission: 'Your role cannot see the person registry',
  entrances: 'Entrances',
  entranceName: 'Name',
  entranceKind: 'Kind',
  entranceZone: 'Zone',
  wholeCommunity: 'Whole community',
  tabHouseholds: 'Buildings and households',
  tabEntrances: 'Entrances',
}

export default messages
