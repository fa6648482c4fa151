// End-to-end tests of the web console against the real server: builds nothing (run
// `npm run build` first), makes a demo database in a temp dir, starts `cordon serve --web dist`,
// drives Debian's Chromium through playwright-core, saves a screenshot per scenario under
// build/e2e/, and ends with the line `N passed, M failed` (exit 1 on any failure).
//
// Env: CORDON_BIN (default build/debug/src/cordon, an ASan build: timeouts are generous),
// CHROMIUM (default /usr/bin/chromium), E2E_SHOTS (screenshot dir), E2E_ONLY (comma-separated
// scenario names to run).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const webDir = path.resolve(here, '..')
const repoDir = path.resolve(webDir, '..')
const distDir = path.join(webDir, 'dist')
const cordonBin = process.env.CORDON_BIN ?? path.join(repoDir, 'build/debug/src/cordon')
const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium'
const shotDir = process.env.E2E_SHOTS ?? path.join(repoDir, 'build/e2e')
const only = (process.env.E2E_ONLY ?? '').split(',').filter(Boolean)

const kPassword = 'cordon-demo-2020'
const kCommunity = '441900003013'
// Sanitizer builds are slow: every wait is long, and a failure still ends in bounded time.
const kActionTimeout = 30_000
const kStartTimeout = 180_000
const kViewport = { width: 1366, height: 768 }

// ---------------------------------------------------------------------------------------------
// Small helpers

function log(...args) {
  console.log(...args)
}

class AssertionError extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new AssertionError(message)
  }
}

/** GB 11643 check character of the first 17 digits of a resident ID. */
function checkDigit(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * weights[i]
  }
  return '10X98765432'[sum % 11]
}

function residentId(first17) {
  return first17 + checkDigit(first17)
}

/** The same number with a wrong check character. */
function badResidentId(first17) {
  const good = checkDigit(first17)
  return first17 + (good === '1' ? '2' : '1')
}

// ---------------------------------------------------------------------------------------------
// The server

function makeDemo(dir) {
  const db = path.join(dir, 'cordon.db')
  log(`demo: ${cordonBin} demo --db ${db}`)
  const r = spawnSync(cordonBin, ['demo', '--db', db], { encoding: 'utf8', timeout: kStartTimeout })
  if (r.status !== 0) {
    throw new Error(`cordon demo failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`)
  }
  return db
}

function startServer(db, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      cordonBin,
      ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', distDir, '--no-access-log', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`cordon serve did not start in ${kStartTimeout} ms: ${out}${err}`))
    }, kStartTimeout)
    child.stdout.on('data', (chunk) => {
      out += chunk.toString()
      const m = /cordon listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1] })
      }
    })
    child.stderr.on('data', (chunk) => {
      err += chunk.toString()
      if (err.length > 200_000) {
        err = err.slice(-100_000)
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`cordon serve exited (${code ?? signal}): ${err.slice(-2000)}`))
    })
    child.stderrText = () => err
  })
}

/** Reports of a sanitizer build (ASan, UBSan) in a server's stderr. */
const sanitizerReports = []

function sanitizerLines(stderr) {
  return stderr.split('\n').filter((line) => /ERROR: (Address|Leak|Thread)Sanitizer|runtime error:/.test(line))
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// The API, straight (to check what the UI claims)

async function api(base, method, route, { token, body } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' }
  if (token) {
    headers.Authorization = `Bearer ${token}`
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
  }
  const res = await fetch(base + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: res.status, body: json }
}

async function apiLogin(base, username) {
  const r = await api(base, 'POST', '/api/v1/auth/login', { body: { username, password: kPassword } })
  check(r.status === 200, `API login ${username}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.token
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Console errors seen so far, and the expected ones (HTTP errors a scenario causes on purpose). */
const consoleErrors = []
let allowedErrors = []

function watch(page, label) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') {
      return
    }
    const text = msg.text()
    if (allowedErrors.some((re) => re.test(text))) {
      return
    }
    consoleErrors.push(`[${label}] console: ${text}`)
  })
  page.on('pageerror', (error) => {
    consoleErrors.push(`[${label}] pageerror: ${error.message}`)
  })
}

async function newPage(context, label, viewport = kViewport) {
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  page.setDefaultTimeout(kActionTimeout)
  page.setDefaultNavigationTimeout(kStartTimeout)
  watch(page, label)
  return page
}

async function signIn(page, base, username) {
  await page.goto(`${base}/login`)
  // The language choice outlives the tab (localStorage): start every scenario in Chinese.
  if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') {
    await page.locator('.login-page .lang').getByText('中文').click()
  }
  // By keyboard: the form must be usable without a mouse.
  await page.locator('input[name="username"]').fill(username)
  await page.keyboard.press('Tab')
  check(await page.locator('input[name="password"]').evaluate((el) => el === document.activeElement), 'Tab does not reach the password')
  await page.keyboard.type(kPassword)
  await page.keyboard.press('Enter')
  // Signed in (the URL leaves /login), or refused (the form says why): whichever comes first.
  const refused = page
    .locator('[data-testid="login-error"]')
    .waitFor({ timeout: kStartTimeout })
    .then(async () => {
      throw new AssertionError(`sign-in as ${username} refused: ${await page.locator('[data-testid="login-error"]').innerText()}`)
    })
  await Promise.race([page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: kStartTimeout }), refused])
  refused.catch(() => undefined)
}

async function openPersons(page, base) {
  await page.goto(`${base}/persons`)
  await waitForRows(page)
}

/** Waits for the persons table to show rows (and no loading mask). */
async function waitForRows(page) {
  const table = page.locator('[data-testid="persons-table"]')
  await table.locator('tbody tr').first().waitFor()
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="persons-table"] .el-loading-mask'),
    null,
    { timeout: kStartTimeout },
  )
}

/** The text of one column (by header text) for every row of the persons table. */
async function columnTexts(page, header) {
  return page.evaluate((header) => {
    const table = document.querySelector('[data-testid="persons-table"]')
    const headers = [...table.querySelectorAll('.el-table__header-wrapper th')].map((th) => th.textContent.trim())
    const index = headers.indexOf(header)
    if (index < 0) {
      throw new Error(`no column ${header} in ${headers.join('|')}`)
    }
    return [...table.querySelectorAll('.el-table__body-wrapper tbody tr')].map((tr) =>
      (tr.children[index]?.textContent ?? '').trim(),
    )
  }, header)
}

/** Runs a search in the persons page and waits for its answer. */
async function searchPersons(page, q) {
  const box = page.locator('[data-testid="person-search"]')
  await box.fill(q)
  const answered = page.waitForResponse((r) => r.url().includes('/persons?') && r.request().method() === 'GET')
  await box.press('Enter')
  const response = await answered
  check(response.status() === 200, `search ${q}: HTTP ${response.status()}`)
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="persons-table"] .el-loading-mask'),
    null,
    { timeout: kStartTimeout },
  )
  return response.json()
}

/** The visible dropdown of an el-select (Element Plus teleports it to the body). */
function openDropdown(page) {
  return page.locator('.el-select__popper:visible .el-select-dropdown__item')
}

// ---------------------------------------------------------------------------------------------
// Scenarios: each gets a fresh tab (its own sessionStorage, so its own sign-in)

const scenarios = [
  {
    name: 'dashboard-manager',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      check(new URL(page.url()).pathname === '/dashboard', `manager lands on ${page.url()}`)
      await page.locator('[data-testid="chart-zones"] canvas').first().waitFor()
      await page.locator('[data-testid="chart-flags"] canvas').first().waitFor()
      const persons = (await page.locator('[data-testid="stat-persons"] .stat-value').textContent()).replace(/\D/g, '')
      check(persons === '5000', `persons total shows ${persons}, want 5000`)
      const zones = (await page.locator('[data-testid="stat-zones"] .stat-value').textContent()).trim()
      check(zones === '4', `zones total shows ${zones}, want 4`)
      const menu = await page.locator('[data-testid="side-menu"]').innerText()
      for (const item of ['首页', '楼栋住户', '人员信息', '导入导出']) {
        check(menu.includes(item), `manager menu lacks ${item}: ${menu}`)
      }
      await page.waitForTimeout(800) // let the chart animations finish for the screenshot
      return page
    },
  },
  {
    name: 'persons-grid1-zone',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'grid1')
      const menu = await page.locator('[data-testid="side-menu"]').innerText()
      check(!menu.includes('用户管理') && !menu.includes('审计日志'), `grid1 sees system pages: ${menu}`)
      await openPersons(page, base)
      const seen = new Set()
      for (let pageNo = 1; pageNo <= 3; pageNo++) {
        if (pageNo > 1) {
          const next = page.locator('[data-testid="page-next"]')
          check(!(await next.isDisabled()), `no page ${pageNo} for grid1`)
          const answered = page.waitForResponse((r) => r.url().includes('/persons?') && r.url().includes('cursor='))
          await next.click()
          await answered
          await waitForRows(page)
        }
        const buildings = await columnTexts(page, '住址')
        check(buildings.length > 0, `no rows for grid1 on page ${pageNo}`)
        for (const cell of buildings) {
          const m = /^(\d+)栋/.exec(cell)
          check(m && Number(m[1]) >= 1 && Number(m[1]) <= 10, `grid1 sees a row outside zone 1: ${cell}`)
          seen.add(Number(m[1]))
        }
      }
      check((await page.locator('[data-testid="pager"]').innerText()).includes('第 3 页'), 'paging did not reach page 3')
      await page.locator('[data-testid="page-prev"]').click()
      await waitForRows(page)
      check((await page.locator('[data-testid="pager"]').innerText()).includes('第 2 页'), 'previous page is not page 2')
      // What the API says grid1's zones are.
      const token = await apiLogin(base, 'grid1')
      // The zone filter offers grid1's zone only.
      await page.locator('[data-testid="zone-filter"]').click()
      const options = openDropdown(page)
      await options.first().waitFor()
      const labels = await options.allInnerTexts()
      check(labels.length === 1, `zone filter offers ${labels.length} zones: ${labels.join(', ')}`)
      const zones = await api(base, 'GET', `/api/v1/communities/${kCommunity}/zones`, { token })
      check(zones.body.items.length === 1 && zones.body.items[0].name === labels[0].trim(), `zone option ${labels[0]} is not grid1's zone`)
      log(`  buildings seen: ${[...seen].sort((a, b) => a - b).join(',')}; zone: ${labels[0]}`)
      return page
    },
  },
  {
    name: 'persons-search',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await openPersons(page, base)
      // A surname: take the first listed person's.
      const names = await columnTexts(page, '姓名')
      const surname = names[0].slice(0, 1)
      const bySurname = await searchPersons(page, surname)
      const shown = await columnTexts(page, '姓名')
      check(shown.length > 0 && bySurname.items.length === shown.length, `surname ${surname}: ${shown.length} rows`)
      check(shown.every((n) => n.startsWith(surname)), `surname ${surname} shows ${shown.join(',')}`)
      // Four digits: the last four of a phone number on the page.
      await searchPersons(page, '')
      const phones = (await columnTexts(page, '手机号')).filter((p) => /\d{4}$/.test(p))
      check(phones.length > 0, 'no phone numbers listed')
      const last4 = phones[0].slice(-4)
      await searchPersons(page, last4)
      const ids = await columnTexts(page, '证件号码')
      const phones2 = await columnTexts(page, '手机号')
      check(ids.length > 0, `last four ${last4}: no rows`)
      for (let i = 0; i < ids.length; i++) {
        check(
          ids[i].toUpperCase().endsWith(last4) || phones2[i].endsWith(last4),
          `last four ${last4}: row ${i} has ${ids[i]} / ${phones2[i]}`,
        )
      }
      check(await page.getByText('按证件号/手机号后4位查询').isVisible(), 'no last-four hint')
      log(`  surname ${surname}: ${shown.length} rows; last four ${last4}: ${ids.length} rows`)
      return page
    },
  },
  {
    name: 'reveal-manager',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await openPersons(page, base)
      const before = (await columnTexts(page, '证件号码'))[0]
      check(before.includes('*'), `the first ID number is not masked: ${before}`)
      await page.locator('[data-testid="person-reveal"]').first().click()
      const dialog = page.locator('.el-dialog:visible')
      await dialog.waitFor()
      // Without a reason: refused on the form.
      await dialog.locator('[data-testid="reason-confirm"]').click()
      await dialog.locator('.el-form-item__error').waitFor()
      check((await dialog.locator('.el-form-item__error').innerText()).includes('请填写原因'), 'no reason-required error')
      await dialog.locator('[data-testid="reason-input"]').fill('核实疫苗接种信息')
      const revealed = page.waitForResponse((r) => /\/api\/v1\/persons\/\d+\/reveal$/.test(r.url()))
      await dialog.locator('[data-testid="reason-input"]').press('Enter') // Enter sends the form
      const response = await revealed
      check(response.status() === 200, `reveal: HTTP ${response.status()}`)
      const personId = Number(/persons\/(\d+)\/reveal/.exec(response.url())[1])
      await dialog.waitFor({ state: 'hidden' })
      const after = (await columnTexts(page, '证件号码'))[0]
      check(/^\d{17}[\dX]$/.test(after), `after reveal the ID number shows ${after}`)
      check(after.slice(0, 6) === before.slice(0, 6) && after.slice(-4) === before.slice(-4), `${after} is not ${before}`)
      // The audit trail has it (asked as admin, through the API).
      const token = await apiLogin(base, 'admin')
      const audit = await api(base, 'GET', '/api/v1/audit?action=person.reveal', { token })
      check(audit.status === 200, `audit: HTTP ${audit.status}`)
      const entry = audit.body.items.find((e) => String(e.record_id) === String(personId))
      check(entry, `no person.reveal entry for person ${personId}: ${JSON.stringify(audit.body.items.slice(0, 3))}`)
      check(entry.username === 'manager', `reveal audited as ${entry.username}`)
      check(!JSON.stringify(entry).includes(after), 'the audit entry holds the revealed number')
      log(`  person ${personId}: ${before} → ${after}; audit entry ${entry.id}`)
      return page
    },
  },
  {
    name: 'edit-invalid-id',
    allow: [/status of 422/],
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await openPersons(page, base)
      await page.locator('[data-testid="person-edit"]').first().click()
      await page.locator('.el-dialog:visible [data-testid="field-id_number"]').waitFor()
      const form = page.locator('.el-dialog:visible')
      const idInput = form.locator('[data-testid="field-id_number"]')
      const masked = await idInput.inputValue()
      check(masked.includes('*'), `the form shows an unmasked number: ${masked}`)
      await form.locator('[data-testid="field-name"]').fill('测试改名')
      const bad = badResidentId('11010519491231002')
      await idInput.fill(bad)
      const patched = page.waitForResponse((r) => /\/api\/v1\/persons\/\d+$/.test(r.url()) && r.request().method() === 'PATCH')
      await form.locator('[data-testid="person-save"]').click()
      const response = await patched
      check(response.status() === 422, `PATCH with ${bad}: HTTP ${response.status()}`)
      const personId = Number(/persons\/(\d+)$/.exec(response.url())[1])
      const error = form.locator('[data-testid="item-id_number"] .el-form-item__error')
      await error.waitFor()
      const text = (await error.innerText()).trim()
      const body = await response.json()
      check(body.error.field === 'id_number', `error field ${body.error.field}`)
      check(text === body.error.message, `the field shows "${text}", the server said "${body.error.message}"`)
      check(await form.isVisible(), 'the dialog closed on an error')
      // Nothing was saved.
      const token = await apiLogin(base, 'manager')
      const person = await api(base, 'GET', `/api/v1/persons/${personId}`, { token })
      check(person.body.name !== '测试改名', 'the name was saved despite the error')
      check(person.body.id_number === masked, `stored number changed: ${person.body.id_number}`)
      log(`  person ${personId}: "${text}" (${body.error.code})`)
      return page
    },
  },
  {
    name: 'create-delete-person',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await openPersons(page, base)
      // Register someone in 1栋 1单元 101, picked with the cascader.
      await page.locator('[data-testid="person-add"]').click()
      const form = page.locator('.el-dialog:visible')
      await form.locator('[data-testid="field-name"]').fill('欧阳测试')
      const idNumber = residentId('44190019900101123')
      await form.locator('[data-testid="field-id_number"]').fill(idNumber)
      await form.locator('[data-testid="field-phone"]').fill('13912340000')
      await form.locator('.el-cascader').click()
      const panel = page.locator('.el-cascader__dropdown:visible')
      await panel.locator('.el-cascader-node', { hasText: /^1栋$/ }).click()
      await panel.locator('.el-cascader-node', { hasText: /^1单元$/ }).click()
      await panel.locator('.el-cascader-node', { hasText: /^101$/ }).click()
      await form.getByText('独居').click()
      const created = page.waitForResponse((r) => r.url().endsWith(`/communities/${kCommunity}/persons`) && r.request().method() === 'POST')
      await form.locator('[data-testid="person-save"]').click()
      const response = await created
      check(response.status() === 201, `create: HTTP ${response.status()} ${await response.text()}`)
      const person = await response.json()
      check(person.building === '1栋' && person.room === '101', `created in ${person.building} ${person.room}`)
      check(person.flags.includes('living_alone'), `flags ${person.flags}`)
      check(person.id_number.includes('*'), 'the answer shows the full number')
      // Find them and remove them, with a reason.
      await searchPersons(page, '欧阳')
      const names = await columnTexts(page, '姓名')
      check(names.length === 1 && names[0] === '欧阳测试', `search 欧阳: ${names.join(',')}`)
      await page.locator('[data-testid="person-delete"]').first().click()
      const dialog = page.locator('.el-dialog:visible')
      await dialog.locator('[data-testid="reason-input"]').fill('重复登记')
      const removed = page.waitForResponse((r) => r.url().endsWith(`/persons/${person.id}`) && r.request().method() === 'DELETE')
      await dialog.locator('[data-testid="reason-confirm"]').click()
      check((await removed).status() === 204, 'delete did not answer 204')
      await page.locator('[data-testid="persons-table"] .el-table__empty-text').waitFor()
      const token = await apiLogin(base, 'manager')
      const after = await api(base, 'GET', `/api/v1/persons/${person.id}`, { token })
      check(after.body.deleted === true, `person ${person.id} not marked deleted`)
      // Export of the registry downloads a spreadsheet.
      await page.getByRole('button', { name: '导出' }).click()
      const download = page.waitForEvent('download')
      await page.locator('.el-dropdown-menu__item:visible', { hasText: '导出 Excel' }).click()
      const file = await download
      check(/\.xlsx$/.test(file.suggestedFilename()), `export file ${file.suggestedFilename()}`)
      log(`  person ${person.id} created and removed; export ${file.suggestedFilename()}`)
      return page
    },
  },
  {
    name: 'import-errors',
    allow: [/status of 422/],
    async run({ context, base, dir }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await page.goto(`${base}/imports`)
      const csv = [
        '姓名,身份证号,手机号,楼栋,单元,房号',
        `测试甲,${residentId('44190019800101001')},13800000001,1栋,1单元,101`,
        `测试乙,${badResidentId('44190019810202002')},13800000002,1栋,1单元,101`,
        `测试丙,${residentId('44190019820303003')},13800000003,1栋,1单元,102`,
      ].join('\r\n')
      const file = path.join(dir, 'persons-with-errors.csv')
      writeFileSync(file, `\ufeff${csv}\r\n`)
      await page.locator('[data-testid="import-upload"] input[type="file"]').setInputFiles(file)
      const answered = page.waitForResponse((r) => r.url().includes('/imports') && r.request().method() === 'POST')
      await page.locator('[data-testid="import-start"]').click()
      const response = await answered
      check(response.status() === 422, `import: HTTP ${response.status()}`)
      await page.locator('[data-testid="import-progress"] .el-progress').waitFor()
      const rows = page.locator('[data-testid="import-errors"] .el-table__body-wrapper tbody tr')
      await rows.first().waitFor()
      const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())))
      const hit = cells.find((c) => c[0] === '3' && c[1] === '身份证号')
      check(hit, `no error for row 3, column 身份证号: ${JSON.stringify(cells)}`)
      check(cells.every((c) => c[0] === '3'), `errors on other rows: ${JSON.stringify(cells)}`)
      check((await page.locator('[data-testid="import-summary"]').innerText()).includes('3'), 'summary lacks the row count')
      // The error file downloads with the session's token.
      const download = page.waitForEvent('download')
      await page.locator('[data-testid="errors-csv"]').click()
      const saved = await download
      const target = path.join(dir, saved.suggestedFilename())
      await saved.saveAs(target)
      const text = readFileSync(target, 'utf8')
      check(text.includes('身份证号') && text.includes('id_number.check_digit'), `error file: ${text.slice(0, 200)}`)
      log(`  ${JSON.stringify(hit)}; error file ${saved.suggestedFilename()}`)
      return page
    },
  },
  {
    name: 'language-en',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await page.locator('[data-testid="chart-zones"] canvas').first().waitFor()
      await page.locator('[data-testid="language-switch"]').click()
      await page.locator('[data-testid="lang-en"]').click()
      await page.getByText('Registered persons').waitFor()
      const menu = await page.locator('[data-testid="side-menu"]').innerText()
      for (const item of ['Dashboard', 'Places', 'Persons', 'Import / export', 'My account']) {
        check(menu.includes(item), `English menu lacks ${item}: ${menu}`)
      }
      check(!/[\u4e00-\u9fff]/.test(menu), `Chinese left in the English menu: ${menu}`)
      await page.locator('[data-testid="side-menu"]').getByText('Persons').click()
      await waitForRows(page)
      const headers = await page.locator('[data-testid="persons-table"] .el-table__header-wrapper').innerText()
      for (const h of ['Name', 'ID number', 'Phone', 'Address', 'Needs attention']) {
        check(headers.includes(h), `English table lacks ${h}: ${headers}`)
      }
      const body = await page.locator('body').innerText()
      check(!/\b(common|persons|layout|enums|dashboard)\.[a-zA-Z_]+/.test(body), 'an untranslated key shows')
      check((await page.locator('html').getAttribute('lang')) === 'en', 'html lang is not en')
      const title = await page.title()
      check(title.includes('Persons'), `title ${title}`)
      return page
    },
  },
  {
    name: 'session-lost',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'police1')
      const token = await page.evaluate(() => sessionStorage.getItem('cordon.token'))
      check(token, 'no token kept after sign-in')
      // Revoke the session behind the page's back, then use the page.
      const r = await api(base, 'POST', '/api/v1/auth/logout', { token })
      check(r.status === 204, `logout: HTTP ${r.status}`)
      allowedErrors = [/status of 401/]
      await page.goto(`${base}/persons`)
      await page.waitForURL((url) => url.pathname === '/login', { timeout: kStartTimeout })
      const notice = (await page.locator('[data-testid="login-notice"]').innerText()).trim()
      check(notice === '请先登录', `sign-in notice after a revoked session: ${notice}`)
      check(!(await page.evaluate(() => sessionStorage.getItem('cordon.token'))), 'the token survived a 401')
      check(new URL(page.url()).searchParams.get('redirect') === '/persons', `redirect lost: ${page.url()}`)
      // Wrong password: said on the form, not taken for a lost session.
      await page.locator('input[name="username"]').fill('police1')
      await page.locator('input[name="password"]').fill('wrong-password')
      await page.locator('[data-testid="login-submit"]').click()
      await page.locator('[data-testid="login-error"]').waitFor()
      return page
    },
  },
  {
    name: 'session-expired',
    allow: [/status of 401/],
    async run({ context, db }) {
      // A second server on the same database whose sessions expire after 2 idle seconds.
      const short = await startServer(db, ['--session-idle', '2'])
      try {
        const page = await newPage(context, this.name)
        await signIn(page, short.base, 'manager')
        await page.locator('[data-testid="stat-persons"]').waitFor()
        await page.waitForTimeout(3500)
        await page.locator('[data-testid="side-menu"]').getByText('人员信息').click()
        await page.waitForURL((url) => url.pathname === '/login', { timeout: kStartTimeout })
        const notice = (await page.locator('[data-testid="login-notice"]').innerText()).trim()
        check(notice === '登录已过期，请重新登录', `sign-in notice after idle expiry: ${notice}`)
        check(new URL(page.url()).searchParams.get('reason') === 'session_expired', `reason: ${page.url()}`)
        await page.screenshot({ path: path.join(shotDir, `${this.name}.png`) })
        await page.close()
        return null
      } finally {
        await stopServer(short.child)
        sanitizerReports.push(...sanitizerLines(short.child.stderrText()))
      }
    },
  },
  {
    name: 'community-switch',
    async run({ context, base }) {
      // A second community, so that the admin has two to choose from.
      const token = await apiLogin(base, 'admin')
      const made = await api(base, 'POST', '/api/v1/communities', {
        token,
        body: { code: 'e2e_second', name: '测试第二社区', region_code: '441900003' },
      })
      check(made.status === 201, `create community: HTTP ${made.status} ${JSON.stringify(made.body)}`)
      const page = await newPage(context, this.name)
      await signIn(page, base, 'admin')
      await page.goto(`${base}/dashboard`)
      await page.locator('[data-testid="stat-persons"]').waitFor()
      const select = page.locator('[data-testid="community-select"]')
      await select.click()
      const options = openDropdown(page)
      await options.first().waitFor()
      const names = await options.allInnerTexts()
      check(names.length === 2 && names.includes('岗贝社区') && names.includes('测试第二社区'), `communities: ${names}`)
      const stats = page.waitForResponse((r) => r.url().includes('/communities/e2e_second/stats'))
      await options.filter({ hasText: '测试第二社区' }).click()
      check((await stats).status() === 200, 'the dashboard did not reload for the new community')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="stat-persons"] .stat-value')?.textContent?.trim() === '0',
      )
      // Every page follows the chosen community, across a reload too.
      const listed = page.waitForResponse((r) => r.url().includes('/communities/e2e_second/persons'))
      await page.locator('[data-testid="side-menu"]').getByText('人员信息').click()
      await listed
      await page.reload()
      await page.locator('[data-testid="persons-table"] .el-table__empty-text').waitFor()
      check((await select.innerText()).includes('测试第二社区'), 'the choice was lost on reload')
      await select.click()
      await openDropdown(page).filter({ hasText: '岗贝社区' }).click()
      await waitForRows(page)
      return page
    },
  },
  {
    name: 'tablet-collapsed',
    async run({ context, base }) {
      const page = await newPage(context, this.name, { width: 1024, height: 768 })
      await signIn(page, base, 'admin')
      await page.goto(`${base}/system/audit`)
      await page.locator('[data-testid="audit-table"] tbody tr').first().waitFor()
      const collapsed = await page.locator('[data-testid="side-menu"]').evaluate((el) => el.classList.contains('el-menu--collapse'))
      check(collapsed, 'the menu is not collapsed at 1024 px')
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      check(overflow <= 0, `the page scrolls sideways by ${overflow}px`)
      return page
    },
  },
  {
    name: 'places-household',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'manager')
      await page.goto(`${base}/places`)
      const tree = page.locator('[data-testid="places-tree"]')
      const node = (text) => tree.locator('.el-tree-node__content', { hasText: text }).first()
      await node('第一片区').click()
      await node('1栋（').click()
      await node('1单元（').click()
      const household = tree.locator('.el-tree-node__content', { hasText: /室（\d+ 人）/ }).first()
      await household.waitFor()
      const label = await household.innerText()
      const members = Number(/（(\d+) 人）/.exec(label)[1])
      await household.click()
      const rows = page.locator('[data-testid="household-detail"] .el-table__body-wrapper tbody tr')
      await rows.first().waitFor()
      check((await rows.count()) === members, `${label}: ${await rows.count()} members listed`)
      const detail = await page.locator('[data-testid="household-detail"]').innerText()
      check(detail.includes('1栋 1单元'), `household address: ${detail.slice(0, 80)}`)
      check(/\*{4}/.test(detail), 'member numbers are not masked')
      await page.getByRole('tab', { name: '出入口' }).click()
      const entrances = await page.locator('[data-testid="entrances"]').innerText()
      check(entrances.includes('东门') && entrances.includes('第一片区'), `entrances: ${entrances}`)
      await page.getByRole('tab', { name: '楼栋住户' }).click()
      await page.waitForTimeout(300)
      log(`  ${label}`)
      return page
    },
  },
  {
    name: 'admin-users',
    allow: [/status of 409/],
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'admin')
      await page.goto(`${base}/system/users`)
      await page.locator('[data-testid="users"] tbody tr').first().waitFor()
      await page.locator('[data-testid="user-add"]').click()
      const dialog = page.locator('.el-dialog:visible')
      await dialog.waitFor()
      await dialog.getByLabel('用户名').fill('grid9')
      await dialog.getByLabel('姓名').fill('第九网格员')
      await dialog.getByLabel('初始密码').fill('short')
      await dialog.getByRole('button', { name: '保存' }).click()
      await dialog.getByText('至少 8 位').waitFor()
      await dialog.getByLabel('初始密码').fill('grid9-password-2020')
      await dialog.locator('.scope .el-select').click()
      await page.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: '片区' }).click()
      await dialog.getByLabel('范围代码').fill(`${kCommunity}-1`)
      const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
      await dialog.getByRole('button', { name: '保存' }).click()
      const response = await created
      check(response.status() === 201, `create user: HTTP ${response.status()} ${await response.text()}`)
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('[data-testid="users"] tbody tr', { hasText: 'grid9' }).first().waitFor()
      // The same name again: the server's answer shows on the username field.
      await page.locator('[data-testid="user-add"]').click()
      await dialog.getByLabel('用户名').fill('grid9')
      await dialog.getByLabel('初始密码').fill('grid9-password-2020')
      await dialog.getByRole('button', { name: '保存' }).click()
      const taken = dialog.locator('.el-form-item__error')
      await taken.first().waitFor()
      log(`  second grid9: ${await taken.first().innerText()}`)
      return page
    },
  },
  {
    // The resident's own declaration on a phone: the community's link, name + ID + phone, a
    // temperature, the promise, and a green pass with its QR code at once.
    name: 'declare-phone',
    async run({ context, base }) {
      const manager = await apiLogin(base, 'manager')
      const list = await api(base, 'GET', `/api/v1/communities/${kCommunity}/persons?limit=1&zone_id=2`, { token: manager })
      const person = list.body.items[0]
      const full = await api(base, 'POST', `/api/v1/persons/${person.id}/reveal`, {
        token: manager,
        body: { reason: 'e2e declaration' },
      })
      check(full.status === 200, `reveal: ${full.status}`)
      const page = await newPage(context, this.name, { width: 390, height: 844 })
      await page.goto(`${base}/d/${kCommunity}`)
      await page.locator('[data-testid="decl-name"]').fill(person.name)
      await page.locator('[data-testid="decl-id-number"]').fill(full.body.id_number)
      await page.locator('[data-testid="decl-phone"]').fill(full.body.phone)
      await page.locator('[data-testid="decl-temperature"]').fill('36.5')
      await page.locator('[data-testid="decl-promise"]').click()
      await page.locator('[data-testid="decl-submit"]').click()
      const banner = page.locator('[data-testid="pass-colour"]')
      await banner.waitFor()
      const text = await banner.innerText()
      check(text.includes('绿码'), `pass banner says ${text}`)
      const qr = page.locator('[data-testid="pass-qr"]')
      await qr.waitFor()
      await page.waitForFunction(
        () => {
          const img = document.querySelector('[data-testid="pass-qr"]')
          return img && img.complete && img.naturalWidth > 0
        },
        null,
        { timeout: kActionTimeout },
      )
      // The declaration reached the registry's day list, as the resident's own.
      const day = await api(base, 'GET', `/api/v1/communities/${kCommunity}/declarations?limit=5`, { token: manager })
      check(
        day.body.items.some((d) => d.person_id === person.id && d.colour === 'green' && !d.assisted),
        `declaration not listed: ${JSON.stringify(day.body)}`,
      )
      return page
    },
  },
  {
    // A parent declares for their young child from their own phone: their own name, ID and phone,
    // the switch, the child's name and ID; the pass that comes back is the child's.
    name: 'declare-for-child',
    async run({ context, base }) {
      const manager = await apiLogin(base, 'manager')
      const list = await api(base, 'GET', `/api/v1/communities/${kCommunity}/persons?limit=200&zone_id=3`, { token: manager })
      const byHousehold = new Map()
      for (const p of list.body.items) {
        if (p.household_id && p.age !== null) {
          byHousehold.set(p.household_id, [...(byHousehold.get(p.household_id) ?? []), p])
        }
      }
      const family = [...byHousehold.values()].find(
        (h) => h.some((p) => p.age >= 18 && p.age < 60 && p.phone) && h.some((p) => p.age < 18),
      )
      check(family, 'a demo household with a parent and a child')
      const reveal = async (p) =>
        (await api(base, 'POST', `/api/v1/persons/${p.id}/reveal`, { token: manager, body: { reason: 'e2e family' } })).body
      const parent = family.find((p) => p.age >= 18 && p.age < 60 && p.phone)
      const child = family.find((p) => p.age < 18)
      const parentFull = await reveal(parent)
      const childFull = await reveal(child)
      const page = await newPage(context, this.name, { width: 390, height: 844 })
      await page.goto(`${base}/d/${kCommunity}`)
      // The phone may hold an earlier scenario's pass (kept for offline): a fresh form.
      await page.evaluate(() => localStorage.clear())
      await page.reload()
      await page.locator('[data-testid="decl-name"]').fill(parent.name)
      await page.locator('[data-testid="decl-id-number"]').fill(parentFull.id_number)
      await page.locator('[data-testid="decl-phone"]').fill(parentFull.phone)
      await page.locator('[data-testid="decl-for-dependant"]').click()
      await page.locator('[data-testid="decl-dependant-name"]').fill(child.name)
      await page.locator('[data-testid="decl-dependant-id-number"]').fill(childFull.id_number)
      await page.locator('[data-testid="decl-temperature"]').fill('36.6')
      await page.locator('[data-testid="decl-promise"]').click()
      await page.locator('[data-testid="decl-submit"]').click()
      const label = page.locator('[data-testid="pass-for-dependant"]')
      await label.waitFor()
      check((await label.innerText()).includes(`${child.name[0]}*`), `label: ${await label.innerText()}`)
      const day = await api(base, 'GET', `/api/v1/communities/${kCommunity}/declarations?limit=5`, { token: manager })
      check(day.body.items.some((d) => d.person_id === child.id), 'the child\'s declaration is listed')
      return page
    },
  },
  {
    // The gate station with a USB scanner's typed input: a green pass is let in, a yellow one
    // denied, a fever referred — and the fever case is there for the console.
    name: 'station-scan',
    async run({ context, base }) {
      const manager = await apiLogin(base, 'manager')
      const green = await residentPass(base, manager, 'q=%E7%8E%8B')
      const yellow = await residentPass(base, manager, 'q=%E6%9D%8E', { contact_with_cases: true })
      check(yellow.colour === 'yellow', `colour ${yellow.colour}`)
      const page = await newPage(context, this.name, { width: 1024, height: 768 })
      await startStation(page, base)
      check((await scanPass(page, green.token, 36.4)) === 'allow', 'green pass not allowed')
      check((await scanPass(page, yellow.token)) === 'deny', 'yellow pass not denied')
      const reasons = await page.locator('[data-testid="station-reasons"]').innerText()
      check(reasons.includes('黄码'), `reasons: ${reasons}`)
      check((await scanPass(page, green.token, 38.3)) === 'refer', 'fever not referred')
      const cases = await api(base, 'GET', `/api/v1/communities/${kCommunity}/fever-cases?open=true`, { token: manager })
      check(
        cases.body.items.some((c) => c.person_id === green.person.id && c.temperature === 38.3),
        `no fever case: ${JSON.stringify(cases.body)}`,
      )
      const counts = await Promise.all(
        ['allow', 'deny', 'refer'].map((d) => page.locator(`[data-testid="station-count-${d}"]`).innerText()),
      )
      check(counts.every((c) => /1/.test(c)), `shift counts: ${counts}`)
      await page.screenshot({ path: path.join(shotDir, 'station-scan-gate.png') })
      // The manager sees the case in the console's fever alerts.
      const consolePage = await newPage(context, `${this.name}-console`)
      await signIn(consolePage, base, 'manager')
      await consolePage.goto(`${base}/gate/fever`)
      const table = consolePage.locator('[data-testid="fever-table"]')
      await table.locator('tbody tr').first().waitFor()
      const text = await table.innerText()
      check(text.includes(green.person.name) && text.includes('38.3'), `fever table: ${text}`)
      return consolePage
    },
  },
  {
    // The network cut at the gate: 20 scans decided offline and queued, then uploaded in order
    // when the network returns, each stored exactly once.
    name: 'station-offline',
    // What a browser says when it is cut off is expected here.
    allow: [/ERR_INTERNET_DISCONNECTED/, /net::ERR_/, /Failed to load resource/, /Failed to fetch/],
    async run({ context, base }) {
      const manager = await apiLogin(base, 'manager')
      const green = await residentPass(base, manager, 'q=%E5%88%98')
      const before = await gateEventCount(base, manager, green.person.id)
      const page = await newPage(context, this.name, { width: 390, height: 844 })
      await startStation(page, base)
      // Online once: the station has its key and list; let the service worker take the page.
      await page.waitForTimeout(1500)
      await context.setOffline(true)
      try {
        for (let i = 0; i < 20; i++) {
          const decision = await scanPass(page, green.token)
          check(decision === 'allow', `offline scan ${i}: ${decision}`)
        }
        check((await page.locator('[data-testid="station-decision"]').getAttribute('data-offline')) === 'true', 'not decided offline')
        // The count follows the queue's write to IndexedDB, a moment after the decision shows.
        await page
          .waitForFunction(
            () => document.querySelector('[data-testid="station-pending"]')?.getAttribute('data-pending') === '20',
            null,
            { timeout: kActionTimeout },
          )
          .catch(() => undefined)
        const waiting = await page.locator('[data-testid="station-pending"]').getAttribute('data-pending')
        check(waiting === '20', `waiting: ${waiting}`)
        // Nothing reached the server while offline.
        check((await gateEventCount(base, manager, green.person.id)) === before, 'events arrived while offline')
      } finally {
        await context.setOffline(false)
      }
      await page.waitForFunction(
        () => document.querySelector('[data-testid="station-pending"]')?.getAttribute('data-pending') === '0',
        null,
        { timeout: 60_000 },
      )
      const after = await gateEventCount(base, manager, green.person.id)
      check(after === before + 20, `stored ${after - before} events, want 20`)
      // Flushing again (a retry) stores nothing more.
      await page.locator('[data-testid="station-pending"]').click()
      await page.waitForTimeout(1000)
      check((await gateEventCount(base, manager, green.person.id)) === before + 20, 'a retry stored duplicates')
      return page
    },
  },
  {
    // A visitor registered at the station: masked in the console's visitor log, with a pass for
    // the day shown as a QR code.
    name: 'station-visitor',
    async run({ context, base }) {
      const page = await newPage(context, this.name, { width: 1024, height: 768 })
      await startStation(page, base)
      await page.locator('[data-testid="station-visitor-open"]').click()
      const visitorId = residentId('44030019850101123')
      await page.locator('[data-testid="visitor-name"]').fill('来访者')
      await page.locator('[data-testid="visitor-doc-number"]').fill(visitorId)
      await page.locator('[data-testid="visitor-phone"]').fill('13912345678')
      await page.locator('[data-testid="visitor-host"]').fill('3栋2单元501 李阿姨')
      await page.locator('[data-testid="visitor-purpose"]').fill('送药')
      await page.locator('[data-testid="visitor-temperature"]').fill('36.4')
      await page.locator('[data-testid="visitor-submit"]').click()
      const decision = page.locator('[data-testid="visitor-decision"]')
      await decision.waitFor()
      check((await decision.getAttribute('data-decision')) === 'allow', 'visitor not allowed')
      await page.waitForFunction(
        () => {
          const img = document.querySelector('[data-testid="visitor-pass-qr"]')
          return img && img.complete && img.naturalWidth > 0
        },
        null,
        { timeout: kActionTimeout },
      )
      const shot = page
      const manager = await apiLogin(base, 'manager')
      const log = await api(base, 'GET', `/api/v1/communities/${kCommunity}/visitors?limit=5`, { token: manager })
      const v = log.body.items.find((x) => x.name === '来访者')
      check(v && v.phone === '139****5678' && !JSON.stringify(log.body).includes(visitorId), `visitor log: ${JSON.stringify(log.body)}`)
      return shot
    },
  },
  {
    name: 'no-console-errors',
    async run({ context, base }) {
      const page = await newPage(context, this.name)
      await signIn(page, base, 'admin')
      await page.goto(`${base}/account`)
      await page.locator('[data-testid="account"]').waitFor()
      await page.goto(`${base}/system/users`)
      await page.locator('[data-testid="users"] tbody tr').first().waitFor()
      await page.waitForTimeout(500)
      check(consoleErrors.length === 0, `console errors:\n  ${consoleErrors.join('\n  ')}`)
      return page
    },
  },
]

// ---------------------------------------------------------------------------------------------
// The gate station

/** A resident's pass: a manager reveals them, they declare through the API (`extra` for colour). */
async function residentPass(base, manager, q, extra = {}) {
  const list = await api(base, 'GET', `/api/v1/communities/${kCommunity}/persons?limit=1&zone_id=1&${q}`, { token: manager })
  const person = list.body.items[0]
  const full = await api(base, 'POST', `/api/v1/persons/${person.id}/reveal`, { token: manager, body: { reason: 'e2e gate' } })
  const declared = await api(base, 'POST', '/api/v1/declarations', {
    body: {
      community_code: kCommunity,
      name: person.name,
      id_number: full.body.id_number,
      phone: full.body.phone,
      temperature: 36.5,
      promise: true,
      ...extra,
    },
  })
  check(declared.status === 201, `declaration: ${declared.status} ${JSON.stringify(declared.body)}`)
  return { person, token: declared.body.pass.token, colour: declared.body.pass.colour }
}

/** Signs guard1 in on the station and starts at zone 1's gate. */
async function startStation(page, base) {
  await page.goto(`${base}/station`)
  // The station remembers its guard and entrance (the browser profile outlives a scenario).
  const login = page.locator('[data-testid="station-username"]')
  const select = page.locator('[data-testid="station-entrance"]')
  const scan = page.locator('[data-testid="station-scan"]')
  await login.or(select).or(scan).first().waitFor()
  if (await login.isVisible()) {
    await login.fill('guard1')
    await page.locator('[data-testid="station-password"]').fill(kPassword)
    await page.locator('[data-testid="station-login"]').click()
    await select.or(scan).first().waitFor()
  }
  if (await select.isVisible()) {
    await select.selectOption({ index: 1 })
    await page.locator('[data-testid="station-start"]').click()
  }
  await scan.waitFor()
}

/** Types a pass as a USB scanner does (characters, then Enter); resolves with the decision. */
async function scanPass(page, token, temperature) {
  const banner = page.locator('[data-testid="station-decision"]')
  const before = Number((await banner.getAttribute('data-seq')) ?? '0')
  if (temperature !== undefined) {
    await page.locator('[data-testid="station-temperature"]').fill(String(temperature))
  }
  const scan = page.locator('[data-testid="station-scan"]')
  await scan.focus()
  await page.keyboard.type(token)
  await page.keyboard.press('Enter')
  await page.waitForFunction(
    (seq) => Number(document.querySelector('[data-testid="station-decision"]')?.getAttribute('data-seq') ?? '0') > seq,
    before,
    { timeout: kActionTimeout },
  )
  return banner.getAttribute('data-decision')
}

async function gateEventCount(base, manager, personId) {
  const r = await api(base, 'GET', `/api/v1/communities/${kCommunity}/gate-events?person_id=${personId}&limit=200`, { token: manager })
  check(r.status === 200, `gate events: ${r.status}`)
  return r.body.items.length
}

// ---------------------------------------------------------------------------------------------

async function main() {
  check(existsSync(path.join(distDir, 'index.html')), `no ${distDir}/index.html: run npm run build first`)
  check(existsSync(cordonBin), `no cordon binary at ${cordonBin} (set CORDON_BIN)`)
  mkdirSync(shotDir, { recursive: true })
  const dir = mkdtempSync(path.join(tmpdir(), 'cordon-e2e-'))
  let server = null
  let context = null
  let passed = 0
  let failed = 0
  let db = ''
  try {
    db = makeDemo(dir)
    server = await startServer(db)
    log(`server: ${server.base}`)
    // A server that cannot sign anyone in fails every scenario: say so once, up front.
    await apiLogin(server.base, 'manager')
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: chromiumBin,
      headless: true,
      locale: 'zh-CN',
      viewport: kViewport,
      acceptDownloads: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    for (const p of context.pages()) {
      await p.close()
    }
    for (const scenario of scenarios) {
      if (only.length > 0 && !only.includes(scenario.name)) {
        continue
      }
      allowedErrors = scenario.allow ?? []
      const started = Date.now()
      let page = null
      try {
        page = await scenario.run.call(scenario, { context, base: server.base, dir, db })
        passed++
        log(`PASS ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      } catch (error) {
        failed++
        log(`FAIL ${scenario.name}: ${error instanceof AssertionError ? error.message : error.stack}`)
      } finally {
        const pages = context.pages()
        const shotPage = page ?? pages[pages.length - 1]
        if (shotPage && !shotPage.isClosed()) {
          await shotPage.screenshot({ path: path.join(shotDir, `${scenario.name}.png`) }).catch(() => undefined)
        }
        for (const p of context.pages()) {
          await p.close().catch(() => undefined)
        }
        allowedErrors = []
      }
    }
  } catch (error) {
    failed++
    log(`FAIL setup: ${error instanceof AssertionError ? error.message : (error.stack ?? error)}`)
  } finally {
    if (context) {
      await context.close().catch(() => undefined)
    }
    if (server) {
      await stopServer(server.child)
      sanitizerReports.push(...sanitizerLines(server.child.stderrText()))
      if (sanitizerReports.length > 0) {
        failed++
        log(`FAIL server-sanitizers:\n  ${sanitizerReports.slice(0, 20).join('\n  ')}`)
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  log(`screenshots: ${shotDir}`)
  log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed > 0 ? 1 : 0
}

await main()
