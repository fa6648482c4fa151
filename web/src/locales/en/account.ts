// My account
import type zh from '../zh-CN/account'

const messages: typeof zh = {
  title: 'My account',
  username: 'Username',
  displayName: 'Name',
  role: 'Role',
  scope: 'Scope',
  permissions: 'Permissions',
  createdAt: 'Created',
}

export default messages
