export { CaseService } from './case.service.js';
export { CaseRepository } from './case.repository.js';
export { CaseNotifications } from './case.notifications.js';
export { IntakeService, type IntakeResult, type SourceMessage } from './intake.service.js';
export { toCaseSummary } from './case.view.js';
export { formatCaseKey, parseCaseKey } from './case-key.js';
export { allowedTransitions, canTransition, caseStatuses, openStatuses, type CaseStatus } from './status.js';
export { joinsOpenCase } from './grouping.js';
export * from './case.schema.js';
