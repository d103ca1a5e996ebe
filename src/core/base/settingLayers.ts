/**
 * Which layer of a setting is in force when the workspace is not trusted. A cloned repository's
 * `.vscode/settings.json` can set a system prompt with hidden instructions (which Fix and Add
 * Comments then follow, writing the output into the file), switch insertion to replace the
 * selection, or lift limits. Such settings apply from the workspace only once it is trusted.
 */

/** The layers of one setting, as VS Code's `WorkspaceConfiguration.inspect` reports them. */
export interface SettingLayers<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value in force and whether it comes from the workspace (or a folder of it). */
export interface LayeredValue<T> {
  value: T | undefined;
  fromWorkspace: boolean;
}

/**
 * The setting's value: the most specific layer that is set, as VS Code resolves it, except that
 * workspace and folder layers count only in a `trusted` workspace; otherwise the user's own value
 * (or the default) applies.
 */
export function settingValue<T>(layers: SettingLayers<T> | undefined, trusted: boolean): LayeredValue<T> {
  if (!layers) return { value: undefined, fromWorkspace: false };
  if (trusted) {
    if (layers.workspaceFolderValue !== undefined) return { value: layers.workspaceFolderValue, fromWorkspace: true };
    if (layers.workspaceValue !== undefined) return { value: layers.workspaceValue, fromWorkspace: true };
  }
  if (layers.globalValue !== undefined) return { value: layers.globalValue, fromWorkspace: false };
  return { value: layers.defaultValue, fromWorkspace: false };
}
