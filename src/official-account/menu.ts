/**
 * The official account's custom menu as WeChat's menu/create takes it (its field names): at most 3
 * buttons, each either an action or a sub-menu of at most 5 actions. A CLICK button sends its key
 * to our callback as a click event; `view` opens a web page.
 */
export type MenuAction = { type: 'click'; name: string; key: string } | { type: 'view'; name: string; url: string };

export type MenuButton = MenuAction | { name: string; sub_button: MenuAction[] };

export interface Menu {
  button: MenuButton[];
}
