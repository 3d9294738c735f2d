export { parseRouteFile, RouteTemplateError, STEP_ROLES } from './routes/route-template';
export type { RouteTemplate, StepRole, StepTemplate } from './routes/route-template';
export {
  allowedTransitions,
  applyTransition,
  initialState,
  MOTION_ANSWERS,
  OUTCOME_KINDS,
  refusal,
} from './routes/route-machine';
export type {
  MachineState,
  MachineTransition,
  MotionAnswer,
  OutcomeKind,
  RouteStatus,
  StepState,
  TransitionKind,
} from './routes/route-machine';
export { RouteCatalogue } from './routes/route-catalogue';
export { RouteEvent, RouteInstance, RouteStep } from './routes/route.entities';
export { machineStateOf, Routes } from './routes/routes';
export type { EventDetails, LoadedRoute } from './routes/routes';
export { RecordOutcome } from './routes/record-outcome.use-case';
export { StartRoute } from './routes/start-route.use-case';
export type { RecordOutcomeCommand } from './routes/route.commands';
export { ImportRoute } from './routes/import-route';
export type { HistoricalEvent } from './routes/import-route';
export { Tjansteskrivelse, proposalText } from './tjansteskrivelser/tjansteskrivelse.entity';
export { Tjansteskrivelser } from './tjansteskrivelser/tjansteskrivelser';
export { CreateTjansteskrivelse } from './tjansteskrivelser/create-tjansteskrivelse.use-case';
export { SubmitTjansteskrivelse } from './tjansteskrivelser/submit-tjansteskrivelse.use-case';
export { UpdateTjansteskrivelse } from './tjansteskrivelser/update-tjansteskrivelse.use-case';
export type { TjansteskrivelseFields } from './tjansteskrivelser/tjansteskrivelse.commands';
export { ImportTjansteskrivelse } from './tjansteskrivelser/import-tjansteskrivelse.use-case';
export type { HistoricalTjansteskrivelse } from './tjansteskrivelser/import-tjansteskrivelse.use-case';
export { Motion } from './motions/motion.entity';
export type { MotionAuthor } from './motions/motion.entity';
export { MotionQueries } from './motions/motion.queries';
export { RegisterMotion } from './motions/register-motion.use-case';
export { RemitMotion } from './motions/remit-motion.use-case';
export { RecordMotionReport } from './motions/record-motion-report.use-case';
export { WriteOffMotions } from './motions/write-off-motions.use-case';
export { assertMayWriteOff } from './motions/motion.commands';
export { oneYearAfter } from './motions/motion-year';
export { AttachMotion } from './motions/attach-motion.use-case';
export { WorkflowQueries } from './timeline/workflow.queries';
export type { ReadyCase, Timeline } from './timeline/workflow.queries';
export { WorkflowModule } from './workflow.module';
export { WorkflowHttpModule } from './workflow-http.module';
export { ApplyRouteEvent } from './routes/apply-route-event';
export { AgendaPlacements } from './routes/agenda-placements';
export { RouteQueries } from './routes/route.queries';
export type { CaseRouteStep, DecidedClauseEvent } from './routes/route.queries';
export type { PlacedStep } from './routes/agenda-placements';
