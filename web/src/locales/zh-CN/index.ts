// 中文（默认语言）。每个区域一个文件；英文必须有完全相同的键。
import account from './account'
import admin from './admin'
import auth from './auth'
import common from './common'
import dashboard from './dashboard'
import enums from './enums'
import gate from './gate'
import health from './health'
import imports from './imports'
import layout from './layout'
import persons from './persons'
import places from './places'

export default { common, enums, auth, layout, dashboard, places, persons, imports, health, gate, admin, account }
