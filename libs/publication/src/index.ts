export { PublicationModule } from './publication.module';
export { PublicationHttpModule } from './publication-http.module';
export { PublicReadModel } from './public-read-model';
export { PublicChanges } from './changes/public-changes';
export { WebhookFeed } from './webhooks/webhook-feed';
export type {
  PublicAgendaItem,
  PublicCase,
  PublicFile,
  PublicMeeting,
  PublicOrgan,
  PublicPerson,
  PublicSeat,
  PublicStep,
} from './public-read-model';
export { OPARL_VERSION, VENDOR_PREFIX } from './oparl/oparl-objects';
