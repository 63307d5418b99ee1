/**
 * One named part of the running assistant (intake, delivery, schedules, later the console).
 * The assistant starts its parts in order once the database is migrated, and stops them in
 * reverse order, so a part can rely on the ones started before it while it runs.
 */
export interface AssistantPart {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
