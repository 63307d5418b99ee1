import type { Menu } from './menu.ts';

/**
 * The official account's menu, created by `npm run oa:menu`. Each CLICK button's key is the command
 * word a member would type: tapping it is the same as sending that word. Change the menu here and
 * run `npm run oa:menu` again (WeChat's clients pick it up within 5 minutes).
 *
 * Limits (WeChat's): at most 3 buttons, each with at most 5 sub-buttons; names of at most 16 bytes
 * (5 Chinese characters) on the bar and 60 bytes (20) in a sub-menu; keys of at most 128 bytes.
 * 请假 is left out on purpose: it needs a length (请假 30天), so members type it.
 */
export const defaultMenu: Menu = {
  button: [
    { type: 'click', name: '签到', key: '签到' },
    { type: 'click', name: '我的', key: '我的' },
    {
      name: '学习',
      sub_button: [
        { type: 'click', name: '已学', key: '已学' },
        { type: 'click', name: '报名', key: '报名' },
        { type: 'click', name: '帮助', key: '帮助' },
      ],
    },
  ],
};
