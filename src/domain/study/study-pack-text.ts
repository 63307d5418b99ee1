/** What members receive for a 学习包, and the keys that make the bot's study broadcasts idempotent. */

/** The pack as pushed to members' direct chats. */
export function studyPackText(pack: { title: string; content: string }): string {
  return `【学习包】${pack.title}\n${pack.content}\n学完请回复「已学」打卡。`;
}

/** The one reminder to members who have not said 已学. */
export function studyReminderText(pack: { title: string; content: string }): string {
  return `【学习提醒】学习包「${pack.title}」您还没有打卡：\n${pack.content}\n学完请回复「已学」打卡。`;
}

/** The pack's own broadcast (one per pack; the secretary's preview carries it too). */
export function studyPackBroadcastKey(packId: number): string {
  return `study-pack-${packId}`;
}

/** The pack's one reminder broadcast: once ever. */
export function studyReminderBroadcastKey(packId: number): string {
  return `study-reminder-${packId}`;
}
