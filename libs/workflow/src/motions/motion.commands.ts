export interface RemitMotionCommand {
  /** The day KF decided to remit the motion, and KF's paragraph. */
  decidedOn: string;
  paragraph: number;
}
