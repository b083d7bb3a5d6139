/*
 * The platform's configuration of this Camunda webapp (it replaces the webjar's empty scripts/config.js).
 *
 * The webapp starts by loading its plugins through RequireJS, whose default load timeout is 7 seconds: on a busy
 * machine (or a slow link) the plugin scripts take longer, RequireJS gives up ("Load timeout for modules"), and the
 * app never starts: no sign-in form, nothing but an empty page. The bootstrap loads this file before it asks for the
 * plugins and has put RequireJS's require() on the window: no timeout from here on, so the page waits for its scripts
 * as long as the browser does. (The requireJsConfig key below would come too late: it is read after the plugins.)
 */
if (window.require && typeof window.require.config === 'function') {
  window.require.config({ waitSeconds: 0 });
}

export default {
};
