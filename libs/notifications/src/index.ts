export { MailDelivery } from './mail-delivery.entity';
export type { DeliveryStatus, MailAttachment } from './mail-delivery.entity';
export { addressOf, Mailer, MailQueue } from './mail';
export type { MailMessage } from './mail';
export { calendarFeed, calendarInvitation } from './ics';
export type { CalendarEvent, FeedEvent } from './ics';
export { SendMail } from './send-mail.job';
export { NotificationsModule } from './notifications.module';
export { NotificationsJobsModule } from './jobs';
