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
export { RecordOutcome, StartRoute } from './routes/route-commands';
export type { RecordOutcomeCommand } from './routes/route-commands';
export { ImportRoute } from './routes/import-route';
export type { HistoricalEvent } from './routes/import-route';
export { Tjansteskrivelse, proposalText } from './tjansteskrivelser/tjansteskrivelse.entity';
export { Tjansteskrivelser } from './tjansteskrivelser/tjansteskrivelser';
export {
  CreateTjansteskrivelse,
  SubmitTjansteskrivelse,
  UpdateTjansteskrivelse,
} from './tjansteskrivelser/tjansteskrivelse-commands';
export type { TjansteskrivelseFields } from './tjansteskrivelser/tjansteskrivelse-commands';
export { ImportTjansteskrivelse } from './tjansteskrivelser/import-tjansteskrivelse.use-case';
export type { HistoricalTjansteskrivelse } from './tjansteskrivelser/import-tjansteskrivelse.use-case';
export { Motion } from './motions/motion.entity';
export type { MotionAuthor } from './motions/motion.entity';
export { Motions, RegisterMotion, RemitMotion } from './motions/motion-commands';
export { oneYearAfter } from './motions/motion-year';
export { AttachMotion } from './motions/attach-motion.use-case';
export { WorkflowQueries } from './timeline/workflow.queries';
export type { ReadyCase, Timeline } from './timeline/workflow.queries';
export { WorkflowModule } from './workflow.module';
export { WorkflowHttpModule } from './workflow-http.module';
export { ApplyRouteEvent } from './routes/apply-route-event';
export { AgendaPlacements } from './routes/agenda-placements';
export { RouteQueries } from './routes/route.queries';
export type { DecidedClauseEvent } from './routes/route.queries';
export type { PlacedStep } from './routes/agenda-placements';
