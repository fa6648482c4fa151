// The declaration form and the pass card with a household member: the switch and its fields
// (hidden for a new arrival), the body sent, the server's member errors on the member's fields,
// and the pass labelled as the member's.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { DeclarationInput, DeclarationResult, PublicCommunity } from '@/api/types'
import DeclarationForm from '@/declare/components/DeclarationForm.vue'
import PassCard from '@/declare/components/PassCard.vue'
import { setLanguage } from '@/declare/locales'
import { loadPass, passFromResult, passKey, savePass } from '@/declare/passStore'

// The stylesheets the Vant resolver imports with each component: node cannot load CSS.
vi.mock('vant/es/button/style/index', () => ({}))
vi.mock('vant/es/cell/style/index', () => ({}))
vi.mock('vant/es/cell-group/style/index', () => ({}))
vi.mock('vant/es/checkbox/style/index', () => ({}))
vi.mock('vant/es/checkbox-group/style/index', () => ({}))
vi.mock('vant/es/field/style/index', () => ({}))
vi.mock('vant/es/radio/style/index', () => ({}))
vi.mock('vant/es/radio-group/style/index', () => ({}))
vi.mock('vant/es/stepper/style/index', () => ({}))
vi.mock('vant/es/switch/style/index', () => ({}))
vi.mock('vant/es/cascader/style/index', () => ({}))
vi.mock('vant/es/popup/style/index', () => ({}))

const submit = vi.hoisted(() => vi.fn())
vi.mock('@/api/declarations', () => ({
  declarationsApi: { submit, community: vi.fn(), qrUrl: (token: string) => `/qr?token=${token}` },
}))

const kCommunity: PublicCommunity = {
  community: { code: '441900003013', name: '岗贝社区' },
  buildings: [],
  symptoms: ['fever', 'cough'],
}

const kResult: DeclarationResult = {
  declaration: { id: 9, day: '2026-11-30', colour: 'green', reasons: [], submitted_at: '2026-11-30T08:01:02Z', assisted: false },
  pass: { colour: 'green', token: 'tok', expires_at: '2099-12-01T16:00:00Z' },
}

const kChildId = '441900201503070012'

let wrapper: VueWrapper | null = null

function mountForm(): VueWrapper {
  wrapper = mount(DeclarationForm, { props: { community: kCommunity }, attachTo: document.body })
  return wrapper
}

const input = (w: VueWrapper, testid: string) => w.find(`input[data-testid="${testid}"]`)

async function fillDeclarer(w: VueWrapper) {
  await input(w, 'decl-name').setValue('王伟')
  await input(w, 'decl-id-number').setValue('11010519491231002X')
  await input(w, 'decl-phone').setValue('13800138000')
  await w.find('[data-testid="decl-promise"]').trigger('click')
}

beforeEach(() => {
  setLanguage('zh-CN')
  submit.mockReset()
  Element.prototype.scrollIntoView = () => {}
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('the form with a household member', () => {
  it('shows the member fields only with the switch on, and hides the switch for a new arrival', async () => {
    const w = mountForm()
    expect(w.find('[data-testid="decl-for-dependant"]').exists()).toBe(true)
    expect(input(w, 'decl-dependant-name').exists()).toBe(false)

    await w.find('[data-testid="decl-for-dependant"]').trigger('click')
    expect(input(w, 'decl-dependant-name').exists()).toBe(true)
    expect(input(w, 'decl-dependant-id-number').exists()).toBe(true)
    expect(w.find('[data-testid="decl-dependant-intro"]').text()).toContain('申报人')

    await w.find('[data-testid="decl-new-arrival"]').trigger('click')
    expect(w.find('[data-testid="decl-for-dependant"]').exists()).toBe(false)
    expect(input(w, 'decl-dependant-name').exists()).toBe(false)
    // Back to a registered resident: the switch is off again.
    await w.find('[data-testid="decl-new-arrival"]').trigger('click')
    expect(w.find('[data-testid="decl-for-dependant"]').exists()).toBe(true)
    expect(input(w, 'decl-dependant-name').exists()).toBe(false)
  })

  it('refuses an invalid member ID number before sending', async () => {
    const w = mountForm()
    await fillDeclarer(w)
    await w.find('[data-testid="decl-for-dependant"]').trigger('click')
    await input(w, 'decl-dependant-name').setValue('王小明')
    await input(w, 'decl-dependant-id-number').setValue('441900201503070011')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(submit).not.toHaveBeenCalled()
    expect(w.text()).toContain('家人的身份证号不正确')
  })

  it('sends the member and reports the pass as theirs', async () => {
    submit.mockResolvedValue(kResult)
    const w = mountForm()
    await fillDeclarer(w)
    await w.find('[data-testid="decl-for-dependant"]').trigger('click')
    await input(w, 'decl-dependant-name').setValue(' 王小明 ')
    await input(w, 'decl-dependant-id-number').setValue(kChildId)
    await w.find('form').trigger('submit')
    await flushPromises()
    const body = submit.mock.calls[0]?.[0] as DeclarationInput
    expect(body.dependant).toEqual({ name: '王小明', id_number: kChildId })
    expect(body.name).toBe('王伟')
    expect(w.emitted('submitted')?.[0]).toEqual([kResult, '王小明', true])
  })

  it('sends no member with the switch off', async () => {
    submit.mockResolvedValue(kResult)
    const w = mountForm()
    await fillDeclarer(w)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(submit.mock.calls[0]?.[0]).not.toHaveProperty('dependant')
    expect(w.emitted('submitted')?.[0]).toEqual([kResult, '王伟', false])
  })

  it.each([
    ['declaration.dependant_mismatch', '您的家庭成员中没有这个人'],
    ['declaration.dependant_not_allowed', '18 至 64 岁的成年人请本人申报'],
  ])('shows %s on the member ID number', async (code, message) => {
    submit.mockRejectedValue(new ApiError(422, code, message, 'dependant.id_number'))
    const w = mountForm()
    await fillDeclarer(w)
    await w.find('[data-testid="decl-for-dependant"]').trigger('click')
    await input(w, 'decl-dependant-name').setValue('王小明')
    await input(w, 'decl-dependant-id-number').setValue(kChildId)
    await w.find('form').trigger('submit')
    await flushPromises()
    const fields = w.findAll('.van-field')
    const idField = fields.find((f) => f.find('input[data-testid="decl-dependant-id-number"]').exists())
    expect(idField?.find('.van-field__error-message').text()).toBe(message)
    expect(w.find('[data-testid="decl-error"]').exists()).toBe(false)
  })
})

describe('the pass of a household member', () => {
  beforeEach(() => localStorage.clear())

  it('is kept as declared for them, and an older pass loads as the holder’s own', () => {
    const pass = passFromResult(kCommunity.community, '王小明', kResult, true)
    expect(pass).toMatchObject({ masked_name: '王*明', for_dependant: true })
    savePass(pass)
    expect(loadPass('441900003013')).toEqual(pass)
    expect(passFromResult(kCommunity.community, '王伟', kResult)).not.toHaveProperty('for_dependant')
    localStorage.setItem(passKey('441900003013'), JSON.stringify({ ...pass, for_dependant: 'yes' }))
    expect(loadPass('441900003013')).toBeNull()
  })

  it('is labelled as declared for them', async () => {
    const now = new Date('2026-11-30T09:00:00Z')
    const pass = passFromResult(kCommunity.community, '张三', kResult, true)
    wrapper = mount(PassCard, { props: { pass, now } })
    expect(wrapper.find('[data-testid="pass-for-dependant"]').text()).toBe('为 张* 申报')
    setLanguage('en')
    await flushPromises()
    expect(wrapper.find('[data-testid="pass-for-dependant"]').text()).toBe('Declared for 张*')
    await wrapper.setProps({ pass: passFromResult(kCommunity.community, '张三', kResult) })
    expect(wrapper.find('[data-testid="pass-for-dependant"]').exists()).toBe(false)
  })
})
