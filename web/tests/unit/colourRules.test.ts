// The colour rules editor's logic: parameters per kind, form ↔ body, checks, field names, preview.
import { describe, expect, it } from 'vitest'

import type { ColourRuleSetInput, RuleCondition } from '@/api/types'
import {
  checkRules,
  colourChanges,
  formFromRuleSet,
  moveRow,
  newRuleRow,
  parseRuleField,
  ruleField,
  ruleParams,
  ruleSetBody,
  type RuleParam,
  type RulesForm,
} from '@/utils/colourRules'

/** The rule set as `GET /colour-rules` answers it: every parameter on every rule. */
const served: ColourRuleSetInput = {
  valid_days: 1,
  rules: [
    {
      id: 'fever',
      when: 'temperature_at_least',
      colour: 'red',
      temperature: 37.3,
      symptoms: [],
      min_level: 'high',
      within_days: 14,
      note: ' Fever ',
    },
    {
      id: 'symptoms',
      when: 'any_symptom',
      colour: 'red',
      temperature: 37.3,
      symptoms: ['cough'],
      min_level: 'high',
      within_days: 14,
      note: '',
    },
    {
      id: 'close_contact',
      when: 'contact_with_cases',
      colour: 'yellow',
      temperature: 37.3,
      symptoms: [],
      min_level: 'high',
      within_days: 14,
      note: '',
    },
    {
      id: 'medium_risk_travel',
      when: 'travel_to_risk_area',
      colour: 'yellow',
      temperature: 37.3,
      symptoms: [],
      min_level: 'medium',
      within_days: 7,
      note: '',
    },
  ],
}

describe('ruleParams', () => {
  const cases: Array<[RuleCondition, RuleParam[]]> = [
    ['temperature_at_least', ['temperature']],
    ['any_symptom', ['symptoms']],
    ['contact_with_cases', []],
    ['contact_with_risk_area', []],
    ['travel_to_risk_area', ['min_level', 'within_days']],
  ]
  it.each(cases)('%s shows %j', (when, want) => {
    expect(ruleParams(when)).toEqual(want)
  })
})

describe('ruleSetBody', () => {
  it('sends each rule with the parameters of its kind only', () => {
    expect(ruleSetBody(formFromRuleSet(served))).toEqual({
      valid_days: 1,
      rules: [
        { id: 'fever', when: 'temperature_at_least', colour: 'red', temperature: 37.3, note: 'Fever' },
        { id: 'symptoms', when: 'any_symptom', colour: 'red', symptoms: ['cough'], note: '' },
        { id: 'close_contact', when: 'contact_with_cases', colour: 'yellow', note: '' },
        {
          id: 'medium_risk_travel',
          when: 'travel_to_risk_area',
          colour: 'yellow',
          min_level: 'medium',
          within_days: 7,
          note: '',
        },
      ],
    })
  })

  it('keeps a parameter through a change of kind and back, and rounds the temperature', () => {
    const form = formFromRuleSet(served)
    const fever = form.rules[0]!
    fever.temperature = 37.849999
    fever.when = 'any_symptom'
    expect(ruleSetBody(form).rules[0]).toEqual({ id: 'fever', when: 'any_symptom', colour: 'red', symptoms: [], note: 'Fever' })
    fever.when = 'temperature_at_least'
    expect(ruleSetBody(form).rules[0]?.temperature).toBe(37.8)
  })

  it('fills parameters the server left out with the defaults', () => {
    const form = formFromRuleSet({ valid_days: 2, rules: [{ id: 'x', when: 'travel_to_risk_area', colour: 'red', note: '' }] })
    expect(form.rules[0]).toMatchObject({ temperature: 37.3, symptoms: [], min_level: 'high', within_days: 14 })
  })
})

describe('newRuleRow and moveRow', () => {
  it('names a new rule with an id not taken', () => {
    const form = formFromRuleSet(served)
    expect(newRuleRow(form.rules).id).toBe('rule_5')
    form.rules[0]!.id = 'rule_5'
    expect(newRuleRow(form.rules).id).toBe('rule_6')
  })

  it('moves a row one place and leaves the ends alone', () => {
    expect(moveRow(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moveRow(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})

describe('parseRuleField', () => {
  it.each([
    ['rules[2].temperature', { index: 2, name: 'temperature' }],
    ['rules[0].id', { index: 0, name: 'id' }],
    ['rules[3].symptoms[1]', { index: 3, name: 'symptoms' }],
    ['rules[4]', { index: 4, name: '' }],
    ['valid_days', null],
    ['rules', null],
    [undefined, null],
  ] as const)('%s → %j', (field, want) => {
    expect(parseRuleField(field)).toEqual(want)
  })

  it('names the field as the API does', () => {
    expect(ruleField(2, 'within_days')).toBe('rules[2].within_days')
  })
})

describe('checkRules', () => {
  const form = (): RulesForm => formFromRuleSet(served)

  it('finds nothing wrong with the served rules', () => {
    expect(checkRules(form())).toEqual({})
  })

  it('names each problem by the API field', () => {
    const f = form()
    f.valid_days = 15
    f.rules[0]!.temperature = 34.9
    f.rules[1]!.id = 'Symptoms!'
    f.rules[2]!.id = 'fever'
    f.rules[3]!.within_days = 31
    expect(checkRules(f)).toEqual({
      valid_days: 'health.rules.errors.validDays',
      'rules[0].temperature': 'health.rules.errors.temperature',
      'rules[1].id': 'health.rules.errors.id',
      'rules[2].id': 'health.rules.errors.idTaken',
      'rules[3].within_days': 'health.rules.errors.withinDays',
    })
  })

  it('ignores the parameters a rule does not use', () => {
    const f = form()
    f.rules[2]!.temperature = 99
    f.rules[2]!.within_days = 0
    expect(checkRules(f)).toEqual({})
  })

  it('refuses unknown symptoms and too many rules', () => {
    const f = form()
    f.rules[1]!.symptoms = ['cough', 'sneezing']
    expect(checkRules(f)).toEqual({ 'rules[1].symptoms': 'health.rules.errors.symptoms' })
    const many = form()
    many.rules = Array.from({ length: 51 }, () => newRuleRow([])).map((r, i) => ({ ...r, id: `r${i}` }))
    expect(checkRules(many)).toEqual({ rules: 'health.rules.errors.tooMany' })
  })
})

describe('colourChanges', () => {
  it('lists the changes that happen, largest first, keeping keys it cannot read', () => {
    expect(colourChanges({ green_to_yellow: 10, yellow_to_green: 2, red_to_green: 0, none_to_red: 2, odd: 1 })).toEqual([
      { key: 'green_to_yellow', from: 'green', to: 'yellow', count: 10 },
      { key: 'none_to_red', from: 'none', to: 'red', count: 2 },
      { key: 'yellow_to_green', from: 'yellow', to: 'green', count: 2 },
      { key: 'odd', from: null, to: null, count: 1 },
    ])
  })
})
