// The navigation entry every settings screen sits under (its own module: the screens import it and
// the hub imports the screens).
export const SETTINGS_HREF = '/admin/opinion/settings';
