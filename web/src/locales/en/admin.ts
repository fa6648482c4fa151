// System: users and audit log
import type zh from '../zh-CN/admin'

const messages: typeof zh = {
  users: {
    title: 'Users',
    add: 'Add user',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    scope: 'Scope',
    scopeKind: 'Scope kind',
    scopeCode: 'Scope code',
    scopeCodeHint: 'A community code, or a zone code (community code-zone number)',
    password: 'Initial password',
    passwordHint: 'At least 8 characters',
    status: 'Status',
    disabled: 'Disabled',
    enabled: 'Active',
    createdAt: 'Created',
    usernameRule: '3–32 letters, digits, dots, underscores or hyphens',
    allRoles: 'All roles',
  },
  audit: {
    title: 'Audit log',
    at: 'Time',
    user: 'User',
    userId: 'User ID',
    role: 'Role',
    action: 'Action',
    recordType: 'Record type',
    recordId: 'Record ID',
    client: 'Client address',
    detail: 'Detail',
    system: 'System (command line)',
    range: 'Time range',
    from: 'From',
    to: 'To',
  },
}

export default messages
