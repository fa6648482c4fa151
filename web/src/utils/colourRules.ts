// The colour rules editor's model: which parameters each kind of rule has, the editable rows and
// their mapping to and from the API, the checks made before sending (the server checks again and
// is the one that counts), and where a server error that names `rules[2].temperature` belongs.
import {
  kSymptomCodes,
  type ColourRule,
  type ColourRuleSetInput,
  type PassColour,
  type RiskLevel,
  type RuleCondition,
  type SymptomCode,
} from '@/api/types'

export type RuleParam = 'temperature' | 'symptoms' | 'min_level' | 'within_days'

const kParamsOf: Record<RuleCondition, readonly RuleParam[]> = {
  temperature_at_least: ['temperature'],
  any_symptom: ['symptoms'],
  contact_with_cases: [],
  contact_with_risk_area: [],
  travel_to_risk_area: ['min_level', 'within_days'],
}

/** The parameters a rule of kind `when` uses, in the order the editor shows them. */
export function ruleParams(when: RuleCondition): readonly RuleParam[] {
  return kParamsOf[when]
}

/** The bounds the server keeps to (domain/health/colour.h, ValidateRuleSet). */
export const kRuleBounds = {
  temperatureMin: 35,
  temperatureMax: 42,
  withinDaysMin: 1,
  withinDaysMax: 30,
  validDaysMin: 1,
  validDaysMax: 14,
  maxRules: 50,
} as const

export const kRuleIdPattern = /^[a-z0-9_]{1,40}$/

/** What a new rule, or a parameter the server left out, starts with. */
const kDefaults = { temperature: 37.3, min_level: 'high' as RiskLevel, within_days: 14 }

/** One row of the editor: every parameter kept, so changing the kind back restores them. */
export interface RuleRow {
  /** Keeps a row's inputs in place when rows move. */
  key: number
  id: string
  when: RuleCondition
  colour: PassColour
  temperature: number
  symptoms: string[]
  min_level: RiskLevel
  within_days: number
  note: string
}

export interface RulesForm {
  valid_days: number
  rules: RuleRow[]
}

let nextKey = 1

function row(rule: ColourRule): RuleRow {
  return {
    key: nextKey++,
    id: rule.id,
    when: rule.when,
    colour: rule.colour,
    temperature: rule.temperature ?? kDefaults.temperature,
    symptoms: [...(rule.symptoms ?? [])],
    min_level: rule.min_level ?? kDefaults.min_level,
    within_days: rule.within_days ?? kDefaults.within_days,
    note: rule.note ?? '',
  }
}

export function formFromRuleSet(set: ColourRuleSetInput): RulesForm {
  return { valid_days: set.valid_days, rules: set.rules.map(row) }
}

/** A new rule with an id none of `rows` has (`rule_1`, `rule_2`, ...). */
export function newRuleRow(rows: readonly RuleRow[]): RuleRow {
  const taken = new Set(rows.map((r) => r.id))
  let n = rows.length + 1
  while (taken.has(`rule_${n}`)) {
    n += 1
  }
  return row({ id: `rule_${n}`, when: 'temperature_at_least', colour: 'yellow', note: '' })
}

/** `rows` with the row at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by
  const out = [...rows]
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) {
    return out
  }
  const [moved] = out.splice(index, 1) as [T]
  out.splice(to, 0, moved)
  return out
}

/** The temperature as sent: °C with one decimal. */
const roundTenth = (value: number): number => Math.round(value * 10) / 10

/** The body of preview and save: each rule with the parameters of its kind only. */
export function ruleSetBody(form: RulesForm): ColourRuleSetInput {
  return {
    valid_days: form.valid_days,
    rules: form.rules.map((r) => {
      const rule: ColourRule = { id: r.id.trim(), when: r.when, colour: r.colour, note: r.note.trim() }
      for (const param of ruleParams(r.when)) {
        if (param === 'temperature') {
          rule.temperature = roundTenth(r.temperature)
        } else if (param === 'symptoms') {
          rule.symptoms = [...r.symptoms]
        } else if (param === 'min_level') {
          rule.min_level = r.min_level
        } else {
          rule.within_days = r.within_days
        }
      }
      return rule
    }),
  }
}

/** A field the API names, within the rules: `rules[2].temperature` → row 2, `temperature`. */
export interface RuleFieldRef {
  index: number
  /** The rule's field; '' when the error is about the rule as a whole (`rules[2]`). */
  name: string
}

/** Where field `field` sits in the rules table; null for a field outside it (`valid_days`). */
export function parseRuleField(field: string | undefined): RuleFieldRef | null {
  const match = /^rules\[([0-9]+)\](?:\.([a-z_]+))?(?:\[[0-9]+\])?$/.exec(field ?? '')
  if (!match) {
    return null
  }
  return { index: Number(match[1]), name: match[2] ?? '' }
}

/** The API's name of a rule's field (`id`, `temperature`, ...). */
export function ruleField(index: number, name: string): string {
  return `rules[${index}].${name}`
}

/** Problems by API field name, as i18n keys under `health.rules.errors`. */
export type RuleProblems = Record<string, string>

const isSymptom = (code: string): code is SymptomCode => (kSymptomCodes as readonly string[]).includes(code)

const within = (value: number, min: number, max: number): boolean =>
  Number.isFinite(value) && value >= min && value <= max

/** What the server would refuse in `form`, found before sending; empty when nothing. */
export function checkRules(form: RulesForm): RuleProblems {
  const problems: RuleProblems = {}
  const b = kRuleBounds
  if (!Number.isInteger(form.valid_days) || !within(form.valid_days, b.validDaysMin, b.validDaysMax)) {
    problems.valid_days = 'health.rules.errors.validDays'
  }
  if (form.rules.length > b.maxRules) {
    problems.rules = 'health.rules.errors.tooMany'
  }
  const seen = new Set<string>()
  form.rules.forEach((r, i) => {
    const id = r.id.trim()
    if (!kRuleIdPattern.test(id)) {
      problems[ruleField(i, 'id')] = 'health.rules.errors.id'
    } else if (seen.has(id)) {
      problems[ruleField(i, 'id')] = 'health.rules.errors.idTaken'
    }
    seen.add(id)
    const params = ruleParams(r.when)
    if (params.includes('temperature') && !within(r.temperature, b.temperatureMin, b.temperatureMax)) {
      problems[ruleField(i, 'temperature')] = 'health.rules.errors.temperature'
    }
    if (params.includes('symptoms') && !r.symptoms.every(isSymptom)) {
      problems[ruleField(i, 'symptoms')] = 'health.rules.errors.symptoms'
    }
    if (
      params.includes('within_days') &&
      (!Number.isInteger(r.within_days) || !within(r.within_days, b.withinDaysMin, b.withinDaysMax))
    ) {
      problems[ruleField(i, 'within_days')] = 'health.rules.errors.withinDays'
    }
  })
  return problems
}

/** The colour words of a preview's change keys; `none` is "no valid colour". */
export type ColourOrNone = PassColour | 'none'

export interface ColourChange {
  /** The key as the server gave it. */
  key: string
  /** null when the key is not `<colour>_to_<colour>` (shown as the key itself). */
  from: ColourOrNone | null
  to: ColourOrNone | null
  count: number
}

const kColourOrNone = new Set<string>(['green', 'yellow', 'red', 'none'])

/** A preview's `changes` as rows to show: non-zero ones only, the largest first. */
export function colourChanges(changes: Record<string, number>): ColourChange[] {
  return Object.entries(changes)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const match = /^([a-z]+)_to_([a-z]+)$/.exec(key)
      const from = match?.[1] ?? ''
      const to = match?.[2] ?? ''
      const known = kColourOrNone.has(from) && kColourOrNone.has(to)
      return {
        key,
        from: known ? (from as ColourOrNone) : null,
        to: known ? (to as ColourOrNone) : null,
        count,
      }
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}
