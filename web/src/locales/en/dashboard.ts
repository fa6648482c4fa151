// Dashboard
import type zh from '../zh-CN/dashboard'

const messages: typeof zh = {
  persons: 'Registered persons',
  households: 'Households',
  zones: 'Zones',
  elderly: 'Aged 60 and over',
  byZone: 'Persons and households by zone',
  flags: 'Persons needing attention',
  seriesPersons: 'Persons',
  seriesHouseholds: 'Households',
}

export default messages
