// Sign-in
import type zh from '../zh-CN/auth'

const messages: typeof zh = {
  title: 'Sign in',
  subtitle: 'For community prevention and control staff',
  username: 'Username',
  password: 'Password',
  usernamePlaceholder: 'Your username',
  passwordPlaceholder: 'Your password',
  submit: 'Sign in',
  sessionExpired: 'Your session has expired. Please sign in again.',
  signInFirst: 'Please sign in first',
  loggedOut: 'You have signed out',
  footer: 'For community prevention work only. Every view of a full ID number is audited.',
}

export default messages
