import type { WechatyInterface } from 'wechaty/impls';

const shared = Symbol('shareRoomLoads');

/**
 * Wechaty handles every puppet message itself (whether or not anyone listens to
 * `bot.on('message')`) and, for a room message, calls `room.ready()`, which loads every member
 * of the room. Concurrent calls do not share one load: a burst of 500 messages into a
 * 500-member room that is not loaded yet starts 500 loads of 500 members, and a busy group
 * after a restart crawls at ~200 messages/s (wechaty/wechaty#1772, #2768). Sharing the load in
 * flight brings that to the ~40,000/s Wechaty manages once the room is loaded.
 *
 * Patches this bot's own Room class only (Wechaty gives each bot its own subclass).
 */
export function shareRoomLoads(bot: WechatyInterface): void {
  const prototype = bot.Room.prototype as { ready(forceSync?: boolean): Promise<void>; [shared]?: true };
  if (prototype[shared]) return;
  prototype[shared] = true;
  const ready = prototype.ready;
  const inFlight = new WeakMap<object, Promise<void>>();
  prototype.ready = function shared(this: object, forceSync = false): Promise<void> {
    if (forceSync) return ready.call(this, true);
    let loading = inFlight.get(this);
    if (!loading) {
      loading = ready.call(this).finally(() => inFlight.delete(this));
      inFlight.set(this, loading);
    }
    return loading;
  };
}
