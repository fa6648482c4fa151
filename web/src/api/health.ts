// Health declarations as staff work with them (tags `declarations`, `rules`, `sweep`): the lists
// and counts, declaring for a person (协助录入), confirming new arrivals, the colour rules and risk
// areas, and the sweep of those who have not declared with its visit tasks. Every call carries the
// staff token.
import { fetchFile, http, type Download } from './http'
import type {
  Arrival,
  ArrivalCriteria,
  AssistedDeclarationInput,
  ColourCounts,
  ColourRuleSet,
  ColourRuleSetInput,
  ColourRulesPreview,
  DeclarationCriteria,
  DeclarationListed,
  DeclarationResult,
  Items,
  Page,
  RiskArea,
  RiskAreaInput,
  SavedColourRuleSet,
  SavedRiskArea,
  UndeclaredCriteria,
  UndeclaredPage,
  VisitInput,
  VisitTask,
  VisitTaskCriteria,
  VisitTasksInput,
} from './types'

const community = (code: string) => `/api/v1/communities/${encodeURIComponent(code)}`

export const healthApi = {
  declarations: (
    code: string,
    criteria: DeclarationCriteria,
    limit: number,
    cursor: string | null,
    signal?: AbortSignal,
  ) => http.get<Page<DeclarationListed>>(`${community(code)}/declarations`, { ...criteria, limit, cursor }, signal),
  colourCounts: (code: string) => http.get<ColourCounts>(`${community(code)}/colours`),
  /** Declares for a registered person, as the signed-in staff member (recorded as assisted). */
  assist: (input: AssistedDeclarationInput) => http.post<DeclarationResult>('/api/v1/declarations', input),
  /** The community's declaration QR code (an image behind the token, so fetched as a file). */
  declareQr: (code: string): Promise<Download> =>
    fetchFile(`${community(code)}/declare-qr`, { format: 'svg' }, `declare-${code}.svg`),

  /** Residents who declared as new here, newest first. */
  arrivals: (code: string, criteria: ArrivalCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<Page<Arrival>>(`${community(code)}/arrivals`, { ...criteria, limit, cursor }, signal),
  /** Confirms a pending arrival; answers it with `confirmed_at` set. */
  confirmArrival: (personId: number) => http.post<Arrival>(`/api/v1/persons/${personId}/confirm-arrival`),

  colourRules: () => http.get<ColourRuleSet>('/api/v1/colour-rules'),
  previewColourRules: (input: ColourRuleSetInput) =>
    http.post<ColourRulesPreview>('/api/v1/colour-rules/preview', input),
  saveColourRules: (input: ColourRuleSetInput) => http.put<SavedColourRuleSet>('/api/v1/colour-rules', input),

  riskAreas: () => http.get<Items<RiskArea>>('/api/v1/risk-areas'),
  createRiskArea: (input: RiskAreaInput) => http.post<SavedRiskArea>('/api/v1/risk-areas', input),
  updateRiskArea: (id: number, input: RiskAreaInput) => http.put<SavedRiskArea>(`/api/v1/risk-areas/${id}`, input),
  removeRiskArea: (id: number) => http.delete<undefined>(`/api/v1/risk-areas/${id}`),

  undeclared: (code: string, criteria: UndeclaredCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<UndeclaredPage>(`${community(code)}/undeclared`, { ...criteria, limit, cursor }, signal),
  exportUndeclared: (code: string, criteria: UndeclaredCriteria): Promise<Download> =>
    fetchFile(`${community(code)}/undeclared.xlsx`, { ...criteria }, `undeclared-${code}.xlsx`),
  visitTasks: (code: string, criteria: VisitTaskCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<Page<VisitTask>>(`${community(code)}/visit-tasks`, { ...criteria, limit, cursor }, signal),
  createVisitTasks: (code: string, input: VisitTasksInput) =>
    http.post<{ created: number }>(`${community(code)}/visit-tasks`, input),
  recordVisit: (taskId: number, input: VisitInput) => http.post<VisitTask>(`/api/v1/visit-tasks/${taskId}/visits`, input),
}
