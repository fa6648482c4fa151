// Error reporting for pages: a toast with the server's message, silent for a lost session.
import { useI18n } from 'vue-i18n'

import { errorText, isSessionLost } from '@/utils/errors'

export function useErrors() {
  const { t } = useI18n()
  return {
    /** The message to show inline (forms, alerts). */
    text: (error: unknown): string => errorText(error, t('common.networkError')),
    /** Shows the error as a toast, unless the session is gone (sign-in says so). */
    report: (error: unknown): void => {
      if (!isSessionLost(error)) {
        ElMessage.error(errorText(error, t('common.networkError')))
      }
    },
  }
}
