// Frame: menu and header
import type zh from '../zh-CN/layout'

const messages: typeof zh = {
  menu: {
    dashboard: 'Dashboard',
    places: 'Places',
    persons: 'Persons',
    imports: 'Import / export',
    health: 'Declarations',
    declarations: 'Records',
    colours: 'Colours by zone',
    assist: 'Assisted declaration',
    arrivals: 'New arrivals',
    sweep: 'Undeclared sweep',
    rules: 'Colour rules',
    riskAreas: 'Risk areas',
    gates: 'Gates',
    gateActivity: 'Gate activity',
    gateLog: 'Gate log',
    visitors: 'Visitors',
    shifts: 'Duty shifts',
    fever: 'Fever alerts',
    system: 'System',
    users: 'Users',
    audit: 'Audit log',
    account: 'My account',
  },
  community: 'Community',
  switchCommunity: 'Switch community',
  language: 'Language',
  collapse: 'Collapse menu',
  expand: 'Expand menu',
  logout: 'Sign out',
  account: 'My account',
  home: 'Home',
}

export default messages
